import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assemblyDir } from '../../../test/assembly.ts';
import { readAssembly } from '../../assembly/index.ts';
import { MAIN_ENV, pythonOf } from '../../python/venv.ts';
import { buildGraph, stacksOf } from '../build-graph.ts';
import { loadDiagramConfig } from '../diagram-config.ts';
import type { ArchitectureGraph } from '../graph-types.ts';
import { mermaidDiagrams } from '../mermaid.ts';
import { phasePictureView } from '../phase-picture.ts';
import { findSansFont } from '../render/fonts.ts';
import { storyView } from '../story.ts';
import { drawPicture, MAX_PICTURE_PNG_WIDTH, type PictureFiles } from './index.ts';

const ICONS = path.join(
  path.dirname(createRequire(import.meta.url).resolve('aws-icons/package.json')),
  'icons',
);
const pngWidth = (png: Uint8Array) => Buffer.from(png).readUInt32BE(16);

/** The smallest text of an SVG, in px, when it is shown 900 px wide (as a README shows it); and how many texts. */
function smallestTextAt900(svg: string): { px: number; texts: number } {
  const width = Number(/<svg[^>]* width="(\d+(?:\.\d+)?)"/.exec(svg)?.[1]);
  const sizes = [...svg.matchAll(/font-size="(\d+(?:\.\d+)?)"/g)].map((m) => Number(m[1]));
  return { px: Math.min(...sizes) * (900 / width), texts: sizes.length };
}

