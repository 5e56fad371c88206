/**
 * The project's build caches (compiled validators, parsed .tf files, drawn charts): files under
 * node_modules/.cache/launchpad that a command reads instead of redoing work, and that anyone may delete.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const CACHE_ROOT = path.resolve(import.meta.dirname, '../../node_modules/.cache/launchpad');

/**
 * Writes a cache file under a temporary name and renames it, so that two commands started together never
 * read half a file. Best effort: where it cannot be written (a read-only checkout) the work is done again
 * next time, nothing fails.
 */
export function writeCacheFile(file: string, contents: string): void {
  const partial = `${file}.${process.pid}`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(partial, contents);
    renameSync(partial, file);
  } catch {
    // Done again next time.
  }
}
