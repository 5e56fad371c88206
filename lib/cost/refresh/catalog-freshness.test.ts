import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogState, describeState, needsRefresh } from './catalog-freshness.ts';

const NOW = new Date('2026-12-07T12:00:00Z');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'catalog-freshness-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (region: string, document: unknown) =>
  writeFileSync(
    path.join(dir, `${region}.json`),
    typeof document === 'string' ? document : JSON.stringify(document),
  );
const state = (region: string) => catalogState(region, dir, 30, NOW);

describe('catalogState', () => {
  it('refreshes a catalog that is missing, unreadable or older than the allowed days', () => {
    write('eu-west-1', { origin: 'price-list-api', generatedAt: '2026-11-07' });
    write('eu-west-2', { origin: 'price-list-api', generatedAt: '2026-11-06' });
    write('eu-west-3', '{"origin": "price-list-api", "generatedAt": "2026-1');
    write('eu-north-1', { origin: 'price-list-api' });

    expect(state('eu-west-1')).toEqual({ kind: 'fresh', generatedAt: '2026-11-07', ageDays: 30 });
    expect(state('eu-west-2')).toEqual({ kind: 'stale', generatedAt: '2026-11-06', ageDays: 31 });
    expect(state('eu-west-3')).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringMatching(/^not JSON/),
    });
    expect(state('eu-north-1')).toEqual({ kind: 'unreadable', reason: 'no generatedAt date' });
    expect(state('ap-south-1')).toEqual({ kind: 'missing' });
    expect(
      ['eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1', 'ap-south-1'].map((r) => needsRefresh(state(r))),
    ).toEqual([false, true, true, true, true]);
    expect(describeState(state('eu-west-2'), 30)).toBe('generated 2026-11-06, 31 days ago (older than 30)');
  });

  it('keeps a bundled snapshot whatever its age: it changes by a reviewed commit', () => {
    write('us-east-1', { origin: 'bundled-snapshot', generatedAt: '2025-01-01' });
    expect(state('us-east-1')).toEqual({ kind: 'bundled', generatedAt: '2025-01-01' });
    expect(needsRefresh(state('us-east-1'))).toBe(false);
  });
});
