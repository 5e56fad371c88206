import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * AWS's own worked pricing examples ("Pricing examples" sections of the pricing pages), recorded in
 * aws-pricing-examples.json so that the bundled catalog can be checked against the figures AWS publishes,
 * and so that the per-resource cost models can be fed the same scenarios.
 */
export interface PricingExamples {
  /** Day the pages were searched, YYYY-MM-DD. */
  readonly readOn: string;
  readonly examples: readonly PricingExample[];
  /** Services of the catalog for which no official example could be read; never silently omitted. */
  readonly unavailable: readonly UnavailableExample[];
}

/**
 * How much of the example was read on an AWS page:
 * - `page`: the scenario and the figures were read on a stored copy of the page (or an edition of it in
 *   another language, or a dated copy);
 * - `scenario-only`: the scenario was read there but the figures lie outside the stored part of the page
 *   and are recalled from the live page;
 * - `recalled`: the example is recalled from the live page and could not be read in any stored copy.
 */
export type ExampleVerification = 'page' | 'scenario-only' | 'recalled';

export interface PricingExample {
  /** Stable id, e.g. "lambda-512mb-3m-1s". */
  readonly id: string;
  /** Service name as in the catalog entries' `service`. */
  readonly service: string;
  /** The official page the example is published on. */
  readonly source: string;
  /** Which copy of the page was read (edition, date, mirror), or where the example was looked for. */
  readonly readFrom: string;
  readonly verification: ExampleVerification;
  /** The scenario in one line, in our own words. */
  readonly summary: string;
  /** The scenario's parameters as the page states them (memory, duration, counts, sizes, days...). */
  readonly scenario: Readonly<Record<string, number | string | boolean>>;
  /** What the example bills, one line per catalog price id. */
  readonly lines: readonly ExampleLine[];
  /** Charges of the example that the catalog does not price, with the page's figure for each. */
  readonly otherCharges?: readonly OtherCharge[];
  /** The example's total as published, USD. */
  readonly publishedTotalUsd: number;
  /**
   * Catalog total (each line rounded to the cent, as the pages do) minus the published total, in USD.
   * Absent or 0 when the catalog reproduces the page to the cent; otherwise `note` says why.
   */
  readonly expectedDifferenceUsd?: number;
  readonly note?: string;
}

export interface ExampleLine {
  readonly priceId: string;
  /** Quantity billed in the month, in the catalog entry's unit, computed as the page computes it. */
  readonly quantity: number;
  /** Free units the page deducts for this line (0 or absent: none). */
  readonly freeAllowance?: number;
  /** The page's figure for this line, USD. */
  readonly publishedUsd: number;
  /** Catalog line (rounded to the cent) minus `publishedUsd`; absent or 0 when they agree. */
  readonly expectedDifferenceUsd?: number;
}

export interface OtherCharge {
  readonly description: string;
  readonly publishedUsd: number;
}

export interface UnavailableExample {
  readonly service: string;
  readonly source: string;
  /** What was searched and why no example is recorded. */
  readonly reason: string;
}

export const PRICING_EXAMPLES_FILE = path.join(import.meta.dirname, 'aws-pricing-examples.json');

/** The recorded examples. */
export function loadPricingExamples(file = PRICING_EXAMPLES_FILE): PricingExamples {
  const { $comment: _comment, ...examples } = JSON.parse(readFileSync(file, 'utf8')) as PricingExamples & {
    $comment?: string;
  };
  return examples;
}
