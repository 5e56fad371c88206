import { describe, expect, it } from 'vitest';
import type { PriceQuery } from '../models/price-query.ts';
import { acceptedUnits, catalogUnitsPerApiUnit, normalizeUnit } from './api-units.ts';

const lambdaRequests: PriceQuery = {
  id: 'lambda.requests',
  unit: 'Requests',
  description: 'x',
  usageType: 'Request',
};

describe('API units', () => {
  it('accepts the API’s spellings of a unit and refuses other units', () => {
    expect(catalogUnitsPerApiUnit(lambdaRequests, 'Request')).toBe(1);
    expect(catalogUnitsPerApiUnit(lambdaRequests, 'API Requests')).toBe(1);
    expect(catalogUnitsPerApiUnit({ ...lambdaRequests, unit: 'Hrs' }, 'Hours')).toBe(1);
    expect(catalogUnitsPerApiUnit({ ...lambdaRequests, unit: 'TB' }, 'Terabytes')).toBe(1);
    expect(catalogUnitsPerApiUnit(lambdaRequests, 'GB')).toBeUndefined();
  });

  it('takes a query’s own apiUnits with their factors, after its unit’s synonyms', () => {
    const perMillion = { ...lambdaRequests, apiUnits: { '1M Requests': 1_000_000 } };
    expect(catalogUnitsPerApiUnit(perMillion, '1M requests')).toBe(1_000_000);
    expect(catalogUnitsPerApiUnit(perMillion, 'Requests')).toBe(1);
    expect(acceptedUnits(perMillion)).toEqual(['Requests', 'API Requests', 'API Calls', '1M Requests']);
    expect(acceptedUnits({ ...lambdaRequests, unit: 'Widgets' })).toEqual(['Widgets']);
  });

  it('compares units without case, punctuation or a plural s', () => {
    expect(normalizeUnit('API Requests')).toBe('apirequest');
    expect(normalizeUnit('Hrs')).toBe('hr');
    expect(normalizeUnit('GB-Mo')).toBe(normalizeUnit('gb mo'));
  });
});
