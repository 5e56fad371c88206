import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildApp } from '../infra/launchpad-app.ts';
import { synthesize } from '../infra/synthesize.ts';
import { VARIANTS } from './variants.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Cloud assembly of every environment in config/, synthesized once per test run. */
    assemblyDir: string;
    /** One cloud assembly per variant app of test/variants.ts, in a folder named for it. */
    variantsDir: string;
  }
}

/**
 * Synthesizes the app and its variants once, here where aws-cdk-lib is loaded once, rather than in each
 * test file that reads them. Validation findings are written, not thrown: the tests assert on them.
 */
export default function setup(project: TestProject): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'launchpad-assembly-'));
  const appDir = path.join(root, 'app');
  synthesize({ outdir: appDir });
  const variantsDir = path.join(root, 'variants');
  for (const [name, configs] of Object.entries(VARIANTS)) {
    const { app } = buildApp({
      configs: configs(),
      outdir: path.join(variantsDir, name),
      context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
    });
    app.synth();
  }
  project.provide('assemblyDir', appDir);
  project.provide('variantsDir', variantsDir);
  return () => rmSync(root, { recursive: true, force: true });
}
