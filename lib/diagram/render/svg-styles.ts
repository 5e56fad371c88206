/**
 * Makes beautiful-mermaid's SVG self-contained: its colours are CSS custom properties (`var(--_line)`)
 * derived with `color-mix()`, and it `@import`s a web font. resvg resolves neither, and neither do many
 * SVG viewers (image previews, Inkscape, e-mail), so every colour becomes an explicit hex value and the
 * font a local family stack before the SVG is written.
 */

/**
 * Font families for the embedded renderer's text, Arial-metric first: beautiful-mermaid sizes boxes
 * for Inter, and Arial-metric fonts are narrower, so labels never overflow their boxes.
 */
export const EMBEDDED_FONT_STACK = "'Liberation Sans', Arial, Helvetica, 'DejaVu Sans', sans-serif";

/** Replaces custom properties, `color-mix()` and the web-font import with explicit values. */
export function resolveSvgStyles(svg: string, fontStack: string = EMBEDDED_FONT_STACK): string {
  const openTag = /<svg\b[^>]*>/.exec(svg);
  if (!openTag) throw new Error('resolveSvgStyles: no <svg> element in the input.');
  const variables = new Map<string, string>();
  const rootStyle = /\sstyle="([^"]*)"/.exec(openTag[0])?.[1] ?? '';
  collectCustomProperties(rootStyle, variables);
  for (const block of svg.matchAll(/<style>([\s\S]*?)<\/style>/g)) {
    collectCustomProperties(block[1] ?? '', variables);
  }

  let out = svg.replace(/<style>([\s\S]*?)<\/style>/g, (_all, css: string) => {
    const cleaned = cleanStyleSheet(css, fontStack);
    return cleaned ? `<style>\n${cleaned}\n</style>` : '';
  });
  out = out.replace(/<svg\b[^>]*>/, (tag) => {
    let rewritten = tag.replace(/\sstyle="([^"]*)"/, (_all, style: string) => {
      const kept = removeCustomProperties(style);
      return kept ? ` style="${kept}"` : '';
    });
    // A presentation attribute as well as the style rule: viewers without CSS support still pick the font.
    if (!/\sfont-family=/.test(rewritten)) {
      rewritten = rewritten.replace(/^<svg\b/, `<svg font-family="${fontStack.replaceAll('"', "'")}"`);
    }
    return rewritten;
  });
  out = substituteFunctions(out, variables);

  const leftover = /var\(|color-mix\(|@import/.exec(out);
  if (leftover) {
    const at = out.slice(Math.max(0, leftover.index - 60), leftover.index + 60);
    throw new Error(`resolveSvgStyles: unresolved CSS left in the SVG near "${at}".`);
  }
  return out;
}

function collectCustomProperties(css: string, into: Map<string, string>): void {
  for (const declaration of declarations(stripComments(css))) {
    const match = /^(--[\w-]+)\s*:\s*([\s\S]+)$/.exec(declaration.trim());
    if (match?.[1] && match[2]) into.set(match[1], match[2].trim());
  }
}

/** `;`-separated declarations at parenthesis depth 0, inside or outside rule blocks. */
function declarations(css: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of css) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (depth === 0 && (char === ';' || char === '{' || char === '}')) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function stripComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, '');
}

function removeCustomProperties(style: string): string {
  return declarations(style)
    .map((d) => d.trim())
    .filter((d) => d && !d.startsWith('--'))
    .join(';');
}

function cleanStyleSheet(css: string, fontStack: string): string {
  const withoutImports = stripComments(css).replace(/@import\s+url\((?:[^()]|\([^()]*\))*\)[^;]*;/g, '');
  const rules: string[] = [];
  for (const rule of withoutImports.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const selector = (rule[1] ?? '').trim();
    const body = removeCustomProperties(rule[2] ?? '')
      .split(';')
      .map((d) => (selector === 'text' && /^font-family\s*:/.test(d) ? `font-family: ${fontStack}` : d))
      .join('; ');
    if (body) rules.push(`  ${selector} { ${body}; }`);
  }
  return rules.join('\n');
}

