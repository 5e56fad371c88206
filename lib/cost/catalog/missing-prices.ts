import { loadCatalog, MissingCatalogError } from './load-catalog.ts';
import type { PriceCatalog } from './price-catalog.ts';

/** The one command that fetches a region's prices. */
export function refreshCommand(region: string): string {
  return `npm run prices:refresh -- --region ${region}`;
}

/**
 * Catalog lookup for the callers that must go on without some region's prices (docs, the pull-request
 * review): a region without a catalog gets an empty one, so its resources are left unpriced (never priced
 * from another region's figures), and is listed in `missing` for the caller to say so instead of showing
 * totals. An invalid catalog still throws: that is a mistake to fix, not a gap.
 */
export function catalogsWithGaps(load: (region: string) => PriceCatalog = loadCatalog): {
  readonly catalogFor: (region: string) => PriceCatalog;
  readonly missing: () => string[];
} {
  const missing = new Set<string>();
  return {
    catalogFor: (region) => {
      try {
        return load(region);
      } catch (error) {
        if (!(error instanceof MissingCatalogError)) throw error;
        missing.add(region);
        return {
          schemaVersion: 1,
          region,
          currency: 'USD',
          generatedAt: '',
          origin: 'bundled-snapshot',
          prices: {},
        };
      }
    },
    missing: () => [...missing].sort(),
  };
}

/** Markdown saying plainly which regions have no bundled prices and the command that fetches each. */
export function missingPricesMarkdown(regions: readonly string[]): string {
  const lines = regions.map(
    (region) =>
      `**No prices are bundled for ${region}**, so the cost of what runs there is not estimated (no other region's prices are used in their place). Fetch them with \`${refreshCommand(region)}\`, then run this again.`,
  );
  return `${lines.join('\n\n')}\n`;
}
