/**
 * A laid-out picture as SVG: each icon once as a `<symbol>` and placed with `<use>`, names under the icons,
 * phases as light boxes, edges as right-angled lines with arrowheads (at both ends when data goes both ways; solid: data moves; dashed: something
 * starts or triggers something; dotted: a plain reference). Plain SVG 1.1 with explicit colours and a local
 * font stack, so GitHub, browsers and resvg draw it alike.
 */
import { escapeXml } from '../../render/escape-xml.ts';
import type { EdgeKind } from '../graph-types.ts';
import { iconBody } from './icons.ts';
import { labelLines, type Picture, type Point, SIZES } from './layout.ts';

const FONT_FAMILY = 'Liberation Sans, Arial, Helvetica, sans-serif';

const COLOURS = {
  background: '#ffffff',
  text: '#232f3e',
  muted: '#545b64',
  groupFill: '#f7f8fa',
  groupStroke: '#aab7b8',
  edge: '#545b64',
} as const;

const DASH: Readonly<Record<EdgeKind, string>> = { data: '', trigger: '6 4', reference: '2 4' };

const symbolId = (file: string) => `icon-${file.replace(/[^A-Za-z0-9]+/g, '-').replace(/-svg$/, '')}`;
const n = (value: number) => Number(value.toFixed(1));
const path = (points: readonly Point[]) =>
  points.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(p.x)} ${n(p.y)}`).join(' ');

/** `key`, when given, is written as a comment so a later run can tell the picture is current without drawing it. */
export function pictureToSvg(picture: Picture, title: string, key?: string): string {
  const files = [...new Set(picture.nodes.map((node) => node.icon.file))];
  const symbols = files.map((file) => {
    const { viewBox, body } = iconBody(file);
    return `<symbol id="${symbolId(file)}" viewBox="${viewBox}">${body}</symbol>`;
  });
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${picture.width}" height="${picture.height}" viewBox="0 0 ${picture.width} ${picture.height}" font-family="${FONT_FAMILY}">`,
    ...(key ? [`<!-- picture ${key} -->`] : []),
    `<title>${escapeXml(title)}</title>`,
    `<defs>${symbols.join('')}<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="${COLOURS.edge}"/></marker><marker id="arrow-back" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M10 0L0 5L10 10z" fill="${COLOURS.edge}"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="${COLOURS.background}"/>`,
  ];
  for (const group of picture.groups) {
    out.push(
      `<rect x="${n(group.x)}" y="${n(group.y)}" width="${n(group.width)}" height="${n(group.height)}" rx="8" fill="${COLOURS.groupFill}" stroke="${COLOURS.groupStroke}"/>`,
      `<text x="${n(group.x + SIZES.groupPadding)}" y="${n(group.y + SIZES.groupFont + 8)}" font-size="${SIZES.groupFont}" font-weight="bold" fill="${COLOURS.text}">${escapeXml(group.title)}</text>`,
    );
  }
  for (const edge of picture.edges) {
    if (edge.points.length < 2) continue;
    const dash = DASH[edge.edge.kind];
    out.push(
      `<path d="${path(edge.points)}" fill="none" stroke="${COLOURS.edge}" stroke-width="1.4"${dash ? ` stroke-dasharray="${dash}"` : ''}${edge.edge.twoWay ? ' marker-start="url(#arrow-back)"' : ''} marker-end="url(#arrow)"/>`,
    );
  }
  // Labels after every line, so no line crosses a label's white backing.
  for (const { label } of picture.edges) {
    if (!label) continue;
    out.push(
      `<rect x="${n(label.x)}" y="${n(label.y)}" width="${n(label.width)}" height="${n(label.height)}" fill="${COLOURS.background}" opacity="0.9"/>`,
      ...labelLines(label.text).map(
        (line, i) =>
          `<text x="${n(label.x + label.width / 2)}" y="${n(label.y + (i + 1) * (SIZES.edgeFont + 4) - 4)}" font-size="${SIZES.edgeFont}" text-anchor="middle" fill="${COLOURS.muted}">${escapeXml(line)}</text>`,
      ),
    );
  }
  for (const node of picture.nodes) {
    const iconX = node.x + (node.width - SIZES.icon) / 2;
    out.push(
      `<g><title>${escapeXml(`${node.node.label} (${node.node.kind})`)}</title>`,
      `<use xlink:href="#${symbolId(node.icon.file)}" href="#${symbolId(node.icon.file)}" x="${n(iconX)}" y="${n(node.y)}" width="${SIZES.icon}" height="${SIZES.icon}"/>`,
      ...node.lines.map(
        (line, i) =>
          `<text x="${n(node.x + node.width / 2)}" y="${n(node.y + SIZES.icon + 4 + (i + 1) * SIZES.lineHeight - 4)}" font-size="${SIZES.nodeFont}" text-anchor="middle" fill="${COLOURS.text}">${escapeXml(line)}</text>`,
      ),
      '</g>',
    );
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
