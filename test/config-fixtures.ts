import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_CONFIG_DIR } from '../lib/config/load-config.ts';

/** The repository's dev config as a plain object, to derive variants from. */
export function devConfigJson(): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(DEFAULT_CONFIG_DIR, 'dev.json'), 'utf8'));
}

/** A temporary config dir with the real schema and the given files (name → content). */
export function configDirWith(files: Record<string, string | Record<string, unknown>>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'launchpad-config-'));
  copyFileSync(path.join(DEFAULT_CONFIG_DIR, 'schema.json'), path.join(dir, 'schema.json'));
  for (const [name, content] of Object.entries(files)) {
    const text = typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`;
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
