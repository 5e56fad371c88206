import { describe, expect, it } from 'vitest';
import { JsonPicker, type PickDecision } from './json-picker.ts';

const DOCUMENT = JSON.stringify(
  {
    offerCode: 'AmazonEC2',
    version: '20261120183209',
    products: {
      SKU1: { sku: 'SKU1', attributes: { usagetype: 'EU-BoxUsage:t3.micro', note: 'a "quoted" \\ {brace}' } },
      SKU2: { sku: 'SKU2', attributes: { usagetype: 'EU-BoxUsage:m5.large', list: [1, 2.5e3, null] } },
    },
    terms: {
      OnDemand: { SKU1: { 'SKU1.JRTCKXETXF': { priceDimensions: {} } } },
      Reserved: { SKU1: { big: [true, false, { deep: ['é', '\u2028'] }] } },
    },
    empty: {},
    none: [],
  },
  null,
  1,
);

/** Offer-file style: top-level scalars, each product, each OnDemand term; Reserved terms skipped. */
const decide = (path: readonly string[]): PickDecision => {
  if (path.length === 0) return 'descend';
  const [top, second] = path;
  if (path.length === 1) return top === 'products' || top === 'terms' ? 'descend' : 'capture';
  if (top === 'products' && path.length === 2) return 'capture';
  if (top === 'terms' && path.length === 2) return second === 'OnDemand' ? 'descend' : 'skip';
  if (top === 'terms' && path.length === 3) return 'capture';
  return 'skip';
};

function pick(chunks: readonly string[]): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const picker = new JsonPicker(decide, (path, value) => found.set(path.join('.'), value));
  for (const chunk of chunks) picker.write(chunk);
  picker.end();
  return found;
}

describe('JsonPicker', () => {
  const whole = JSON.parse(DOCUMENT);
  const expected = new Map<string, unknown>([
    ['offerCode', 'AmazonEC2'],
    ['version', '20261120183209'],
    ['products.SKU1', whole.products.SKU1],
    ['products.SKU2', whole.products.SKU2],
    ['terms.OnDemand.SKU1', whole.terms.OnDemand.SKU1],
    ['empty', {}],
    ['none', []],
  ]);

  it('captures the values asked for, and only those', () => {
    expect(pick([DOCUMENT])).toEqual(expected);
  });

  it('gives the same values whatever the chunk boundaries (inside keys, strings, escapes, numbers)', () => {
    for (let cut = 1; cut < DOCUMENT.length; cut += 1) {
      expect(pick([DOCUMENT.slice(0, cut), DOCUMENT.slice(cut)])).toEqual(expected);
    }
    expect(pick([...DOCUMENT])).toEqual(expected);
  });

  it('reads a document that is a bare value', () => {
    const found: unknown[] = [];
    const picker = new JsonPicker(
      () => 'capture',
      (_, value) => found.push(value),
    );
    picker.write(' 12');
    picker.write('.5 ');
    picker.end();
    expect(found).toEqual([12.5]);
  });

  it('says where the text stops being JSON, and when it ends early', () => {
    for (let cut = 1; cut < DOCUMENT.length - 1; cut += 97) {
      expect(() => pick([DOCUMENT.slice(0, cut)])).toThrow(/ends early \(was the download cut short\?\)/);
    }
    expect(() => pick(['{"a": 1 "b": 2}'])).toThrow(
      'expected "," or the end of the object or array at character 8',
    );
    expect(() => pick(['{"a": tru}'])).toThrow(/not a JSON value .* at character 9/);
    expect(() => pick(['{"products": {"X": 1]}'])).toThrow('mismatched bracket at character 20');
    expect(() => pick(['{} x'])).toThrow('text after the end of the document at character 3');
    expect(() => pick(['{a: 1}'])).toThrow('expected a key in double quotes at character 1');
  });
});
