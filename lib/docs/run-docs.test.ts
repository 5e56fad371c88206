import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemblyDir } from '../../test/assembly.ts';
import { variantDir } from '../../test/variant-app.ts';
import { runDocs } from './run-docs.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A copy of the repository's README and docs/ to regenerate in. */
function workspace(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'launchpad-run-docs-'));
  cpSync(path.join(ROOT, 'README.md'), path.join(root, 'README.md'));
  cpSync(path.join(ROOT, 'docs'), path.join(root, 'docs'), { recursive: true });
  return root;
}

/** path → sha256 of every file under `dir`. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out[path.relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

describe('npm run docs', () => {
  it('renders what is missing, keeps people’s text, and changes no byte on a second run', async () => {
    const root = workspace();
    rmSync(path.join(root, 'docs/diagrams/overview.png'));
    rmSync(path.join(root, 'docs/diagrams/overview.drawio'));
    const readme = path.join(root, 'README.md');
    writeFileSync(
      readme,
      readFileSync(readme, 'utf8').replace('## Configure', 'My own paragraph.\n\n## Configure'),
    );

    const steps: string[] = [];
    const first = await runDocs({ root, assemblyDir: assemblyDir(), onStep: (step) => steps.push(step) });
    // The pictures are drawn while the charts and pages are written: render is reported when it ends.
    expect(steps.slice(0, 3)).toEqual(['inventory', 'cost', 'diagrams']);
    expect([...steps].sort()).toEqual([
      'charts',
      'cost',
      'diagrams',
      'docs',
      'inventory',
      'render',
      'terraform',
    ]);
    expect(first.diagramNote).toMatch(/AWS Architecture Icons/);
    expect(readFileSync(path.join(root, 'docs/diagrams/overview.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(path.join(root, 'docs/diagrams/overview.drawio'), 'utf8')).toMatch(/^<mxfile /);
    expect(readFileSync(readme, 'utf8')).toContain('My own paragraph.');
    expect(first.warnings).toEqual([]);

    const before = fingerprint(root);
    const second = await runDocs({ root, assemblyDir: assemblyDir() });
    expect(second.files.every((f) => f.result === 'unchanged')).toBe(true);
    expect(second.diagramNote).toBe('No diagram changed: the committed pictures were kept.');
    expect(fingerprint(root)).toEqual(before);
  });

  it('refuses an environment without a config file before writing anything', async () => {
    const root = workspace();
    const before = fingerprint(root);
    await expect(
      runDocs({ root, assemblyDir: assemblyDir(), environment: 'nosuchenv', renderer: 'embedded' }),
    ).rejects.toThrow(/environment "nosuchenv": there is no config\/nosuchenv.json .*Nothing was written/);
    expect(fingerprint(root)).toEqual(before);
  });

  // Failed before: the file was read after the diagrams and charts were written.
  it('refuses an --actual-cost file that is not the JSON of npm run cost -- --actual before writing anything', async () => {
    const root = workspace();
    rmSync(path.join(root, 'docs/diagrams/overview.png'));
    const before = fingerprint(root);
    const steps: string[] = [];
    const bad = path.join(root, 'actual-cost.json');
    for (const [text, error] of [
      ['not json', /actual-cost\.json: not the JSON of npm run cost -- --actual --format json/],
      ['{"estimate": {}}', /actual-cost\.json: has no "actual" with an environment and services/],
    ] as const) {
      writeFileSync(bad, text);
      await expect(
        runDocs({
          root,
          assemblyDir: assemblyDir(),
          actualCostFile: bad,
          onStep: (step) => steps.push(step),
        }),
      ).rejects.toThrow(error);
    }
    rmSync(bad);
    expect(steps).toEqual([]);
    expect(fingerprint(root)).toEqual(before);
  });

  it('writes everything in a region without bundled prices, saying so where the cost would be', async () => {
    const root = workspace();
    const result = await runDocs({ root, assemblyDir: variantDir('unpriced-region'), renderer: 'embedded' });
    expect(result.missingPrices).toEqual(['eu-west-1']);
    const fetch = '`npm run prices:refresh -- --region eu-west-1`';
    const region = (page: string, name: string) =>
      readFileSync(path.join(root, page), 'utf8')
        .split(`<!-- BEGIN GENERATED: ${name}`)[1]
        ?.split('<!-- END')[0] ?? '';
    for (const [page, name] of [
      ['README.md', 'cost'],
      ['docs/cost.md', 'estimate'],
    ] as const) {
      const text = region(page, name);
      expect(text).toContain('**No prices are bundled for eu-west-1**');
      expect(text).toContain(fetch);
      // Nothing priced is invented: no dollar figure at all, not even $0.00.
      expect(text).not.toContain('$');
    }
    expect(region('README.md', 'phases')).toMatch(/\| n\/a \|/);
    expect(region('README.md', 'architecture')).toContain(
      '<picture><source srcset="docs/diagrams/overview.svg"',
    );
  });
});
