/**
 * The "last verified run" badge: a static SVG in the shields.io look, written by `npm run docs` beside the
 * evidence, so the README shows it without calling any outside service.
 */
import { escapeXml } from '../render/escape-xml.ts';

const COLOURS = { passed: '#2e7d32', failed: '#c62828', none: '#757575' } as const;

/** Width of a text in Verdana 11 px, near enough for a badge (average advance per character class). */
function textWidth(text: string): number {
  let width = 0;
  for (const c of text)
    width += /[il.,:;|' ]/.test(c) ? 3.5 : /[mwMW]/.test(c) ? 10 : /[A-Z0-9]/.test(c) ? 7.5 : 6.5;
  return Math.ceil(width);
}

/** `smoke dev | passed 2026-12-07`. */
export function badgeSvg(label: string, message: string, state: keyof typeof COLOURS): string {
  const left = textWidth(label) + 12;
  const right = textWidth(message) + 12;
  const width = left + right;
  const [l, m] = [escapeXml(label), escapeXml(message)];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${l}: ${m}">`,
    `<title>${l}: ${m}</title>`,
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`,
    '<g clip-path="url(#r)">',
    `<rect width="${left}" height="20" fill="#555"/>`,
    `<rect x="${left}" width="${right}" height="20" fill="${COLOURS[state]}"/>`,
    '</g>',
    '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">',
    `<text x="${left / 2}" y="14">${l}</text>`,
    `<text x="${left + right / 2}" y="14">${m}</text>`,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}
