import { describe, expect, it } from 'vitest';
import { alarm } from './cloudwatch-alarm.ts';
import { componentsOf, monthlyCost, quantities, usageRead } from './model-test-kit.ts';

describe('CloudWatch alarm', () => {
  it('standard or high resolution, one per metric of a metric-math alarm', () => {
    expect(quantities(componentsOf(alarm, { Period: 300 }))).toEqual({ 'cloudwatch.alarms.standard': 1 });
    expect(quantities(componentsOf(alarm, { Period: 10 }))).toEqual({
      'cloudwatch.alarms.high-resolution': 1,
    });
    const math = { Metrics: [{ MetricStat: {} }, { MetricStat: {} }, { Expression: 'm1+m2' }] };
    expect(quantities(componentsOf(alarm, math))).toEqual({ 'cloudwatch.alarms.standard': 2 });
    expect(componentsOf(alarm)[0]?.idle).toBe(true);
  });

  it('needs no usage: an alarm is billed whether or not it fires', () => {
    expect(alarm.usage).toEqual({});
    expect(usageRead(alarm, { Period: 10 })).toEqual([]);
  });

  it('bills nothing within 10 standard-resolution alarm metrics; high resolution has no allowance', () => {
    const standard = componentsOf(alarm, { Metrics: Array.from({ length: 10 }, () => ({ MetricStat: {} })) });
    expect(monthlyCost(standard).after).toBe(0);
    expect(monthlyCost([...standard, ...componentsOf(alarm)]).after).toBeGreaterThan(0);
    const highResolution = monthlyCost(componentsOf(alarm, { Period: 10 }));
    expect(highResolution.after).toBe(highResolution.before);
    expect(highResolution.before).toBeGreaterThan(0);
  });
});