/** Every cell of a draw.io file, read by Python's XML parser (a real one: malformed XML fails here). */
function drawioCells(xml: string): {
  id: string;
  value: string;
  style: string;
  vertex: boolean;
  edge: boolean;
  parent: string;
  source?: string;
  target?: string;
}[] {
  const script = `
import json, sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.read())
assert root.tag == 'mxfile', root.tag
model = root.find('diagram/mxGraphModel')
cells = [dict(id=c.get('id'), value=c.get('value') or '', style=c.get('style') or '', vertex=c.get('vertex') == '1',
  edge=c.get('edge') == '1', parent=c.get('parent') or '', source=c.get('source'), target=c.get('target'))
  for c in model.find('root').findall('mxCell')]
print(json.dumps(cells))`;
  const run = spawnSync(pythonOf(MAIN_ENV), ['-c', script], { input: xml, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the draw.io file does not parse: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe('the architecture pictures of dev', () => {
  let graph: ArchitectureGraph;
  let overview: PictureFiles;
  let story: ArchitectureGraph;
  beforeAll(async () => {
    graph = buildGraph(stacksOf(readAssembly(assemblyDir()).stacks, 'dev'), { environment: 'dev' });
    story = storyView(graph);
    overview = await drawPicture(story, 'overview', 'overview', findSansFont(), 'columns');
  });

  it('tell the capstone story left to right in at most 20 nodes and 30 edges, each with its AWS icon', () => {
    expect(story.phases).toEqual([
      '1 · Ingest',
      '2 · Clean',
      '3 · Transform',
      '4 · Store',
      '5 · Query',
      '6 · Visualize',
    ]);
    expect(story.nodes.length).toBeLessThanOrEqual(20);
    expect(story.edges.length).toBeLessThanOrEqual(30);
    const columns = overview.picture.groups.map((g) => [g.title, g.x]);
    expect(columns.map(([title]) => title)).toEqual(story.phases);
    expect(columns.map(([, x]) => x)).toEqual(
      [...columns.map(([, x]) => x)].sort((a, b) => Number(a) - Number(b)),
    );
    const names = Object.fromEntries(overview.picture.nodes.map((n) => [n.node.label, n.icon.file]));
    expect(names).toMatchObject({
      'Ingest API': 'architecture-service/AmazonAPIGateway.svg',
      'Kinesis stream': 'architecture-service/AmazonKinesisDataStreams.svg',
      Firehose: 'architecture-service/AmazonDataFirehose.svg',
      'Raw zone': 'architecture-service/AmazonSimpleStorageService.svg',
      'Clean job': 'architecture-service/AWSGlue.svg',
      Crawler: 'resource/AWSGlueCrawler.svg',
      Pipeline: 'architecture-service/AWSStepFunctions.svg',
      'Data Catalog': 'resource/AWSGlueDataCatalog.svg',
      Athena: 'architecture-service/AmazonAthena.svg',
    });
    for (const file of Object.values(names)) expect(existsSync(path.join(ICONS, file)), file).toBe(true);
    // Short names: none wraps to more than two lines of the node's 15 px text.
    for (const node of overview.picture.nodes)
      expect(node.lines.length, node.node.label).toBeLessThanOrEqual(2);
  });

  it('read at a README’s 900 px: no text below 10 px there, PNG at most 1,920 px wide', () => {
    const { px, texts } = smallestTextAt900(overview.svg);
    expect(texts).toBeGreaterThan(overview.picture.nodes.length);
    expect(px).toBeGreaterThanOrEqual(10);
    expect(overview.png).toBeDefined();
    expect(pngWidth(overview.png as Uint8Array)).toBeLessThanOrEqual(MAX_PICTURE_PNG_WIDTH);
  });

  // Failed before: `calls, starts` sat on `Curated zone`, and Curated zone → Curate job and Pipeline → Clean job
  // ran under the whole picture.
  it('keep labels off the nodes’ icons and names, and run no edge under the columns', () => {
    const boxes = overview.picture.nodes.flatMap((node) => [
      {
        x: node.x + (node.width - 48) / 2,
        y: node.y,
        width: 48,
        height: 48,
        what: `${node.node.label} icon`,
      },
      ...node.lines.map((line, i) => {
        const width = Math.ceil(line.length * 15 * 0.56);
        return {
          x: node.x + (node.width - width) / 2,
          y: node.y + 52 + i * 18,
          width,
          height: 18,
          what: line,
        };
      }),
    ]);
    for (const { label, edge } of overview.picture.edges) {
      if (!label) continue;
      for (const box of boxes) {
        const apart =
          label.x >= box.x + box.width ||
          box.x >= label.x + label.width ||
          label.y >= box.y + box.height ||
          box.y >= label.y + label.height;
        expect(apart, `${edge.label} on ${box.what}`).toBe(true);
      }
    }
    const bottom = Math.max(...overview.picture.groups.map((g) => g.y + g.height));
    for (const { points, edge } of overview.picture.edges)
      expect(Math.max(...points.map((p) => p.y)), `${edge.from} → ${edge.to}`).toBeLessThanOrEqual(bottom);
  });

  // Failed before: ingestion's chain laid out left to right was 1,957 px wide, its text 7 px at 900 px.
  it('lay a long phase out top to bottom when left to right would be more than twice as wide as tall', async () => {
    const { picture, svg } = await drawPicture(
      phasePictureView(graph, 'ingestion'),
      'ingestion',
      'ingestion',
      undefined,
    );
    expect(picture.width).toBeLessThanOrEqual(2 * picture.height);
    // From the SVG written, every text in it (edge labels and phase titles too, not only the nodes' names).
    expect(smallestTextAt900(svg).px).toBeGreaterThanOrEqual(10);
  });

  // Failed before: foundation was 1,574 px wide and orchestration 1,403, their text 8.6 and 9.6 px at 900 px.
  it('read at 900 px, every phase picture and the capstone’s (its stages as columns in order): no text below 10 px', async () => {
    // As npm run docs builds them: the graph with config/diagram.json's settings.
    const config = loadDiagramConfig();
    const docsGraph = buildGraph(stacksOf(readAssembly(assemblyDir()).stacks, 'dev'), {
      ...config,
      environment: 'dev',
    });
    const views = mermaidDiagrams(docsGraph, config);
    expect(Object.keys(views)).toContain('capstone');
    for (const [name, d] of Object.entries(views)) {
      const { svg, picture } = await drawPicture(d.picture, name, name, undefined, d.pictureLayout);
      expect(smallestTextAt900(svg).px, name).toBeGreaterThanOrEqual(10);
      // Failed before: the capstone, laid out by elkjs alone, had Transform left of Clean and Store at the bottom.
      if (name === 'capstone') {
        const columns = [...picture.groups].sort((a, b) => a.x - b.x).map((g) => g.title);
        expect(columns).toEqual(d.picture.phases);
        expect(new Set(picture.groups.map((g) => g.y)).size).toBe(1);
      }
      // Failed before: edges elkjs turned round to break a cycle between two phases ran around the whole
      // picture, outside every phase box (foundation's, ingestion's and orchestration's pictures).
      if (d.pictureLayout === 'layered') {
        const left = Math.min(...picture.groups.map((g) => g.x));
        const right = Math.max(...picture.groups.map((g) => g.x + g.width));
        const outside = picture.edges
          .filter((e) => e.points.some((p) => p.x < left - 1 || p.x > right + 1))
          .map((e) => `${e.edge.from} → ${e.edge.to}`);
        expect(outside, name).toEqual([]);
      }
      // Every route runs from its own source to its own target (the arrowhead is drawn at its last point),
      // the edges laid out backwards too.
      const at = new Map(picture.nodes.map((n) => [n.id, n]));
      const gap = (p: { x: number; y: number }, id: string) => {
        const n = at.get(id);
        if (!n) return Number.POSITIVE_INFINITY;
        return Math.hypot(
          Math.max(n.x - p.x, 0, p.x - n.x - n.width),
          Math.max(n.y - p.y, 0, p.y - n.y - n.height),
        );
      };
      const reversed = picture.edges
        .filter((e) => e.points.length >= 2)
        .filter((e) => {
          const first = e.points[0] as { x: number; y: number };
          const last = e.points.at(-1) as { x: number; y: number };
          return (
            gap(first, e.edge.from) > gap(first, e.edge.to) || gap(last, e.edge.to) > gap(last, e.edge.from)
          );
        })
        .map((e) => `${e.edge.from} → ${e.edge.to}`);
      expect(reversed, name).toEqual([]);
    }
  });

  it('inline each icon once and place it at every node that shows it', () => {
    const symbols = [...overview.svg.matchAll(/<symbol id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(symbols).size).toBe(symbols.length);
    expect(symbols.length).toBe(new Set(overview.picture.nodes.map((n) => n.icon.file)).size);
    expect(overview.svg.match(/<use /g)?.length).toBe(overview.picture.nodes.length);
    expect(overview.svg).not.toMatch(/var\(|color-mix|@import/);
  });

  it('are also a draw.io file: well-formed, every node an AWS 4 icon in its phase, every edge between them', () => {
    const cells = drawioCells(overview.drawio);
    const groups = cells.filter((c) => c.vertex && c.style.includes('container=1'));
    expect(groups.map((g) => g.value)).toEqual(story.phases);
    const vertices = new Map(
      cells.filter((c) => c.vertex && !c.style.includes('container=1')).map((c) => [c.id, c]),
    );
    for (const node of story.nodes) {
      const cell = vertices.get(node.id);
      expect(cell, node.id).toBeDefined();
      expect(cell?.value).toBe(node.label);
      expect(cell?.style).toMatch(/shape=mxgraph\.aws4\.resourceIcon;resIcon=mxgraph\.aws4\.[a-z0-9_]+;/);
      expect(groups.find((g) => g.id === cell?.parent)?.value, node.id).toBe(node.phase);
    }
    const edges = cells.filter((c) => c.edge).map((c) => `${c.source} --${c.value}--> ${c.target}`);
    expect(edges.sort()).toEqual(story.edges.map((e) => `${e.from} --${e.label}--> ${e.to}`).sort());
  });
});
