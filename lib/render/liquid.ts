import path from 'node:path';
import { Liquid } from 'liquidjs';

/** The repository's templates/ folder: Markdown for docs, PR comments and reports. */
export const TEMPLATES_DIR = path.resolve(import.meta.dirname, '../../templates');

/** `$1,234.56`; amounts under a cent but above zero as `< $0.01`, so nothing looks free that is not. */
export function usd(value: unknown): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return 'n/a';
  if (n > 0 && n < 0.005) return '< $0.01';
  if (n < 0 && n > -0.005) return '> -$0.01';
  const text = Math.abs(n).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${n < 0 ? '-' : ''}$${text}`;
}

/** A unit price with enough digits to mean something: `$0.023`, `$0.000005`, `$3.50`. */
export function unitPrice(value: unknown): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return 'n/a';
  if (n === 0) return '$0';
  if (Math.abs(n) >= 0.01) return usd(n);
  return `$${Number(n.toPrecision(4)).toFixed(10).replace(/0+$/, '')}`;
}

/** `+$1.20` / `-$0.30` / `$0.00`, for diffs. */
export function signedUsd(value: unknown): string {
  const n = Number(value);
  return n > 0 ? `+${usd(n)}` : usd(n);
}

/** `1,234.5`; small fractions keep up to four significant decimals. */
export function quantity(value: unknown): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return 'n/a';
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 1 ? 2 : 4;
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** `+12.5%`, `-3%`, or `new` when the base was zero. */
export function percent(delta: unknown, base: unknown): string {
  const d = Number(delta);
  const b = Number(base);
  if (b === 0) return d === 0 ? '0%' : 'new';
  const p = (d / b) * 100;
  return `${p > 0 ? '+' : ''}${p.toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
}

/** Escapes a value for a Markdown table cell. */
export function cell(value: unknown): string {
  return String(value ?? '')
    .replaceAll('|', '\\|')
    .replaceAll('\n', ' ');
}

let engine: Liquid | undefined;

/** One Liquid engine with the repository's filters; templates are strict, so a typo in a variable fails loudly. */
export function liquid(): Liquid {
  if (!engine) {
    engine = new Liquid({
      root: TEMPLATES_DIR,
      extname: '.liquid',
      strictVariables: true,
      strictFilters: true,
      cache: true,
    });
    engine.registerFilter('usd', usd);
    engine.registerFilter('signed_usd', signedUsd);
    engine.registerFilter('unit_price', unitPrice);
    engine.registerFilter('quantity', quantity);
    engine.registerFilter('percent', percent);
    engine.registerFilter('cell', cell);
  }
  return engine;
}

/** Renders templates/<name>.liquid with `data`; collapses the blank-line runs Liquid tags leave behind. */
export function render(name: string, data: object): string {
  const text = liquid().renderFileSync(`${name}.liquid`, data) as string;
  return `${text.replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
