import { describe, expect, it } from 'vitest';
import { resourcesOfType, stackOf } from '../../test/assembly.ts';
import { variantStackOf } from '../../test/variant-app.ts';

const trailOf = (stack: ReturnType<typeof stackOf>) =>
  resourcesOfType(stack, 'AWS::CloudTrail::Trail').map(([, r]) => r.Properties ?? {})[0];

describe('the audit trail', () => {
  it('turns on CloudTrail Insights of both types when orchestration.cloudTrailInsights is on', () => {
    const trail = trailOf(variantStackOf('all-switches-on', 'dev', 'orchestration'));
    expect(trail?.InsightSelectors).toEqual([
      { InsightType: 'ApiCallRateInsight' },
      { InsightType: 'ApiErrorRateInsight' },
    ]);
  });

  it('has no Insights by default: they are billed per event analyzed', () => {
    const trail = trailOf(stackOf('dev', 'orchestration'));
    expect(trail).toBeDefined();
    expect(trail?.InsightSelectors).toBeUndefined();
  });
});
