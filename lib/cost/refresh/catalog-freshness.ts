/**
 * Whether a region's price catalog needs a refresh: missing, unreadable, or generated longer ago than the
 * allowed age. A bundled snapshot (origin "bundled-snapshot", committed and reviewed with the models that
 * use it) is never replaced by an automatic refresh, whatever its age: changing it is a reviewed commit.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCatalog } from '../catalog/load-catalog.ts';
import type { PriceCatalog } from '../catalog/price-catalog.ts';

export type CatalogState =
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreadable'; readonly reason: string }
  | { readonly kind: 'bundled'; readonly generatedAt: string }
  | { readonly kind: 'fresh' | 'stale'; readonly generatedAt: string; readonly ageDays: number };

const DAY_MS = 86_400_000;

/** The state of `<dir>/<region>.json` at `now`, given the most days old a refreshed catalog may be. */
export function catalogState(region: string, dir: string, maxAgeDays: number, now: Date): CatalogState {
  let text: string;
  try {
    text = readFileSync(path.join(dir, `${region}.json`), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', reason: (error as Error).message };
  }
  // The same check the estimate makes on reading it: a catalog that parses but breaks the schema (a hand
  // edit, a refresh of an older version) is rebuilt, never kept as fresh.
  let document: PriceCatalog;
  try {
    document = parseCatalog(text, path.join(dir, `${region}.json`), region);
  } catch (error) {
    return { kind: 'unreadable', reason: (error as Error).message };
  }
  const { generatedAt } = document;
  const generated = Date.parse(generatedAt);
  if (document.origin === 'bundled-snapshot') return { kind: 'bundled', generatedAt };
  const ageDays = Math.floor((now.getTime() - generated) / DAY_MS);
  return { kind: ageDays > maxAgeDays ? 'stale' : 'fresh', generatedAt, ageDays };
}

/** What a person reads about a state, e.g. "generated 2026-11-02, 35 days ago (older than 30)". */
export function describeState(state: CatalogState, maxAgeDays: number): string {
  switch (state.kind) {
    case 'missing':
      return 'no catalog';
    case 'unreadable':
      return `unreadable catalog (${state.reason})`;
    case 'bundled':
      return `bundled snapshot of ${state.generatedAt}, kept (refresh it on purpose, without --if-missing-or-older-than)`;
    case 'fresh':
    case 'stale':
      return `generated ${state.generatedAt}, ${state.ageDays} ${state.ageDays === 1 ? 'day' : 'days'} ago${state.kind === 'stale' ? ` (older than ${maxAgeDays})` : ''}`;
  }
}

/** True when the catalog should be (re)built. */
export const needsRefresh = (state: CatalogState) =>
  state.kind === 'missing' || state.kind === 'unreadable' || state.kind === 'stale';
