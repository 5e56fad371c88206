// Real rendering, both renderers, no mocks. The mermaid-cli tests need it installed (npm run
// mermaid-cli:install) and a Chrome/Chromium: without them they are skipped, saying why (test/browser.ts);
// CI installs both (.ci/run) and fails on any skipped test.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needsBrowser, needsMermaidCli } from '../../../test/browser.ts';
import { readArchitectureFixture } from './fixtures/fixture.ts';
import { pngPixelShares, pngSize, svgText } from './png-test-helpers.ts';
import {
  DiagramSyntaxError,
  type RenderDiagramsResult,
  RendererUnavailableError,
  renderDiagrams,
} from './render-diagrams.ts';

const fixture = readArchitectureFixture();
const work = mkdtempSync(path.join(tmpdir(), 'launchpad-render-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every piece of text the fixture shows: node label lines, edge labels, subgraph titles. */
function fixtureTexts(): string[] {
  const nodeLabels = [...fixture.matchAll(/\w+(?:\[\(|\(\[|\[\[|\{\{|\[|\()"([^"]*)"/g)].flatMap((m) =>
    (m[1] ?? '').split('<br/>'),
  );
  const edgeLabels = [...fixture.matchAll(/\|([^|]+)\|/g)].map((m) => m[1] ?? '');
  return [...new Set([...nodeLabels, ...edgeLabels])];
}

const NO_BROWSER = { env: { PUPPETEER_EXECUTABLE_PATH: '/nowhere/chrome', PATH: '' }, candidates: [] };
const BROKEN = { name: 'broken-phase', mermaid: 'flowchart LR\n  a["A"] --> b["B"]\n  b -->|reads c["C"]\n' };
const BROKEN_MIDDLE = {
  name: 'ingestion',
  mermaid: 'flowchart LR\n  a --> b\n  c --> d\n  e[["E"] --> f\n  g --> h\n',
};

function checkImages(result: RenderDiagramsResult, dir: string, scale = 2): { svg: string; png: Buffer } {
  expect(result.files).toEqual([path.join(dir, 'overview.svg'), path.join(dir, 'overview.png')]);
  const svg = readFileSync(path.join(dir, 'overview.svg'), 'utf8');
  const png = readFileSync(path.join(dir, 'overview.png'));

  const text = svgText(svg);
  const texts = fixtureTexts();
  expect(texts.length).toBeGreaterThan(50);
  expect(texts.filter((t) => !text.includes(t))).toEqual([]);
  for (const title of ['Phase 1: foundation', 'Phase 2: ingestion', 'Phase 3: processing']) {
    expect(text).toContain(title);
  }

  const { width, height } = pngSize(png);
  const svgWidth = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1]);
  expect(width).toBeGreaterThanOrEqual(Math.floor(svgWidth * scale) - 2);
  expect(width).toBeLessThanOrEqual(Math.ceil(svgWidth * scale) + 2);
  expect(height).toBeGreaterThan(500);
  expect(png.length).toBeGreaterThan(100_000);
  const shares = pngPixelShares(png);
  expect(shares.white).toBeGreaterThan(0.4); // a white page, not a black or transparent one
  expect(shares.black).toBeLessThan(0.05);
  expect(shares.colour).toBeGreaterThan(0.02); // classDef fills drawn
  return { svg, png };
}

describe('mermaid-cli renderer', needsBrowser(), () => {
  const dir = path.join(work, 'mermaid-cli');
  let result: RenderDiagramsResult;

  beforeAll(async () => {
    result = await renderDiagrams([{ name: 'overview', mermaid: fixture }], {
      outDir: dir,
      renderer: 'mermaid-cli',
    });
  });

  it('writes an SVG holding every label and a crisp PNG of it', () => {
    expect(result.renderer).toBe('mermaid-cli');
    expect(result.note).toMatch(/^Rendered with mermaid-cli in .+; renderer 'embedded' needs no browser\.$/);
    const { svg } = checkImages(result, dir);
    // classDef and linkStyle colours reach the SVG
    expect(svg).toContain('#E8F5E9');
    expect(svg).toContain('#C62828');
  });

  it('auto picks the browser, and the same text gives the same SVG bytes', async () => {
    const again = path.join(work, 'mermaid-cli-again');
    const second = await renderDiagrams([{ name: 'overview', mermaid: fixture }], {
      outDir: again,
      formats: ['svg'],
    });
    expect(second.renderer).toBe('mermaid-cli');
    expect(second.files).toEqual([path.join(again, 'overview.svg')]);
    const first = readFileSync(path.join(dir, 'overview.svg'), 'utf8');
    expect(readFileSync(path.join(again, 'overview.svg'), 'utf8')).toBe(first);
  });

  it('names the diagram and the line of a syntax error, and still writes the good diagrams', async () => {
    const out = path.join(work, 'mermaid-cli-errors');
    const failure = await renderDiagrams(
      [{ name: 'overview', mermaid: 'flowchart LR\n  a --> b\n' }, BROKEN_MIDDLE],
      {
        outDir: out,
        renderer: 'mermaid-cli',
        formats: ['svg'],
      },
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DiagramSyntaxError);
    expect((failure as DiagramSyntaxError).diagram).toBe('ingestion');
    expect((failure as DiagramSyntaxError).line).toBe(4);
    expect((failure as Error).message).toMatch(/^Mermaid syntax error in diagram "ingestion", line 4: /);
    expect(readFileSync(path.join(out, 'overview.svg'), 'utf8')).toContain('<svg');

    // A fault mermaid only notices at the end of the text is pinned to its line by the subset reader.
    const unclosed = await renderDiagrams([BROKEN], {
      outDir: out,
      renderer: 'mermaid-cli',
      formats: ['svg'],
    }).catch((error: unknown) => error);
    expect(unclosed).toBeInstanceOf(DiagramSyntaxError);
    expect((unclosed as Error).message).toMatch(/diagram "broken-phase", line 3: .*label/);
  });
});

describe('embedded renderer', () => {
  const dir = path.join(work, 'embedded');

  it('writes a self-contained SVG holding every label and a PNG with text and colours', async () => {
    const result = await renderDiagrams([{ name: 'overview', mermaid: fixture }], {
      outDir: dir,
      renderer: 'embedded',
    });
    expect(result.renderer).toBe('embedded');
    expect(result.note).toMatch(/^Rendered with the embedded renderer \(as asked\); /);
    const { svg } = checkImages(result, dir);
    expect(svg).not.toMatch(/var\(|color-mix|@import/);
    expect(svg).toContain('fill="#E8F5E9"');
    expect(svg).toMatch(/stroke="#C62828"[^>]*stroke-dasharray/); // linkStyle 3 on the dotted edge
  });

  it('names the diagram and the line of a syntax error', async () => {
    const failure = await renderDiagrams([BROKEN], { outDir: dir, renderer: 'embedded' }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(DiagramSyntaxError);
    expect((failure as DiagramSyntaxError).line).toBe(3);
    expect((failure as Error).message).toMatch(/diagram "broken-phase", line 3: /);
  });

  it('reports every broken diagram of a batch at once', async () => {
    const failure = await renderDiagrams([BROKEN, BROKEN_MIDDLE], {
      outDir: dir,
      renderer: 'embedded',
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AggregateError);
    const message = (failure as Error).message;
    expect(message).toMatch(/^2 diagrams have Mermaid syntax errors:\n/);
    expect(message).toContain('diagram "broken-phase", line 3: unclosed label: `|` is missing');
    expect(message).toContain('diagram "ingestion", line 4: expected `]]` after the quoted label "E"');
  });
});

describe('choosing the renderer', () => {
  it('auto renders without a browser when none is found, and says how to get one', async () => {
    const progress: string[] = [];
    const result = await renderDiagrams([{ name: 'overview', mermaid: fixture }], {
      outDir: path.join(work, 'auto-embedded'),
      browserSearch: NO_BROWSER,
      onProgress: (line) => progress.push(line),
    });
    expect(result.renderer).toBe('embedded');
    expect(result.note).toMatch(
      /^Rendered with the embedded renderer \(no Chrome\/Chromium found\); .*chromium/i,
    );
    expect(result.note).not.toContain('\n');
    expect(progress[0]).toBe(
      'PUPPETEER_EXECUTABLE_PATH=/nowhere/chrome is not an executable file; ignoring it.',
    );
  });

  it('a forced mermaid-cli without a browser fails saying what is missing and how to get it', async () => {
    const failure = await renderDiagrams([{ name: 'overview', mermaid: fixture }], {
      outDir: path.join(work, 'forced'),
      renderer: 'mermaid-cli',
      browserSearch: NO_BROWSER,
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RendererUnavailableError);
    expect((failure as Error).message).toMatch(/needs Chrome or Chromium and none was found/);
    expect((failure as Error).message).toMatch(/PUPPETEER_EXECUTABLE_PATH/);
  });

  it('mermaid-cli not installed: forced names the command that installs it, auto falls back', async () => {
    const browser = path.join(work, 'some-browser');
    writeFileSync(browser, '#!/bin/sh\nexit 0\n');
    chmodSync(browser, 0o755);
    const options = {
      outDir: work,
      browserSearch: { env: { PATH: '' }, candidates: [browser] },
      mermaidCliDir: mkdtempSync(path.join(tmpdir(), 'launchpad-no-mermaid-cli-')),
    };
    const forced = await renderDiagrams([], { ...options, renderer: 'mermaid-cli' }).catch((e: unknown) => e);
    expect(forced).toBeInstanceOf(RendererUnavailableError);
    expect((forced as Error).message).toMatch(
      /^The mermaid-cli renderer is not installed: npm run mermaid-cli:install installs it/,
    );

    const auto = await renderDiagrams([], options);
    expect(auto.renderer).toBe('embedded');
    expect(auto.note).toMatch(
      /^Rendered with the embedded renderer \(mermaid-cli is not installed\); .*npm run mermaid-cli:install/,
    );
  });

  it(
    'a browser that does not start: forced fails clearly, auto falls back to the embedded renderer',
    needsMermaidCli(),
    async () => {
      const fake = path.join(work, 'not-a-browser');
      writeFileSync(fake, '#!/bin/sh\nexit 1\n');
      chmodSync(fake, 0o755);
      const search = { env: { PATH: '' }, candidates: [fake] };
      const forced = await renderDiagrams([], {
        outDir: work,
        renderer: 'mermaid-cli',
        browserSearch: search,
      }).catch((e: unknown) => e);
      expect(forced).toBeInstanceOf(RendererUnavailableError);
      expect((forced as Error).message).toContain(`could not start Chrome/Chromium at ${fake}`);

      const auto = await renderDiagrams([], { outDir: work, browserSearch: search });
      expect(auto.renderer).toBe('embedded');
      expect(auto.note).toContain('did not start');
    },
  );
});
