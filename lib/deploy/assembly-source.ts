import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AssemblyBuilder, ICloudAssemblySource, Toolkit } from '@aws-cdk/toolkit-lib';

/**
 * Where the stacks come from:
 * - `app`: a CDK app command run in a folder, as `cdk.json` says (`npx tsx infra/app.ts`) — the default;
 * - `assemblyDir`: a cloud assembly synthesized before (`npm run synth -- --out <dir>`), deployed as it is;
 * - `builder`: a function that builds an App in this process (tests pass small apps this way).
 */
export type AppSource =
  | { readonly app: string; readonly workingDirectory: string; readonly outdir?: string }
  | { readonly assemblyDir: string }
  | { readonly builder: AssemblyBuilder; readonly outdir?: string };

/** The repository's own app: the `app` command of its cdk.json, run in the repository root. */
export function repositoryApp(root: string): AppSource {
  const file = path.join(root, 'cdk.json');
  let cdkJson: { app?: unknown };
  try {
    cdkJson = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `${file}: ${(error as Error).message}. The deploy runs in the repository checkout after npm ci.`,
    );
  }
  if (typeof cdkJson.app !== 'string' || cdkJson.app === '') throw new Error(`${file} has no "app" command.`);
  return { app: cdkJson.app, workingDirectory: root, outdir: path.join(root, 'cdk.out') };
}

export function assemblySource(toolkit: Toolkit, source: AppSource): Promise<ICloudAssemblySource> {
  if ('assemblyDir' in source) return toolkit.fromAssemblyDirectory(source.assemblyDir);
  if ('builder' in source) return toolkit.fromAssemblyBuilder(source.builder, { outdir: source.outdir });
  return toolkit.fromCdkApp(source.app, { workingDirectory: source.workingDirectory, outdir: source.outdir });
}
