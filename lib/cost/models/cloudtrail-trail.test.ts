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

  it('reads whether it is an additional copy, and the events it records', () => {
    expect(usageDefaults(trail)).toEqual({
      isAdditionalCopy: 0,
      managementEvents: 50_000,
      dataEvents: 10_000,
    });
    expect(usageRead(trail)).toEqual(['isAdditionalCopy']);
    expect(usageRead(trail, DATA_EVENTS, { isAdditionalCopy: 1 })).toEqual(Object.keys(trail.usage).sort());
  });

  it('has no allowance beyond the free first copy: data events are billed from the first', () => {
    const cost = monthlyCost(componentsOf(trail, DATA_EVENTS));
    expect(cost.before).toBeGreaterThan(0);
    expect(cost.after).toBe(cost.before);
  });
});
