import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnvironmentConfig } from '../../lib/config/load-config.ts';
import { stackOf } from '../../test/assembly.ts';
import { buildApp } from '../launchpad-app.ts';

describe('the foundation stack', () => {
  it.each(['dev', 'stage', 'prod'])('%s: is named for its project, environment and phase', (environment) => {
    const { artifact } = stackOf(environment, 'foundation');
    expect(artifact.stackName).toBe(`launchpad-${environment}-foundation`);
    expect(artifact.environment.region).toBe('us-east-1');
    expect(artifact.terminationProtection).toBe(environment === 'prod');
    expect(artifact.template.Description).toMatch(/phase 1, IAM and the S3 data lake/);
  });

  it('outputs the name and ARN of every bucket and of the analyst role', () => {
    const outputs = stackOf('dev', 'foundation').template.Outputs ?? {};
    for (const bucket of ['Raw', 'Clean', 'Curated', 'QueryResults', 'AccessLogs']) {
      expect(outputs[`${bucket}BucketName`]?.Value, bucket).toBeDefined();
      expect(outputs[`${bucket}BucketArn`]?.Value, bucket).toEqual({
        'Fn::GetAtt': [expect.any(String), 'Arn'],
      });
    }
    expect(outputs.AnalystRoleName?.Value).toEqual({ Ref: expect.any(String) });
    expect(outputs.AnalystRoleArn?.Value).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    // The pipeline's roles sit with what uses them (functions, crawler, Glue jobs), not here.
    expect(Object.keys(outputs).filter((name) => name.endsWith('RoleName'))).toEqual(['AnalystRoleName']);
    expect(outputs.AnalystPolicyArn).toBeDefined();
    expect(outputs.AnalystsGroupName).toBeDefined();
    expect(outputs.BudgetName?.Value).toBe('launchpad-dev-monthly');
    expect(outputs.DataLakeKeyArn).toBeUndefined();
    expect(stackOf('prod', 'foundation').template.Outputs?.DataLakeKeyArn).toBeDefined();
  });

  it('deploys to the account a config pins', () => {
    const config = { ...loadEnvironmentConfig('dev'), account: '111122223333' };
    const { app } = buildApp({
      configs: [config],
      outdir: mkdtempSync(path.join(tmpdir(), 'launchpad-account-')),
    });
    const stack = app.synth().stacksRecursively.find((s) => s.stackName === 'launchpad-dev-foundation');
    expect(stack?.environment.account).toBe('111122223333');
    expect(JSON.stringify(stack?.template)).toContain('launchpad-dev-raw-111122223333');
  });
});