/** Replaces every `var(...)` and `color-mix(...)` in `text`, innermost first, with a hex colour. */
function substituteFunctions(text: string, variables: ReadonlyMap<string, string>, depth = 0): string {
  if (depth > 20) throw new Error('resolveSvgStyles: custom properties refer to each other in a cycle.');
  let out = '';
  let index = 0;
  const pattern = /\b(var|color-mix)\(/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const open = match.index + match[0].length;
    const close = matchingParen(text, open);
    const args = text.slice(open, close);
    out += text.slice(index, match.index);
    out +=
      match[1] === 'var'
        ? resolveVar(args, variables, depth)
        : colorMix(substituteFunctions(args, variables, depth + 1));
    index = close + 1;
    pattern.lastIndex = index;
  }
  return out + text.slice(index);
}

function resolveVar(args: string, variables: ReadonlyMap<string, string>, depth: number): string {
  const comma = topLevelSplit(args);
  const name = (comma[0] ?? '').trim();
  const fallback = comma.slice(1).join(',').trim();
  const value = variables.get(name) ?? (fallback || undefined);
  if (value === undefined) throw new Error(`resolveSvgStyles: ${name} is used but never defined.`);
  return substituteFunctions(value, variables, depth + 1);
}

function matchingParen(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '(') depth++;
    if (text[i] === ')' && --depth === 0) return i;
  }
  throw new Error(`resolveSvgStyles: unbalanced parenthesis in "${text.slice(from - 10, from + 60)}".`);
}

function topLevelSplit(args: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of args) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  return [...parts, current];
}

/** `color-mix(in srgb, A p%, B q%)` per CSS Color 5: percentages normalised, channels mixed in sRGB. */
function colorMix(args: string): string {
  const [space, first, second] = topLevelSplit(args).map((a) => a.trim());
  if (space !== 'in srgb' || !first || !second) {
    throw new Error(`resolveSvgStyles: unsupported color-mix(${args}).`);
  }
  const a = colorStop(first);
  const b = colorStop(second);
  let pa = a.percent;
  let pb = b.percent;
  if (pa === undefined && pb === undefined) pa = pb = 0.5;
  else if (pa === undefined) pa = 1 - (pb ?? 0);
  else if (pb === undefined) pb = 1 - pa;
  const total = pa + (pb ?? 0);
  const wa = pa / total;
  const alpha = a.rgba[3] * wa + b.rgba[3] * (1 - wa);
  const channel = (i: number) =>
    alpha === 0 ? 0 : ((a.rgba[i] ?? 0) * a.rgba[3] * wa + (b.rgba[i] ?? 0) * b.rgba[3] * (1 - wa)) / alpha;
  return toHex([channel(0), channel(1), channel(2), alpha]);
}

function colorStop(stop: string): { rgba: [number, number, number, number]; percent?: number } {
  const match = /^(.*?)\s+([\d.]+)%$/.exec(stop);
  if (match?.[1] && match[2]) return { rgba: parseColor(match[1]), percent: Number(match[2]) / 100 };
  return { rgba: parseColor(stop) };
}

const NAMED_COLORS: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  transparent: '#00000000',
};

/** Hex (`#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`), `rgb()`/`rgba()` and a few names, as 0–255 channels and 0–1 alpha. */
export function parseColor(value: string): [number, number, number, number] {
  const color = NAMED_COLORS[value.trim().toLowerCase()] ?? value.trim();
  const hex = /^#([0-9a-f]{3,8})$/i.exec(color)?.[1];
  if (hex && [3, 4, 6, 8].includes(hex.length)) {
    const digits = hex.length <= 4 ? [...hex].map((d) => d + d) : (hex.match(/../g) ?? []);
    const [r, g, b, a = 'ff'] = digits.map((d) => d);
    return [parseInt(r ?? '0', 16), parseInt(g ?? '0', 16), parseInt(b ?? '0', 16), parseInt(a, 16) / 255];
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/i.exec(color);
  if (rgb) {
    const alpha = rgb[4] === undefined ? 1 : rgb[4].endsWith('%') ? parseFloat(rgb[4]) / 100 : Number(rgb[4]);
    return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), alpha];
  }
  throw new Error(`resolveSvgStyles: cannot read the colour "${value}".`);
}

function toHex([r, g, b, a]: [number, number, number, number]): string {
  const byte = (v: number) =>
    Math.round(Math.min(255, Math.max(0, v)))
      .toString(16)
      .padStart(2, '0');
  const alpha = a >= 1 ? '' : byte(a * 255);
  return `#${byte(r)}${byte(g)}${byte(b)}${alpha}`;
}
