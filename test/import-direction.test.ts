// The direction of imports between the top-level folders (docs/decisions/0006-imports-flow-one-way.md),
// read from esbuild's own resolution of every source file, so a cycle between folders cannot come back.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Test code (tests, their doubles and fixtures, benchmarks) may import anything: production never imports it. */
const isTestCode = (file: string) =>
  file.startsWith('test/') ||
  file === 'scripts/bench.ts' ||
  file.startsWith('scripts/bench/') ||
  file.endsWith('.test.ts') ||
  /(^|\/)(testing|fixtures)\//.test(file) ||
  file.endsWith('test-kit.ts');

/** The layer a file belongs to: `lib/<domain>` for the engines, else its top-level folder. */
function layerOf(file: string): string {
  const [top = '', domain = ''] = file.split('/');
  return top === 'lib' ? `lib/${domain}` : top;
}

const BASE = ['lib/config', 'lib/sql'];

/** What each layer may import besides itself. Engines read synthesized assemblies; they never import infra. */
function mayImport(from: string, to: string): boolean {
  if (from === to) return true;
  if (BASE.includes(from)) return BASE.includes(to);
  if (from === 'infra') return BASE.includes(to);
  if (from.startsWith('lib/')) return to.startsWith('lib/');
  if (from === 'actions' || from === 'scripts') return to === 'infra' || to.startsWith('lib/') || to === from;
  return false;
}

let inputs: Metafile['inputs'];

beforeAll(async () => {
  const files = execFileSync('git', ['ls-files', 'lib/*.ts', 'infra/*.ts', 'actions/*.ts', 'scripts/*.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((file) => file && !isTestCode(file));
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: files,
    bundle: true,
    write: false,
    metafile: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    outdir: 'import-graph',
    logLevel: 'silent',
  });
  inputs = result.metafile.inputs;
});

/** Every import between our own files, static or dynamic: `from -> to`. */
function ownImports(): [string, string][] {
  return Object.entries(inputs).flatMap(([from, input]) =>
    input.imports.filter((i) => !i.external).map((i): [string, string] => [from, i.path]),
  );
}

describe('imports between folders', () => {
  it('flow one way: lib/config and lib/sql <- infra; lib/config <- the engines; both <- actions and scripts', () => {
    const wrong = ownImports()
      .filter(([from, to]) => !mayImport(layerOf(from), layerOf(to)))
      .map(([from, to]) => `${from} imports ${to}`);
    expect(wrong).toEqual([]);
  });

  it('never reach test code from production code', () => {
    const wrong = ownImports()
      .filter(([from, to]) => !isTestCode(from) && isTestCode(to))
      .map(([from, to]) => `${from} imports ${to}`);
    expect(wrong).toEqual([]);
  });

  it('keep the CDK app out of the engines that price, review and document an assembly', () => {
    // Only the assembly reader's aws-cdk-lib/cx-api may load; the construct library, cdk-nag and the
    // toolkit are the slow part of a start and belong to whoever synthesizes.
    const cdkApp = /^(aws-cdk-lib(\/(?!cx-api$).*)?|constructs|cdk-nag(\/.*)?|@aws-cdk\/toolkit-lib)$/;
    const readers = ['lib/assembly', 'lib/cost', 'lib/review', 'lib/diagram', 'lib/docs'];
    const reached = reachableFrom(
      Object.keys(inputs).filter((f) => readers.includes(layerOf(f)) && !isTestCode(f)),
    );
    const wrong = [...reached].flatMap((file) =>
      (inputs[file]?.imports ?? [])
        .filter((i) => i.external && cdkApp.test(i.path))
        .map((i) => `${file} imports ${i.path}`),
    );
    expect(wrong).toEqual([]);
  });

  it('form no cycle between the engines of lib/', () => {
    const edges = new Map<string, Set<string>>();
    for (const [from, to] of ownImports()) {
      const [a, b] = [layerOf(from), layerOf(to)];
      if (a !== b && a.startsWith('lib/') && b.startsWith('lib/'))
        edges.set(a, (edges.get(a) ?? new Set()).add(b));
    }
    expect(findCycle(edges)).toBeUndefined();
  });
});

/** Our files that the given files import, directly or not, themselves included. */
function reachableFrom(files: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of inputs[file]?.imports ?? []) if (!i.external) visit(i.path);
  };
  for (const file of files) visit(file);
  return seen;
}

/** A cycle in the folder graph as `a -> b -> a`, or undefined. */
function findCycle(edges: Map<string, Set<string>>): string | undefined {
  const done = new Set<string>();
  const visit = (node: string, trail: string[]): string | undefined => {
    if (trail.includes(node)) return [...trail.slice(trail.indexOf(node)), node].join(' -> ');
    if (done.has(node)) return undefined;
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next, [...trail, node]);
      if (cycle) return cycle;
    }
    done.add(node);
    return undefined;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node, []);
    if (cycle) return cycle;
  }
  return undefined;
}
