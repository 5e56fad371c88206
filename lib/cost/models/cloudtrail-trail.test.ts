import { describe, expect, it } from 'vitest';
import { trail } from './cloudtrail-trail.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

const DATA_EVENTS = {
  EventSelectors: [{ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }],
};

describe('CloudTrail trail', () => {
  it('bills nothing for the first trail of management events, data events when selected, an additional copy', () => {
    expect(componentsOf(trail)).toEqual([]);
    expect(quantities(componentsOf(trail, DATA_EVENTS, { isAdditionalCopy: 1 }))).toEqual({
      'cloudtrail.management-events.additional': 50_000,
      'cloudtrail.data-events': 10_000,
    });
  });

  it('recognises data events chosen by advanced event selectors', () => {
    const advanced = {
      AdvancedEventSelectors: [
        { FieldSelectors: [{ Field: 'resources.type', Equals: ['AWS::S3::Object'] }] },
      ],
    };
    expect(quantities(componentsOf(trail, advanced, { dataEvents: 7 }))).toEqual({
      'cloudtrail.data-events': 7,
    });
  });

  it('bills Insights per event analyzed: writes for the call rate, every management event for the error rate', () => {
    const both = {
      InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }, { InsightType: 'ApiErrorRateInsight' }],
    };
    const components = componentsOf(trail, both, {
      managementEvents: 300_000,
      writeManagementEvents: 30_000,
    });
    expect(components.map((c) => [c.name, c.priceId, c.quantity])).toEqual([
      ['Insights: API call rate', 'cloudtrail.insights-events-analyzed', 30_000],
      ['Insights: API error rate', 'cloudtrail.insights-events-analyzed', 300_000],
    ]);
    // AWS's example (Costs for Insights events): 330,000 events analyzed. At $0.35 per 100,000: $1.155.
    expect(monthlyCost(components).before).toBeCloseTo(1.155, 6);
    // Infracost's golden output: 300,000 Insights events = $1.05.
    const errorRateOnly = { InsightSelectors: [{ InsightType: 'ApiErrorRateInsight' }] };
    expect(monthlyCost(componentsOf(trail, errorRateOnly, { managementEvents: 300_000 })).before).toBeCloseTo(
      1.05,
      6,
    );
  });

  it('reads whether it is an additional copy, and the events it records', () => {
    expect(usageDefaults(trail)).toEqual({
      isAdditionalCopy: 0,
      managementEvents: 50_000,
      dataEvents: 10_000,
      writeManagementEvents: 10_000,
    });
    expect(usageRead(trail)).toEqual(['isAdditionalCopy']);
    const everything = { ...DATA_EVENTS, InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }] };
    expect(usageRead(trail, everything, { isAdditionalCopy: 1 })).toEqual(Object.keys(trail.usage).sort());
  });

  it('has no allowance beyond the free first copy: data events are billed from the first', () => {
    const cost = monthlyCost(componentsOf(trail, DATA_EVENTS));
    expect(cost.before).toBeGreaterThan(0);
    expect(cost.after).toBe(cost.before);
  });
});
