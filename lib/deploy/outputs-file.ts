import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Outputs by stack name: the shape `cdk deploy --outputs-file` writes and the docs generator reads. */
export type OutputsByStack = Record<string, Record<string, string>>;

/** `cdk-outputs/<environment>.json`, one file per environment, next to the other environments' files. */
export const defaultOutputsFile = (environment: string): string =>
  path.join('cdk-outputs', `${environment}.json`);

/**
 * Writes the deployed stacks' outputs into the file, keeping the stacks of this environment that were not
 * deployed this time (a deploy of one phase must not forget the others). Keys are sorted so that an
 * unchanged deployment rewrites the same bytes and a commit of the file shows only real changes.
 */
export function writeOutputsFile(file: string, deployed: OutputsByStack): OutputsByStack {
  const merged: OutputsByStack = { ...readOutputsFile(file), ...deployed };
  const sorted = Object.fromEntries(
    Object.keys(merged)
      .sort()
      .map((stack) => [stack, sortKeys(merged[stack] ?? {})]),
  );
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
  return sorted;
}

export function readOutputsFile(file: string): OutputsByStack {
  if (!existsSync(file)) return {};
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return {};
    return data as OutputsByStack;
  } catch (error) {
    throw new Error(
      `${file} is not valid JSON (${(error as Error).message}): delete it, the deploy writes it again.`,
    );
  }
}

const sortKeys = (values: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)));
