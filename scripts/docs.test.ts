import { describe, expect, it, vi } from 'vitest';
import { runScript } from '../test/run-script.ts';
import { docs } from './docs/command.ts';

describe('npm run docs (command line)', () => {
  it('explains itself with --help', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await docs(['--help']);
      expect(log.mock.calls[0]?.[0]).toMatch(
        /^Usage: npm run docs -- \[--env <name>\] \[--renderer auto\|mermaid-cli\|embedded\]/,
      );
    } finally {
      log.mockRestore();
    }
  });

  it('names the renderers it knows when given another, and exits 1 (in its own process)', async () => {
    const run = await runScript('docs', ['--renderer', 'graphviz']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/--renderer must be auto, mermaid-cli or embedded, not "graphviz"/);
  });
});
