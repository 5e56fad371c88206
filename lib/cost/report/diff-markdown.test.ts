import { describe, expect, it } from 'vitest';
import { assemblyDir } from '../../../test/assembly.ts';
import { variantDir } from '../../../test/variant-app.ts';
import { readAssembly } from '../../assembly/index.ts';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { diffEstimates } from '../diff/diff.ts';
import { estimate } from '../estimate/estimate.ts';
import { fixtureCatalog, resource, stack } from '../estimate/estimate-test-kit.ts';
import { diffMarkdown } from './diff-markdown.ts';
import { resourceName } from './estimate-markdown.ts';

/** dev's estimate of a cloud assembly, limited to the given phases. */
const devEstimate = (dir: string, phases?: ReadonlySet<string | undefined>) => {
  const all = readAssembly(dir);
  const stacks = all.stacks.filter((s) => s.environment === 'dev' && (!phases || phases.has(s.phase)));
  return estimate({ ...all, stacks }, { catalogFor: (r) => loadCatalog(r) });
};

describe('the changed-resources table of the pull-request comment', () => {
  // Switching DMS (and on-demand Kinesis) on in dev: a VPC, subnets, routes, roles and endpoints come with it.
  const head = devEstimate(variantDir('costly-ingestion-everywhere'));
  const base = devEstimate(assemblyDir(), new Set(head.resources.map((r) => r.stack.split('/')[1])));
  const diff = diffEstimates(base, head);
  const text = diffMarkdown(diff, head);
  const rows = text.split('\n').filter((line) => /^\| (➕|➖|✏️) \|/.test(line));

  it('folds the free resources into one line per change kind, naming their types', () => {
    const free = diff.resources.filter((r) => r.resource.status === 'free');
    expect(free.length).toBeGreaterThanOrEqual(20);
    const line = rows.find((row) => row.startsWith(`| ➕ | ${free.length} free resources added (dev) |`));
    expect(line).toContain('IAM Role ×4');
    expect(line).toContain('EC2 Subnet ×2');
    expect(line).toContain('EC2 VPC,');
    for (const r of free) expect(text).not.toContain(`\`dev: ${resourceName(r.resource)}\``);
    // Before folding, this diff made a 4.7 KB comment with one row per free resource.
    expect(text.length).toBeLessThan(2_600);
    expect(rows.length).toBeLessThan(10);
  });

  it('lists every priced change, largest first', () => {
    const priced = diff.resources.filter((r) => r.resource.status === 'priced');
    expect(priced.length).toBeGreaterThanOrEqual(5);
    const names = rows.map((line) => /`dev: ([^`]+)`/.exec(line)?.[1]).filter(Boolean);
    expect(names).toEqual(priced.map((r) => resourceName(r.resource)));
    expect(names.slice(0, 3)).toEqual(['Stream', 'Dms/Instance', 'Crawler/Crawler']);
  });
});

describe('folding free resources', () => {
  const priced = (resources: Parameters<typeof resource>[]) =>
    estimate(
      {
        source: 'x',
        stacks: [
          stack(
            'dev/app',
            resources.map((args) => resource(...args)),
          ),
        ],
      },
      { catalogFor: () => fixtureCatalog() },
    );

  it('keeps resources the estimate cannot price as rows of their own, after the priced ones', () => {
    const base = priced([
      ['Old', 'AWS::IAM::Role'],
      ['Gone', 'AWS::EC2::Subnet'],
    ]);
    const head = priced([
      ['Made', 'AWS::Made::Up'],
      ['Key', 'AWS::KMS::Key'],
      ['Role', 'AWS::IAM::Role'],
      ['Sg', 'Custom::Anything'],
    ]);
    const text = diffMarkdown(diffEstimates(base, head), head);
    const rows = text.split('\n').filter((line) => /^\| (➕|➖|✏️) \|/.test(line));
    expect(rows).toEqual([
      expect.stringContaining('`dev: Key` (AWS::KMS::Key)'),
      expect.stringContaining('`dev: Made` (AWS::Made::Up) | not-priced |'),
      '| ➕ | 2 free resources added (dev) | custom resource, IAM Role | | | $0.00 |',
      '| ➖ | 2 free resources removed (dev) | EC2 Subnet, IAM Role | | | $0.00 |',
    ]);
    expect(text).toMatch(/<details open><summary>6 resources changed<\/summary>/);
  });
});
