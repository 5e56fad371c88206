import { renderMermaidSVG } from 'beautiful-mermaid';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_FONT_STACK, parseColor, resolveSvgStyles } from './svg-styles.ts';

const SAMPLE = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" style="--bg:#FFFFFF;--fg:#000000;--line:#123456;background:var(--bg)">
<style>
  @import url('https://fonts.googleapis.com/css2?family=Inter:wght@400;500&amp;display=swap');
  text { font-family: 'Inter', system-ui, sans-serif; }
  svg {
    /* derived */
    --_text: var(--fg);
    --_line: var(--line, color-mix(in srgb, var(--fg) 50%, var(--bg)));
    --_muted: var(--muted, color-mix(in srgb, var(--fg) 50%, var(--bg)));
    --_quarter: color-mix(in srgb, #ff0000 25%, #0000ff 75%);
  }
</style>
<rect fill="var(--_muted)" stroke="var(--_line)"/><text fill="var(--_text)">a</text><rect fill="var(--_quarter)"/>
</svg>`;

describe('resolveSvgStyles', () => {
  it('replaces custom properties, fallbacks and color-mix() with hex colours', () => {
    const out = resolveSvgStyles(SAMPLE);
    expect(out).toContain('<rect fill="#808080" stroke="#123456"/>'); // --muted unset: the mix; --line set: it
    expect(out).toContain('<text fill="#000000">');
    expect(out).toContain('<rect fill="#4000bf"/>');
    expect(out).toContain('style="background:#FFFFFF"');
  });

  it('drops the web-font import and names local fonts, in CSS and as an attribute', () => {
    const out = resolveSvgStyles(SAMPLE);
    expect(out).not.toMatch(/@import|googleapis|Inter|--_|var\(/);
    expect(out).toContain(`text { font-family: ${EMBEDDED_FONT_STACK}; }`);
    expect(out).toMatch(/^<svg font-family="'Liberation Sans', Arial/);
  });

  it("resolves everything in beautiful-mermaid's real output", () => {
    const svg = renderMermaidSVG('flowchart LR\n  a["A"] -->|x| b[("B")]\n  subgraph s["S"]\n    c\n  end\n');
    expect(svg).toMatch(/var\(--_line\)/);
    const out = resolveSvgStyles(svg);
    expect(out).not.toMatch(/var\(|color-mix|@import/);
    expect(out).toMatch(/stroke="#[0-9a-f]{6}"/);
  });

  it('fails loudly on a property that is never defined', () => {
    expect(() => resolveSvgStyles('<svg><rect fill="var(--nope)"/></svg>')).toThrow(
      /--nope is used but never defined/,
    );
  });
});

describe('parseColor', () => {
  it('reads hex, rgb() and names', () => {
    expect(parseColor('#fff')).toEqual([255, 255, 255, 1]);
    expect(parseColor('#27272A')).toEqual([39, 39, 42, 1]);
    expect(parseColor('#00000080')[3]).toBeCloseTo(0.5, 2);
    expect(parseColor('rgb(1, 2, 3)')).toEqual([1, 2, 3, 1]);
    expect(parseColor('rgba(1 2 3 / 50%)')).toEqual([1, 2, 3, 0.5]);
    expect(parseColor('white')).toEqual([255, 255, 255, 1]);
    expect(() => parseColor('hsl(0 0% 0%)')).toThrow(/cannot read the colour/);
  });
});
