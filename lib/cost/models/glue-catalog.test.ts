import { describe, expect, it } from 'vitest';
import { glueCatalog } from './glue-catalog.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

describe('Glue Data Catalog', () => {
  it('one object per database, table plus partitions', () => {
    expect(
      quantities(componentsOf(glueCatalog, {}, { partitions: 99 }, 'AWS::Glue::Table'))[
        'glue.catalog.storage'
      ],
    ).toBe(100);
    expect(
      quantities(componentsOf(glueCatalog, {}, { partitions: 99 }, 'AWS::Glue::Database'))[
        'glue.catalog.storage'
      ],
    ).toBe(1);
  });

  it('reads requests, and partitions for tables; by default no partitions and 10,000 requests', () => {
    expect(usageDefaults(glueCatalog)).toEqual({ partitions: 0, requests: 10_000 });
    expect(usageRead(glueCatalog, {}, {}, 'AWS::Glue::Table')).toEqual(['partitions', 'requests']);
    expect(usageRead(glueCatalog, {}, {}, 'AWS::Glue::Database')).toEqual(['requests']);
    expect(quantities(componentsOf(glueCatalog, {}, {}, 'AWS::Glue::Partition'))).toEqual({
      'glue.catalog.storage': 1,
      'glue.catalog.requests': 10_000,
    });
  });

  it('bills nothing within the first 1M objects and 1M requests a month', () => {
    const within = componentsOf(
      glueCatalog,
      {},
      { partitions: 999_999, requests: 1_000_000 },
      'AWS::Glue::Table',
    );
    expect(monthlyCost(within).before).toBeGreaterThan(0);
    expect(monthlyCost(within).after).toBe(0);
    const beyond = componentsOf(glueCatalog, {}, { requests: 1_000_001 }, 'AWS::Glue::Database');
    expect(monthlyCost(beyond).after).toBeGreaterThan(0);
  });
});
