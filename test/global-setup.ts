import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { synthesize } from '../infra/synthesize.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Cloud assembly of every environment in config/, synthesized once per test run. */
    assemblyDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const outdir = mkdtempSync(path.join(tmpdir(), 'launchpad-assembly-'));
  synthesize({ outdir });
  project.provide('assemblyDir', outdir);
  return () => rmSync(outdir, { recursive: true, force: true });
}
