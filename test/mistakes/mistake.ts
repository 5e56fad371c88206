import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ScriptRun } from '../run-script.ts';

/**
 * One mistake a person can make, and the answer it must get. Rows are grouped by area, one table file
 * each (config, usage, templates, flags, outputs, markers); mistakes.test.ts runs them all.
 */
export interface Mistake {
  /** What the person did, as a test name: "docs --env with an environment that has no config file". */
  readonly name: string;
  /** Files of the mistake, written into a fresh temporary folder (name → content) before `run`. */
  readonly files?: Readonly<Record<string, string | Uint8Array>>;
  /** Runs the command (in process, or the library function behind it) with the temporary folder. */
  readonly run: (dir: string) => Promise<ScriptRun>;
  /** @default 1 */
  readonly status?: number;
  /** Words the message must hold: the file or flag, what is wrong, the fix. */
  readonly words: readonly (string | RegExp)[];
}

/** A library call as a command would answer it: its error's message on stderr and exit code 1. */
export async function answer(action: () => unknown): Promise<ScriptRun> {
  try {
    await action();
    return { status: 0, stdout: '', stderr: '' };
  } catch (error) {
    return { status: 1, stdout: '', stderr: error instanceof Error ? error.message : String(error) };
  }
}

/** Writes `files` into a temporary folder and runs `use` with it; the folder goes afterwards. */
export async function inTempDir<T>(
  files: Readonly<Record<string, string | Uint8Array>>,
  use: (dir: string) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'launchpad-mistake-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
    return await use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
