/**
 * The draw.io export opened by a real mxGraph engine: @maxgraph/core (the maintained TypeScript port of the
 * library draw.io is built on), bundled with esbuild and loaded into headless Chromium, decodes the file's
 * model, draws it, and the page is screenshotted. maxGraph has the styles (colours, containers, dashed
 * edges, labels) but not draw.io's AWS 4 stencils, so the icons show as squares of their colour there. The
 * PNGs are kept at `<tmpdir>/launchpad-drawio-<name>.png` for a person to look at.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { assemblyDir } from '../../../test/assembly.ts';
import { launchBrowser, needsBrowser } from '../../../test/browser.ts';
import { readAssembly } from '../../assembly/index.ts';
import { buildGraph, stacksOf } from '../build-graph.ts';
import { loadDiagramConfig } from '../diagram-config.ts';
import { mermaidDiagrams } from '../mermaid.ts';
import { pngPixelShares, pngSize } from '../render/png-test-helpers.ts';
import { drawPicture } from './index.ts';

/** The page's global that the bundle below defines. */
interface Page {
  drawDrawio(xml: string): { error?: string; vertices: string[]; edges: string[][] };
}

/** What the page exposes: decode a draw.io file into a maxGraph graph, say what it holds. */
const ENTRY = `
import { Graph, ModelXmlSerializer } from '@maxgraph/core';
window.drawDrawio = (xml) => {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const error = doc.querySelector('parsererror');
  if (error) return { error: error.textContent };
  const graph = new Graph(document.getElementById('canvas'));
  // As text: maxGraph decodes the model from its own parse of the string.
  const model = new XMLSerializer().serializeToString(doc.querySelector('mxGraphModel'));
  new ModelXmlSerializer(graph.getDataModel()).import(model);
  const cells = [];
  const walk = (cell) => {
    cells.push(cell);
    for (const child of cell.children ?? []) walk(child);
  };
  walk(graph.getDataModel().getRoot());
  return {
    vertices: cells.filter((c) => c.isVertex()).map((c) => c.getId()),
    edges: cells.filter((c) => c.isEdge()).map((c) => [c.getTerminal(true)?.getId(), c.getTerminal(false)?.getId()]),
  };
};`;

describe('the draw.io export in a maxGraph viewer', needsBrowser(), () => {
  // The overview (columns) and foundation's picture (elkjs, with edges laid out backwards and drawn forwards).
  it('decodes every node and edge of the overview and of a phase picture, each edge in its direction, and draws them', async () => {
    const config = loadDiagramConfig();
    const graph = buildGraph(stacksOf(readAssembly(assemblyDir()).stacks, 'dev'), {
      ...config,
      environment: 'dev',
    });
    const views = mermaidDiagrams(graph, config);
    const bundle = await build({
      stdin: { contents: ENTRY, resolveDir: import.meta.dirname, loader: 'js' },
      bundle: true,
      write: false,
      format: 'iife',
      logLevel: 'silent',
    });
    const script = bundle.outputFiles[0]?.text ?? '';

    const browser = await launchBrowser<any>();
    try {
      for (const name of ['overview', 'foundation']) {
        const view = views[name];
        if (!view) throw new Error(`dev has no ${name} diagram`);
        const { picture, drawio } = await drawPicture(
          view.picture,
          name,
          name,
          undefined,
          view.pictureLayout,
        );
        const page = await browser.newPage();
        await page.setViewport({ width: picture.width, height: picture.height });
        await page.setContent(
          `<body style="margin:0;background:#fff"><div id="canvas" style="width:${picture.width}px;height:${picture.height}px"></div></body>`,
        );
        await page.addScriptTag({ content: script });
        const shown = await page.evaluate(
          (xml: string) => (globalThis as unknown as Page).drawDrawio(xml),
          drawio,
        );
        expect(shown.error, name).toBeUndefined();
        for (const node of view.picture.nodes) expect(shown.vertices, name).toContain(node.id);
        expect(shown.vertices).toEqual(expect.arrayContaining(picture.groups.map((g) => g.id)));
        expect(shown.edges.map(([a, b]: string[]) => `${a}>${b}`).sort(), name).toEqual(
          view.picture.edges.map((e) => `${e.from}>${e.to}`).sort(),
        );
        const png = (await page.screenshot({ type: 'png' })) as Uint8Array;
        writeFileSync(path.join(tmpdir(), `launchpad-drawio-${name}.png`), png);
        expect(pngSize(png)).toEqual({ width: picture.width, height: picture.height });
        // Drawn, not blank: the phase boxes, edges and labels cover a good part of the page.
        expect(pngPixelShares(png).white, name).toBeLessThan(0.97);
      }
    } finally {
      await browser.close();
    }
  });
});
