import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { loadEnvironmentConfig } from '../lib/config/load-config.ts';
import { assemblyDir, synthesizedStacks } from '../test/assembly.ts';
import { buildApp } from './launchpad-app.ts';
import { readFindings } from './nag/validation-findings.ts';
import type { FoundationStack } from './phases/foundation-stack.ts';
import { synthesizeTemplates } from './synthesize.ts';

const report = (dir: string) => path.join(dir, 'validation-report.json');

describe('synthesizeTemplates (docs, cost, review)', () => {
  // The global setup's assembly is the validated one (synthesize), as npm run synth writes it.
  const validated = synthesizedStacks().filter((s) => s.environment === 'dev');

  it('writes the templates npm run synth writes, byte for byte, without running the checks', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'launchpad-templates-'));
    writeFileSync(report(outdir), '{"stale": "from an earlier validated synthesis"}');
    const result = synthesizeTemplates({ environments: ['dev'], outdir });

    expect(result.stacks.map((s) => s.path)).toEqual(validated.map((s) => s.path));
    const templates = synthesizedStacks(result.assemblyDir);
    for (const stack of validated) {
      const same = templates.find((t) => t.path === stack.path);
      expect(same && readFileSync(same.templateFile, 'utf8'), stack.path).toBe(
        readFileSync(stack.templateFile, 'utf8'),
      );
      expect(result.stacks.find((s) => s.path === stack.path)?.resources).toBe(
        Object.keys(stack.template.Resources).length,
      );
    }
    // No report of checks that did not run, and none left from before.
    expect(existsSync(report(outdir))).toBe(false);
  });

  it('runs neither cdk-nag nor CloudFormation validation: a finding the checks report is not looked for', () => {
    const build = (validate: boolean) => {
      const outdir = mkdtempSync(path.join(tmpdir(), 'launchpad-templates-'));
      const { app, stages } = buildApp({
        configs: [loadEnvironmentConfig('dev')],
        outdir,
        context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
        validate,
      });
      const foundation = stages[0]?.foundation as FoundationStack;
      foundation.roles.role.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }),
      );
      app.synth();
      return outdir;
    };
    expect(readFindings(build(true)).map((f) => f.rule)).toContain('AwsSolutions-IAM5[Resource::*]');
    expect(existsSync(report(build(false)))).toBe(false);
  });

  it('leaves the checks to synthesize, whose assembly holds their report', () => {
    expect(existsSync(report(assemblyDir()))).toBe(true);
  });
});
