// The promises of docs/setup/bootstrap.md ("What isolates the environments"), each asserted at ARN level on
// the synthesized bootstrap templates: what one environment's GitHub role and CloudFormation execution role
// may do to another environment's stacks, buckets, roles, policies and keys, and to their own bootstrap.
import { rmSync } from 'node:fs';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAllConfigs } from '../../lib/config/load-config.ts';
import { assemblyDir } from '../../test/assembly.ts';
import type { Statement } from '../../test/iam.ts';
import { variantDir } from '../../test/variant-app.ts';
import { everythingOn } from '../../test/variants.ts';
import { synthesizeBootstrap } from './bootstrap-app.ts';
import { BootstrapNames } from './bootstrap-names.ts';
import { resourceTypesOf } from './environment-resource-types.ts';
import { allows, type Request } from './testing/policy-simulator.ts';

const A = '<AWS::AccountId>';
const REGION = 'us-east-1';
const ENVIRONMENTS = ['dev', 'stage', 'prod'];
const names = (environment: string) => new BootstrapNames('launchpad', environment);

interface Resource {
  Type: string;
  Properties: Record<string, unknown> & { PolicyDocument?: { Statement: Statement[] } };
}

/** One environment's resources, and the requests that would change, delete or read them. */
function requestsOn(environment: string): Request[] {
  const n = names(environment);
  const p = `launchpad-${environment}`;
  const iam = (kind: string, name: string) => `arn:aws:iam::${A}:${kind}/${name}`;
  const on = (resource: string, actions: string[], context?: Record<string, string>) =>
    actions.map((action) => ({ action, resource, context: { 'aws:RequestedRegion': REGION, ...context } }));
  const roleActions = [
    'iam:PutRolePolicy',
    'iam:AttachRolePolicy',
    'iam:UpdateAssumeRolePolicy',
    'iam:DeleteRole',
    'iam:PassRole',
    'sts:AssumeRole',
  ];
  return [
    ...on(`arn:aws:cloudformation:${REGION}:${A}:stack/${p}-foundation/0a1b2c`, [
      'cloudformation:UpdateStack',
      'cloudformation:DeleteStack',
      'cloudformation:ExecuteChangeSet',
    ]),
    ...on(`arn:aws:s3:::${p}-raw-${A}`, ['s3:DeleteBucket', 's3:PutBucketPolicy', 's3:ListBucket']),
    ...on(`arn:aws:s3:::${p}-raw-${A}/rides/2026/01.json`, [
      's3:GetObject',
      's3:PutObject',
      's3:DeleteObject',
    ]),
    ...on(`arn:aws:s3:::${n.cdkAssetBucket(A, REGION)}/asset.zip`, ['s3:PutObject', 's3:GetObject']),
    ...on(iam('role', `${p}-analyst`), roleActions),
    ...on(iam('role', n.roleName), roleActions),
    ...['deploy', 'file-publishing', 'lookup', 'cfn-exec'].flatMap((kind) =>
      on(iam('role', n.cdkRoleName(kind, A, REGION)), roleActions),
    ),
    ...[n.cdkExecutionPolicyName, n.cdkBoundaryPolicyName].flatMap((policy) =>
      on(iam('policy', policy), [
        'iam:CreatePolicyVersion',
        'iam:SetDefaultPolicyVersion',
        'iam:DeletePolicy',
      ]),
    ),
    ...on(
      `arn:aws:kms:${REGION}:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      ['kms:Decrypt', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:CreateGrant'],
      { 'aws:ResourceTag/environment': environment },
    ),
    ...on(`arn:aws:lambda:${REGION}:${A}:function:${p}-stream-consumer`, ['lambda:UpdateFunctionCode']),
  ];
}

describe('isolation between environments (bootstrap templates, ARN level)', () => {
  let outdir: string;
  /** Statements by environment: its GitHub role's, its execution policy's, its boundary's. */
  const policies: Record<string, { github: Statement[]; execution: Statement[]; boundary: Statement[] }> = {};

  beforeAll(() => {
    // dev with every switch on: the widest execution policy the app can need.
    const configs = [everythingOn(), ...loadAllConfigs().filter((c) => c.environment !== 'dev')];
    const resourceTypes = {
      ...resourceTypesOf(new CloudAssembly(assemblyDir())),
      dev: resourceTypesOf(new CloudAssembly(variantDir('all-switches-on'))).dev ?? [],
    };
    const { assembly } = synthesizeBootstrap({
      configs,
      repository: 'octo-org/data-launchpad',
      resourceTypes,
    });
    outdir = assembly.directory;
    for (const environment of ENVIRONMENTS) {
      const resources = Object.values(
        assembly.getStackByName(`launchpad-github-${environment}`).template.Resources as Record<
          string,
          Resource
        >,
      );
      const managed = (name: string) =>
        resources.find((r) => r.Properties.ManagedPolicyName === name)?.Properties.PolicyDocument
          ?.Statement ?? [];
      const role = resources.find((r) => r.Type === 'AWS::IAM::Role');
      policies[environment] = {
        github: (
          (role?.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]
        ).flatMap((p) => p.PolicyDocument.Statement),
        execution: managed(names(environment).cdkExecutionPolicyName),
        boundary: managed(names(environment).cdkBoundaryPolicyName),
      };
    }
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  /** CloudFormation's role acts under its policy and its boundary: both must allow. */
  const execution = (environment: string) => (request: Request) =>
    allows(policies[environment]?.execution ?? [], request) &&
    allows(policies[environment]?.boundary ?? [], request);
  const github = (environment: string) => (request: Request) =>
    allows(policies[environment]?.github ?? [], request);
  const granted = (can: (r: Request) => boolean, requests: Request[]) =>
    requests.filter(can).map((r) => `${r.action} ${r.resource}`);

  it.each(ENVIRONMENTS)(
    "%s's GitHub role and CloudFormation role get nothing on another environment's stacks, buckets, roles, policies or keys",
    (environment) => {
      for (const other of ENVIRONMENTS.filter((e) => e !== environment)) {
        expect(granted(github(environment), requestsOn(other)), `${environment} → ${other}`).toEqual([]);
        expect(granted(execution(environment), requestsOn(other)), `${environment} → ${other}`).toEqual([]);
      }
    },
  );

  it.each(ENVIRONMENTS)("%s's GitHub role may assume only its own bootstrap's roles", (environment) => {
    const n = names(environment);
    const assume = (kind: string) => ({
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${A}:role/${n.cdkRoleName(kind, A, REGION)}`,
    });
    expect(
      ['deploy', 'file-publishing', 'image-publishing', 'lookup'].every((k) =>
        github(environment)(assume(k)),
      ),
    ).toBe(true);
    // Not CloudFormation's own role: only CloudFormation, through the deploy role, passes it.
    expect(github(environment)(assume('cfn-exec'))).toBe(false);
  });

  it.each(ENVIRONMENTS)(
    "%s's CloudFormation role manages the environment's own buckets and roles (the checks above are not vacuous)",
    (environment) => {
      const p = `launchpad-${environment}`;
      const can = execution(environment);
      expect(can({ action: 's3:PutBucketPolicy', resource: `arn:aws:s3:::${p}-raw-${A}` })).toBe(true);
      expect(can({ action: 'iam:PutRolePolicy', resource: `arn:aws:iam::${A}:role/${p}-analyst` })).toBe(
        true,
      );
    },
  );

  it("dev's CloudFormation role, every switch on, manages its own keys and functions", () => {
    const can = execution('dev');
    const own = { 'aws:ResourceTag/environment': 'dev' };
    const key = `arn:aws:kms:${REGION}:${A}:key/k`;
    expect(can({ action: 'kms:PutKeyPolicy', resource: key, context: own })).toBe(true);
    expect(can({ action: 'kms:PutKeyPolicy', resource: key })).toBe(false);
    const tagged = (environment: string) => ({ 'aws:RequestTag/environment': environment });
    expect(can({ action: 'kms:CreateKey', resource: '*', context: tagged('dev') })).toBe(true);
    expect(can({ action: 'kms:CreateKey', resource: '*', context: tagged('prod') })).toBe(false);
    const fn = `arn:aws:lambda:${REGION}:${A}:function:launchpad-dev-x`;
    expect(can({ action: 'lambda:UpdateFunctionCode', resource: fn })).toBe(true);
  });

  it.each(ENVIRONMENTS)(
    "%s's CloudFormation role cannot widen itself: its policies, its boundary, the bootstrap's roles",
    (environment) => {
      const n = names(environment);
      const can = execution(environment);
      const boundaryArn = `arn:aws:iam::${A}:policy/${n.cdkBoundaryPolicyName}`;
      const requests = requestsOn(environment).filter(
        (r) =>
          r.resource.includes(':policy/') || /role\/(cdk-|launchpad-[a-z]+-github-deploy)/.test(r.resource),
      );
      expect(requests.length).toBeGreaterThan(20);
      expect(granted(can, requests)).toEqual([]);
      const role = `arn:aws:iam::${A}:role/launchpad-${environment}-new-role`;
      expect(can({ action: 'iam:DeleteRolePermissionsBoundary', resource: role })).toBe(false);
      // A new role must carry the boundary: without it, or with another, CreateRole is denied.
      expect(can({ action: 'iam:CreateRole', resource: role })).toBe(false);
      const withBoundary = (arn: string) => ({ 'iam:PermissionsBoundary': arn });
      expect(
        can({ action: 'iam:CreateRole', resource: role, context: withBoundary(`${boundaryArn}-other`) }),
      ).toBe(false);
      expect(can({ action: 'iam:CreateRole', resource: role, context: withBoundary(boundaryArn) })).toBe(
        true,
      );
    },
  );

  it("prod's CloudFormation role cannot delete data; dev's can (its removal policy destroys)", () => {
    const deletes = (environment: string) => {
      const p = `launchpad-${environment}`;
      return [
        { action: 's3:DeleteObject', resource: `arn:aws:s3:::${p}-raw-${A}/x` },
        { action: 's3:DeleteBucket', resource: `arn:aws:s3:::${p}-raw-${A}` },
        {
          action: 'logs:DeleteLogGroup',
          resource: `arn:aws:logs:${REGION}:${A}:log-group:/aws/lambda/${p}-x`,
        },
        {
          action: 'kms:ScheduleKeyDeletion',
          resource: `arn:aws:kms:${REGION}:${A}:key/k`,
          context: { 'aws:ResourceTag/environment': environment },
        },
      ].filter(execution(environment)).length;
    };
    expect(deletes('dev')).toBe(4);
    expect(deletes('prod')).toBe(0);
  });

  it('grants no AdministratorAccess-like statement: every allowed action is scoped to a service', () => {
    for (const environment of ENVIRONMENTS) {
      const allowed = policies[environment]?.execution.filter((s) => s.Effect === 'Allow') ?? [];
      expect(allowed.flatMap((s) => [s.Action ?? []].flat()).filter((a) => a === '*')).toEqual([]);
    }
  });
});
