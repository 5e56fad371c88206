import { describe, expect, it } from 'vitest';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';
import { snsTopic } from './sns-topic.ts';

describe('SNS topic', () => {
  it('bills publishes and e-mails', () => {
    expect(quantities(componentsOf(snsTopic, {}, { publishes: 10, emailDeliveries: 3 }))).toEqual({
      'sns.requests': 10,
      'sns.email': 3,
    });
  });

  it('reads publishes and e-mail deliveries; by default 1,000 and 100 a month', () => {
    expect(usageDefaults(snsTopic)).toEqual({ publishes: 1_000, emailDeliveries: 100 });
    expect(usageRead(snsTopic)).toEqual(['emailDeliveries', 'publishes']);
  });

  it('bills nothing within 1M publishes and 1,000 e-mails a month', () => {
    const within = componentsOf(snsTopic, {}, { publishes: 1_000_000, emailDeliveries: 1_000 });
    expect(monthlyCost(within).before).toBeGreaterThan(0);
    expect(monthlyCost(within).after).toBe(0);
    expect(monthlyCost(componentsOf(snsTopic, {}, { emailDeliveries: 1_001 })).after).toBeGreaterThan(0);
  });
});
