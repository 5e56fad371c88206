import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../infra/launchpad-app.ts';
import type { EnvironmentConfig } from '../lib/config/environment-config.ts';
import { loadEnvironmentConfig } from '../lib/config/load-config.ts';

/** Synthesizes one environment from a changed copy of its config: for settings the repo's configs leave off. */
export function foundationTemplateWith(
  changes: Partial<EnvironmentConfig>,
  environment = 'dev',
  phase: 'foundation' | 'ingestion' | 'processing' = 'foundation',
): Template {
  const config = { ...loadEnvironmentConfig(environment), ...changes };
  const outdir = mkdtempSync(path.join(tmpdir(), 'launchpad-variant-'));
  const { stages } = buildApp({ configs: [config], outdir });
  const stage = stages[0];
  if (!stage) throw new Error('no stage built');
  const stack = stage[phase];
  if (!stack) throw new Error(`phase ${phase} is not built for this config`);
  return Template.fromStack(stack);
}
