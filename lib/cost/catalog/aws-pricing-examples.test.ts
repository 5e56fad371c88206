import { describe, expect, it } from 'vitest';
import { type ExampleLine, loadPricingExamples, type PricingExample } from './aws-pricing-examples.ts';
import { loadCatalog } from './load-catalog.ts';
import { priceLookup, tieredCost } from './tiered-cost.ts';

const catalog = loadCatalog('us-east-1');
const { examples, unavailable, readOn } = loadPricingExamples();
const catalogServices = [...new Set(Object.values(catalog.prices).map((e) => e.service))].sort();

/** Whole cents, as the pricing pages round each line. */
const cents = (usd: number) => Math.round((usd + Number.EPSILON) * 100);

/** A line priced by the catalog: the page's free units are the first units of the month. */
function lineCents(line: ExampleLine): number {
  const entry = priceLookup(catalog, line.priceId);
  const free = Math.min(line.quantity, line.freeAllowance ?? 0);
  return cents(tieredCost(entry.tiers, line.quantity - free, free));
}

function totalCents(example: PricingExample): number {
  const lines = example.lines.reduce((sum, line) => sum + lineCents(line), 0);
  const others = (example.otherCharges ?? []).reduce((sum, other) => sum + cents(other.publishedUsd), 0);
  return lines + others;
}

describe('AWS pricing examples file', () => {
  it('records when the pages were read and one unique id per example', () => {
    expect(readOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const ids = examples.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('accounts for every service of the catalog: an example, or the reason there is none', () => {
    const covered = new Set(examples.map((e) => e.service));
    const missing = unavailable.map((u) => u.service);
    expect(new Set(missing).size).toBe(missing.length);
    for (const service of missing) expect(covered.has(service), service).toBe(false);
    expect([...covered, ...missing].sort()).toEqual(catalogServices);
    for (const u of unavailable) expect(u.reason.length, u.service).toBeGreaterThan(20);
  });

  it('cites official AWS pages, keeps the scenario and says how much was read on the page', () => {
    for (const example of examples) {
      const url = new URL(example.source);
      expect(url.protocol, example.id).toBe('https:');
      expect(['aws.amazon.com', 'docs.aws.amazon.com'], example.id).toContain(url.hostname);
      expect(['page', 'scenario-only', 'recalled'], example.id).toContain(example.verification);
      expect(example.readFrom.length, example.id).toBeGreaterThan(20);
      expect(example.summary.length, example.id).toBeGreaterThan(20);
      expect(Object.keys(example.scenario).length, example.id).toBeGreaterThan(0);
      expect(example.lines.length, example.id).toBeGreaterThan(0);
      for (const line of example.lines) {
        expect(priceLookup(catalog, line.priceId).service, `${example.id} ${line.priceId}`).toBe(
          example.service,
        );
      }
    }
  });

  it('explains every documented difference, and every allowance that differs from the catalog', () => {
    for (const example of examples) {
      const differs =
        (example.expectedDifferenceUsd ?? 0) !== 0 ||
        example.lines.some((l) => (l.expectedDifferenceUsd ?? 0) !== 0);
      const ownAllowance = example.lines.some(
        (l) => (l.freeAllowance ?? 0) !== (priceLookup(catalog, l.priceId).alwaysFree?.quantity ?? 0),
      );
      if (differs || ownAllowance) expect(example.note?.length ?? 0, example.id).toBeGreaterThan(40);
    }
  });

  it('has at least one example read on an AWS page', () => {
    expect(examples.filter((e) => e.verification === 'page').length).toBeGreaterThanOrEqual(3);
  });
});

describe.each(examples.map((e) => [e.id, e] as const))('published example %s', (_id, example) => {
  it.each(example.lines.map((line) => [line.priceId, line] as const))(
    'prices %s as the page does, to the cent',
    (_priceId, line) => {
      const published = cents(line.publishedUsd);
      const expectedDifference = cents(line.expectedDifferenceUsd ?? 0);
      expect(lineCents(line) - published).toBe(expectedDifference);
    },
  );

  it(`matches the published total of $${example.publishedTotalUsd} to the cent`, () => {
    const difference = totalCents(example) - cents(example.publishedTotalUsd);
    expect(difference).toBe(cents(example.expectedDifferenceUsd ?? 0));
  });
});
