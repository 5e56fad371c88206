import { describe, expect, it } from 'vitest';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';
import { schedule } from './scheduler-schedule.ts';

describe('EventBridge Scheduler schedule', () => {
  it('bills invocations', () => {
    expect(quantities(componentsOf(schedule))).toEqual({ 'eventbridge.scheduler.invocations': 30 });
  });

  it('reads invocations; by default 30 a month, one a day', () => {
    expect(usageDefaults(schedule)).toEqual({ invocations: 30 });
    expect(usageRead(schedule)).toEqual(['invocations']);
  });

  it('bills nothing within 14M invocations a month', () => {
    const within = componentsOf(schedule, {}, { invocations: 14_000_000 });
    expect(monthlyCost(within).before).toBeGreaterThan(0);
    expect(monthlyCost(within).after).toBe(0);
    expect(monthlyCost(componentsOf(schedule, {}, { invocations: 14_000_001 })).after).toBeGreaterThan(0);
  });
});
