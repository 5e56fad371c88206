import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const docs = (args: string[]) =>
  spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/docs.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });

describe('npm run docs (command line)', () => {
  it('explains itself with --help', () => {
    const run = docs(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^Usage: npm run docs -- \[--env <name>\] \[--renderer auto\|mermaid-cli\|embedded\]/,
    );
  });

  it('names the renderers it knows when given another', () => {
    const run = docs(['--renderer', 'graphviz']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/--renderer must be auto, mermaid-cli or embedded, not "graphviz"/);
  });
});
