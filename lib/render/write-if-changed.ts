import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type WriteResult = 'written' | 'unchanged';

/** Writes a file only when its content differs, so a regeneration that changes nothing touches no byte. */
export function writeIfChanged(file: string, content: string | Buffer): WriteResult {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  if (existsSync(file) && readFileSync(file).equals(bytes)) return 'unchanged';
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return 'written';
}
