import { describe, expect, it } from 'vitest';
import { CatalogError, loadCatalog } from './load-catalog.ts';
import { catalogsWithGaps, missingPricesMarkdown } from './missing-prices.ts';

describe('catalogs with gaps', () => {
  it('gives a region without a catalog no prices at all, and lists it', () => {
    const catalogs = catalogsWithGaps();
    expect(catalogs.catalogFor('us-east-1')).toBe(loadCatalog('us-east-1'));
    const europe = catalogs.catalogFor('eu-west-1');
    expect(europe.region).toBe('eu-west-1');
    // Never another region's prices in its place.
    expect(europe.prices).toEqual({});
    expect(catalogs.missing()).toEqual(['eu-west-1']);
  });

  it('still throws for a catalog that is not valid: a mistake to fix, not a gap', () => {
    const catalogs = catalogsWithGaps(() => {
      throw new CatalogError('eu-west-1.json is not a valid price catalog (1 problem):', 'eu-west-1.json');
    });
    expect(() => catalogs.catalogFor('eu-west-1')).toThrow(/not a valid price catalog/);
    expect(catalogs.missing()).toEqual([]);
  });

  it('names the one command that fetches the prices', () => {
    expect(missingPricesMarkdown(['ap-south-1'])).toContain(
      '**No prices are bundled for ap-south-1**, so the cost of what runs there is not estimated',
    );
    expect(missingPricesMarkdown(['ap-south-1'])).toContain(
      '`npm run prices:refresh -- --region ap-south-1`',
    );
  });
});
