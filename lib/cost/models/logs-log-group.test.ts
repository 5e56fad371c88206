import { describe, expect, it } from 'vitest';
import { logGroup } from './logs-log-group.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

describe('CloudWatch Logs log group', () => {
  it('storage grows to ingestion × retention, 12 months when logs never expire', () => {
    expect(quantities(componentsOf(logGroup, { RetentionInDays: 90 }, { ingestedGb: 2 }))).toEqual({
      'cloudwatch.logs.ingestion': 2,
      'cloudwatch.logs.storage': 6,
    });
    expect(quantities(componentsOf(logGroup, {}, { ingestedGb: 1 }))['cloudwatch.logs.storage']).toBe(12);
    expect(
      quantities(componentsOf(logGroup, { RetentionInDays: 30 }, { ingestedGb: 10, compressionRatio: 5 }))[
        'cloudwatch.logs.storage'
      ],
    ).toBe(2);
  });

  it('reads ingestion and the compression ratio; by default 0.1 GB a month, stored uncompressed', () => {
    expect(usageDefaults(logGroup)).toEqual({ ingestedGb: 0.1, compressionRatio: 1 });
    expect(usageRead(logGroup)).toEqual(['compressionRatio', 'ingestedGb']);
    expect(componentsOf(logGroup, { RetentionInDays: 7 }, { compressionRatio: 0.5 })[1]?.basis).toBe(
      'ingestedGb × 0.23 months kept (RetentionInDays 7)',
    );
  });

  it('bills nothing within 5 GB of ingestion and storage together', () => {
    const within = componentsOf(logGroup, { RetentionInDays: 120 }, { ingestedGb: 1 });
    expect(monthlyCost(within).before).toBeGreaterThan(0);
    expect(monthlyCost(within).after).toBe(0);
    // 1 GB ingested and 5 GB kept: each within 5 GB, together beyond it.
    const beyond = componentsOf(logGroup, { RetentionInDays: 150 }, { ingestedGb: 1 });
    expect(monthlyCost(beyond).after).toBeGreaterThan(0);
  });
});
