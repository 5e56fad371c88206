import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Size and modification time of every file git tracks, by path: a command that writes, rewrites or
 * deletes a tracked file changes it. Cheap enough to take around each of the mistakes.
 */
export function trackedFiles(): Map<string, string> {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  return new Map(
    files.map((file) => {
      const full = path.join(ROOT, file);
      if (!existsSync(full)) return [file, 'missing'];
      const stat = statSync(full);
      return [file, `${stat.size}:${stat.mtimeMs}`];
    }),
  );
}

/** Paths whose entry differs between two snapshots. */
export function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...before].filter(([file, state]) => after.get(file) !== state).map(([file]) => file);
}
