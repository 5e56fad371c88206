import { describe, expect, it } from 'vitest';
import { eventBus } from './events-event-bus.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

describe('EventBridge event bus', () => {
  it('bills custom events', () => {
    expect(quantities(componentsOf(eventBus, {}, { customEvents: 9 }))).toEqual({
      'eventbridge.custom-events': 9,
    });
  });

  it('reads custom events; by default 10,000 a month', () => {
    expect(usageDefaults(eventBus)).toEqual({ customEvents: 10_000 });
    expect(usageRead(eventBus)).toEqual(['customEvents']);
  });

  it('has no always-free allowance for custom events', () => {
    const cost = monthlyCost(componentsOf(eventBus));
    expect(cost.before).toBeGreaterThan(0);
    expect(cost.after).toBe(cost.before);
  });
});
