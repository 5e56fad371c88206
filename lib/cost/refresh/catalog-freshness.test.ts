import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG_DIR } from '../catalog/load-catalog.ts';
import { catalogState, describeState, needsRefresh } from './catalog-freshness.ts';

const NOW = new Date('2026-12-07T12:00:00Z');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'catalog-freshness-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A catalog as a refresh writes it: the bundled one's prices under another region, origin and date. */
const BUNDLED = JSON.parse(readFileSync(path.join(DEFAULT_CATALOG_DIR, 'us-east-1.json'), 'utf8'));
const write = (region: string, document: string | Record<string, unknown>) =>
  writeFileSync(
    path.join(dir, `${region}.json`),
    typeof document === 'string' ? document : JSON.stringify({ ...BUNDLED, region, ...document }),
  );
const state = (region: string) => catalogState(region, dir, 30, NOW);

describe('catalogState', () => {
  it('refreshes a catalog that is missing, unreadable or older than the allowed days', () => {
    write('eu-west-1', { origin: 'price-list-api', generatedAt: '2026-11-07' });
    write('eu-west-2', { origin: 'price-list-api', generatedAt: '2026-11-06' });
    write('eu-west-3', '{"origin": "price-list-api", "generatedAt": "2026-1');
    write('eu-north-1', { origin: 'price-list-api', generatedAt: undefined });
    // Valid JSON, but not a catalog (a hand edit, an older format): rebuilt, never kept as fresh.
    write('eu-south-1', {
      origin: 'price-list-api',
      generatedAt: '2026-12-01',
      prices: { 's3.storage.standard': {} },
    });

    expect(state('eu-west-1')).toEqual({ kind: 'fresh', generatedAt: '2026-11-07', ageDays: 30 });
    expect(state('eu-west-2')).toEqual({ kind: 'stale', generatedAt: '2026-11-06', ageDays: 31 });
    expect(state('eu-west-3')).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringContaining('expected a closing double quote'),
    });
    expect(state('eu-north-1')).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringContaining('generatedAt'),
    });
    expect(state('eu-south-1')).toMatchObject({
      kind: 'unreadable',
      reason: expect.stringContaining('s3.storage.standard'),
    });
    expect(state('ap-south-1')).toEqual({ kind: 'missing' });
    expect(
      ['eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1', 'eu-south-1', 'ap-south-1'].map((r) =>
        needsRefresh(state(r)),
      ),
    ).toEqual([false, true, true, true, true, true]);
    expect(describeState(state('eu-west-2'), 30)).toBe('generated 2026-11-06, 31 days ago (older than 30)');
  });

  it('keeps a bundled snapshot whatever its age: it changes by a reviewed commit', () => {
    write('us-east-1', { origin: 'bundled-snapshot', generatedAt: '2025-01-01' });
    expect(state('us-east-1')).toEqual({ kind: 'bundled', generatedAt: '2025-01-01' });
    expect(needsRefresh(state('us-east-1'))).toBe(false);
  });
});
