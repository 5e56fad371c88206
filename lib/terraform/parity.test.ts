import { describe, expect, it } from 'vitest';
import { type SynthesizedStack, synthesizedStacks } from '../../test/assembly.ts';
import { loadAllConfigs } from '../config/load-config.ts';
import { ACCOUNT, type NameKind, terraformNames } from './terraform-names.ts';

/** Where each kind's physical name sits in a CloudFormation resource of the CDK app. */
const CDK_NAMES: Record<string, { kind: NameKind; name: (p: Record<string, unknown>) => unknown }> = {
  'AWS::S3::Bucket': { kind: 'bucket', name: (p) => p.BucketName },
  'AWS::IAM::Role': { kind: 'role', name: (p) => p.RoleName },
  'AWS::IAM::ManagedPolicy': { kind: 'managedPolicy', name: (p) => p.ManagedPolicyName },
  'AWS::IAM::Group': { kind: 'group', name: (p) => p.GroupName },
  'AWS::Glue::Job': { kind: 'glueJob', name: (p) => p.Name },
  'AWS::Glue::Crawler': { kind: 'crawler', name: (p) => p.Name },
  'AWS::Glue::Database': { kind: 'glueDatabase', name: (p) => (p.DatabaseInput as { Name?: unknown }).Name },
  'AWS::Lambda::Function': { kind: 'function', name: (p) => p.FunctionName },
  'AWS::Kinesis::Stream': { kind: 'stream', name: (p) => p.Name },
  'AWS::SQS::Queue': { kind: 'queue', name: (p) => p.QueueName },
  'AWS::Events::Rule': { kind: 'rule', name: (p) => p.Name },
};
/** The phase 1-3 core; the clean and curated databases live in the analytics stack on the CDK side. */
const CORE_PHASES = ['foundation', 'ingestion', 'processing'];

/** A physical name as CloudFormation would give it, the account id written as ACCOUNT; undefined if none. */
function rendered(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
  if (!join) return undefined;
  const parts = join[1].map((part) =>
    (part as { Ref?: string }).Ref === 'AWS::AccountId' ? ACCOUNT : rendered(part),
  );
  return parts.every((p) => p !== undefined) ? parts.join(join[0]) : undefined;
}

function cdkNames(stacks: readonly SynthesizedStack[]): Record<NameKind, string[]> {
  const names = Object.fromEntries(Object.values(CDK_NAMES).map((n) => [n.kind, []])) as unknown as Record<
    NameKind,
    string[]
  >;
  for (const stack of stacks) {
    const core = CORE_PHASES.includes(stack.phase);
    for (const resource of Object.values(stack.template.Resources)) {
      const known = CDK_NAMES[resource.Type];
      const catalog = stack.phase === 'analytics' && known?.kind === 'glueDatabase';
      if (!known || !(core || catalog)) continue;
      const name = rendered(known.name(resource.Properties ?? {}));
      if (name !== undefined) names[known.kind].push(name);
    }
  }
  return names;
}

/** Roles of the crawler and the functions, which only Terraform names (after the crawler or function). */
const UNNAMED_IN_CDK = ['api-ingest', 'raw-crawler', 's3-validator', 'stream-consumer'];

const sorted = (names: Record<NameKind, string[]>) =>
  Object.fromEntries(Object.entries(names).map(([kind, list]) => [kind, [...list].sort()]));

describe('Terraform and CDK name the same resources alike', () => {
  const environments = loadAllConfigs().map((c) => c.environment);

  it.each(environments)(
    'in %s: every name the CDK core gives, Terraform gives the same resource',
    async (env) => {
      const cdk = sorted(cdkNames(synthesizedStacks().filter((s) => s.environment === env)));
      const terraform = sorted(await terraformNames(env));
      // Roles CDK leaves CloudFormation to name (Role-ABC123): Terraform names them after what they run.
      const unnamedInCdk = UNNAMED_IN_CDK.map((purpose) => `launchpad-${env}-${purpose}`);
      expect({ ...terraform, role: terraform.role?.filter((r) => !unnamedInCdk.includes(r)) }).toEqual(cdk);
      // The check is not vacuous: the analysts and the lake exist everywhere.
      expect(cdk.bucket).toHaveLength(5);
      expect(cdk.role).toContain(`launchpad-${env}-analyst`);
    },
  );

  it('names in Terraform the roles CDK leaves unnamed, and only those', async () => {
    const cdk = cdkNames(synthesizedStacks().filter((s) => s.environment === 'dev'));
    const terraform = await terraformNames('dev');
    expect(terraform.role.filter((r) => !cdk.role.includes(r)).sort()).toEqual(
      UNNAMED_IN_CDK.map((purpose) => `launchpad-dev-${purpose}`),
    );
  });

  it('follows the phases each config switches on: stage and prod hold the foundation only', async () => {
    const prod = await terraformNames('prod');
    expect(prod.function).toEqual([]);
    expect(prod.glueJob).toEqual([]);
    const dev = await terraformNames('dev');
    expect(dev.function).toHaveLength(3);
    expect(dev.glueJob).toHaveLength(2);
  });
});
