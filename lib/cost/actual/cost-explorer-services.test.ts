import { describe, expect, it } from 'vitest';
import { COST_MODELS } from '../models/index.ts';
import { COST_EXPLORER_SERVICES, comparedServiceName, ourServiceName } from './cost-explorer-services.ts';

describe('Cost Explorer service names', () => {
  it('match every service the cost models price, so no estimate row stands alone by a naming slip', () => {
    const matched = new Set(Object.values(COST_EXPLORER_SERVICES));
    const services = [...new Set(COST_MODELS.map((m) => comparedServiceName(m.service)))];
    const unmatched = services.filter((s) => !matched.has(s));
    expect(
      unmatched,
      'add the SERVICE value Cost Explorer bills these under to lib/cost/actual/cost-explorer-services.ts',
    ).toEqual([]);
  });

  it('read the names the bill uses where they differ from ours', () => {
    expect(ourServiceName('AmazonCloudWatch')).toBe('Amazon CloudWatch');
    expect(ourServiceName('CloudWatch Events')).toBe('Amazon EventBridge');
    expect(ourServiceName('Amazon Kinesis Firehose')).toBe('Amazon Data Firehose');
    expect(ourServiceName('AWS Key Management Service')).toBe('AWS KMS');
    expect(ourServiceName('Amazon Elastic Container Service')).toBe('AWS Fargate');
    expect(ourServiceName('Amazon Lightsail')).toBeUndefined();
    expect(comparedServiceName('Amazon Aurora')).toBe('Amazon RDS');
    expect(comparedServiceName('Amazon RDS for MySQL')).toBe('Amazon RDS');
  });
});
