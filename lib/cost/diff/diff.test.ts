import { describe, expect, it } from 'vitest';
import { estimate } from '../estimate/estimate.ts';
import { fixtureCatalog, resource, stack } from '../estimate/estimate-test-kit.ts';
import { COST_COMMENT_MARKER, diffMarkdown } from '../report/diff-markdown.ts';
import { diffEstimates } from './diff.ts';

const priced = (stacks: Parameters<typeof stack>[]) =>
  estimate(
    { source: 'x', stacks: stacks.map((args) => stack(...args)) },
    { catalogFor: () => fixtureCatalog() },
  );

const base = priced([
  ['dev/app', [resource('Fn', 'AWS::Lambda::Function'), resource('Old', 'AWS::KMS::Key')]],
]);
const head = priced([
  [
    'dev/app',
    [
      resource('Fn', 'AWS::Lambda::Function', { MemorySize: 1024 }),
      resource('New', 'AWS::KMS::Key'),
      resource('Role', 'AWS::IAM::Role'),
    ],
  ],
]);

describe('diffEstimates', () => {
  const diff = diffEstimates(base, head);

  it('finds added, removed and changed resources with per-component deltas', () => {
    expect(diff.resources.map((r) => [r.key, r.change])).toEqual([
      ['dev/app/Fn', 'changed'],
      ['dev/app/New', 'added'],
      ['dev/app/Old', 'removed'],
      ['dev/app/Role', 'added'],
    ]);
    const fn = diff.resources.find((r) => r.key === 'dev/app/Fn');
    expect(fn?.components).toEqual([
      expect.objectContaining({ priceId: 'lambda.duration.x86_64', baseQuantity: 250, headQuantity: 2000 }),
    ]);
    expect(fn?.delta).toBeCloseTo(fn?.components[0]?.delta ?? Number.NaN, 6);
  });

  it('totals per environment with the change', () => {
    expect(diff.environments).toEqual([expect.objectContaining({ name: 'dev', delta: diff.totals.delta })]);
    expect(diff.totals.delta).toBeCloseTo(head.totals.monthly - base.totals.monthly, 6);
    expect(diff.totals.deltaIdle).toBe(0);
  });

  it('is empty between an estimate and itself', () => {
    const same = diffEstimates(head, head);
    expect(same.resources).toEqual([]);
    expect(same.totals.delta).toBe(0);
  });

  it('names types that became unpriced', () => {
    const withUnknown = priced([['dev/app', [resource('X', 'AWS::Made::Up')]]]);
    expect(diffEstimates(base, withUnknown).newlyNotPriced).toEqual(['AWS::Made::Up']);
  });
});

describe('the pull-request comment', () => {
  it('starts with the marker and says by how much the monthly cost changes', () => {
    const text = diffMarkdown(diffEstimates(base, head), head);
    expect(text.startsWith(`${COST_COMMENT_MARKER}\n`)).toBe(true);
    expect(text).toMatch(/Monthly cost will \*\*increase by \$\d+\.\d\d\*\* \(\+[\d.]+%\)/);
    expect(text).toMatch(/\| dev \| \$[\d.]+ \| \$[\d.]+ \| \+\$[\d.]+ \(\+[\d.]+%\) \|/);
    expect(text).toContain('| ➕ | `dev: New` (AWS::KMS::Key) | Customer-managed key |');
    expect(text).toContain('| ➖ | `dev: Old` (AWS::KMS::Key) |');
    expect(text).toMatch(
      /\| ✏️ \| `dev: Fn` \(AWS::Lambda::Function\) \| Duration \(x86_64\) \| 250 → 2,000 GB-Second \|/,
    );
    expect(text).toContain('| ➕ | 1 free resource added (dev) | IAM Role | | | $0.00 |');
  });

  it('says so when nothing changes, and is the same text every time', () => {
    const text = diffMarkdown(diffEstimates(head, head), head);
    expect(text).toMatch(/No change to the monthly cost: \*\*\$[\d.]+\*\*/);
    expect(diffMarkdown(diffEstimates(head, head), head)).toBe(text);
  });

  it('lists the 50 largest changes and sums up the rest, to stay readable and within GitHub’s comment size', () => {
    const many = (memory: number) =>
      priced([
        [
          'dev/app',
          Array.from({ length: 60 }, (_, i) =>
            resource(`Fn${i}`, 'AWS::Lambda::Function', { MemorySize: memory }),
          ),
        ],
      ]);
    const [small, large] = [many(128), many(512)];
    const text = diffMarkdown(diffEstimates(small, large), large);
    expect(text).toMatch(/<summary>60 resources changed<\/summary>/);
    expect(text.match(/✏️/g)).toHaveLength(50);
    expect(text).toMatch(/… and 10 more resources, changing the monthly cost by \+\$[\d.]+ together/);
  });

  it('warns when the idle cost rises', () => {
    const idle = priced([['dev/app', [resource('K1', 'AWS::KMS::Key'), resource('K2', 'AWS::KMS::Key')]]]);
    expect(diffMarkdown(diffEstimates(base, idle), idle)).toMatch(
      /idle cost \(billed with no traffic at all\) rises by \*\*\$1\.00\*\*/,
    );
  });
});
