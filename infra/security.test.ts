import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { loadEnvironmentConfig } from '../lib/config/load-config.ts';
import { assemblyDir, synthesizedStacks } from '../test/assembly.ts';
import { actionsOf, policyDocuments } from '../test/iam.ts';
import { buildApp } from './launchpad-app.ts';
import { readFindings } from './nag/validation-findings.ts';
import type { FoundationStack } from './phases/foundation-stack.ts';

const stacks = synthesizedStacks();

describe('least privilege', () => {
  it('finds the policies it checks (roles, managed policies, bucket and key policies)', () => {
    const documents = stacks.flatMap(policyDocuments);
    expect(documents.length).toBeGreaterThan(20);
    expect(documents.some((d) => d.where.includes('KeyPolicy'))).toBe(true);
  });

  it('grants no wildcard action anywhere (deny statements may cover s3:*)', () => {
    const wildcards = stacks.flatMap(policyDocuments).flatMap(({ where, statements }) =>
      statements
        .filter((s) => s.Effect === 'Allow')
        .flatMap((s) => [...actionsOf(s), ...[s.NotAction ?? []].flat()])
        .filter((action) => action.includes('*'))
        .map((action) => `${where}: ${action}`),
    );
    expect(wildcards).toEqual([]);
  });

  it('allows nothing through NotAction (only the deny-without-MFA statement uses it)', () => {
    const allowNotAction = stacks
      .flatMap(policyDocuments)
      .flatMap((d) => d.statements.filter((s) => s.Effect === 'Allow' && s.NotAction));
    expect(allowNotAction).toEqual([]);
  });
});

describe('cdk-nag AwsSolutions checks', () => {
  it('report no unacknowledged error or warning on any stack', () => {
    expect(readFindings(assemblyDir())).toEqual([]);
  });

  it('do run on the phase stacks: an unacknowledged wildcard resource is reported', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'launchpad-nag-'));
    const { app, stages } = buildApp({
      configs: [loadEnvironmentConfig('dev')],
      outdir,
      context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
    });
    const stack = stages[0]?.foundation as FoundationStack;
    stack.roles.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }),
    );
    app.synth();
    expect(readFindings(outdir)).toEqual([
      expect.objectContaining({
        rule: 'AwsSolutions-IAM5[Resource::*]',
        severity: 'error',
        constructPath: 'dev/foundation/Roles/Analyst/DefaultPolicy/Resource',
        // Where the policy construct was created (the first grant to the role, above), relative to the working directory.
        source: expect.stringMatching(/^infra\/security\.test\.ts:\d+:\d+$/),
      }),
    ]);
  });
});

describe('environment isolation', () => {
  const environments = [...new Set(stacks.map((s) => s.environment))];
  // Every name of this project starts with `${project}-${env}` or `${project}_${env}` (Glue).
  const namesOf = (text: string) => [...text.matchAll(/launchpad[-_]([a-z0-9]+)[-_]/g)].map((m) => m[1]);

  it('covers more than one environment', () => {
    expect([...environments].sort()).toEqual(['dev', 'prod', 'stage']);
  });

  it.each(stacks.map((s) => [s.path, s] as const))(
    '%s refers to no other environment’s resources',
    (_, stack) => {
      // API Gateway's own test console stage is called test-invoke-stage: a word, not the environment.
      const text = JSON.stringify(stack.template).replaceAll('test-invoke-stage', '');
      const referenced = new Set(namesOf(text));
      expect([...referenced]).toEqual([stack.environment]);
      for (const other of environments.filter((e) => e !== stack.environment)) {
        expect(text).not.toMatch(new RegExp(`[-_/:"]${other}[-_/"]`));
      }
    },
  );
});
