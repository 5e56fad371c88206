import { RegionInfo } from 'aws-cdk-lib/region-info';
import { describe, expect, it } from 'vitest';
import { AWS_REGIONS } from './aws-regions.ts';

describe('AWS_REGIONS', () => {
  it('is the list of regions aws-cdk-lib knows', () => {
    expect(AWS_REGIONS).toEqual(RegionInfo.regions.map((r) => r.name).sort());
  });
});
