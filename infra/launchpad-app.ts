import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { EnvironmentConfig } from '../lib/config/environment-config.ts';
import { loadAllConfigs } from '../lib/config/load-config.ts';
import { EnvironmentStage } from './environment-stage.ts';

const CDK_JSON = path.resolve(import.meta.dirname, '../cdk.json');

export interface LaunchpadAppOptions {
  /** Cloud assembly directory. @default - what the CDK CLI passes, else cdk.out */
  readonly outdir?: string;
  /** Environments to build. @default - every config/<environment>.json */
  readonly configs?: readonly EnvironmentConfig[];
  /** Context on top of cdk.json's. @default - cdk.json's only */
  readonly context?: Record<string, unknown>;
  /**
   * Run cdk-nag's AwsSolutions checks and CDK's built-in CloudFormation validation when synthesizing. Off
   * only for commands that read the templates and nothing else (docs, cost): the checks write
   * validation-report.json and leave every template as it is. @default true
   */
  readonly validate?: boolean;
}

/**
 * The whole CDK app: one Stage per environment, cdk-nag's AwsSolutions checks on every stack (unless
 * `validate` is false).
 * The same builder serves `cdk` (infra/app.ts), `npm run synth` and the tests, with cdk.json's feature flags.
 */
export function buildApp(options: LaunchpadAppOptions = {}): { app: App; stages: EnvironmentStage[] } {
  const cdkJson = JSON.parse(readFileSync(CDK_JSON, 'utf8')) as { context?: Record<string, unknown> };
  const validate = options.validate ?? true;
  const app = new App({
    outdir: options.outdir,
    context: { ...cdkJson.context, ...options.context },
    builtinCloudFormationValidation: validate,
  });
  const stages = (options.configs ?? loadAllConfigs()).map((config) => new EnvironmentStage(app, config));
  if (validate) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stages };
}
