import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collectOutput, isolatedEnvironment } from './child-process.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface ActionRun {
  readonly status: number | null;
  /** The log: stdout, where workflow commands (`::error::`, `::group::`) go. */
  readonly stdout: string;
  readonly stderr: string;
  /** What the action set with core.setOutput. */
  readonly outputs: Record<string, string>;
  /** The job summary it wrote. */
  readonly summary: string;
  /** Its RUNNER_TEMP. */
  readonly temp: string;
}

/**
 * Runs an action's committed bundle the way the runner does: `node actions/<name>/dist/index.js` (the stub
 * that loads its entry and chunks from actions/dist) in the repository checkout, inputs as `INPUT_<NAME>`
 * variables, outputs and the summary through the files named by GITHUB_OUTPUT and GITHUB_STEP_SUMMARY. No
 * AWS settings of this machine leak in.
 */
export async function runAction(
  name: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  /** The Node binary: this process's by default. */
  node: string = process.execPath,
): Promise<ActionRun> {
  const temp = mkdtempSync(path.join(tmpdir(), `action-${name}-`));
  const outputFile = path.join(temp, 'output');
  const summaryFile = path.join(temp, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const child = spawn(node, [path.join(ROOT, 'actions', name, 'dist/index.js')], {
    cwd: ROOT,
    env: isolatedEnvironment(
      {
        ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        RUNNER_TEMP: temp,
        ...env,
      },
      (k) => k.startsWith('INPUT_') || k.startsWith('GITHUB_'),
    ),
  });
  const run = await collectOutput(child);
  return {
    ...run,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    temp,
  };
}

/** The runner's output file: `name<<delimiter`, the value's lines, then the delimiter. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match?.[1] || !match[2]) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== match[2]; i++) value.push(lines[i] ?? '');
    outputs[match[1]] = value.join('\n');
  }
  return outputs;
}
