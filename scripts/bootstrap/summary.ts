import type { CloudAssembly, CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
// The same flattening cdk-nag uses: Fn::Join of Refs becomes text with <AWS::AccountId> placeholders.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';

interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
}

interface Statement {
  Sid?: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** What the bootstrap stacks would create, readable in a terminal: resources, trust and permissions. */
export function summarizeAssembly(assembly: CloudAssembly): string {
  return assembly.stacks.map(summarizeStack).join('\n\n');
}

function summarizeStack(stack: CloudFormationStackArtifact): string {
  const byId = stack.template.Resources as Record<string, Resource>;
  const resources = Object.values(byId);
  // A managed policy of the same stack is attached by Ref: show its name.
  const policyName = (arn: unknown) => {
    const ref = (arn as { Ref?: string }).Ref;
    return (ref && byId[ref]?.Properties?.ManagedPolicyName) || flattenCfnReference(arn);
  };
  const where =
    stack.environment.account === 'unknown-account' ? 'the credentials’ account' : stack.environment.account;
  return [
    `${stack.stackName} (${where}, ${stack.environment.region}): ${resources.length} resource(s)`,
    ...resources.flatMap((r) => describe(r, policyName)),
  ].join('\n');
}

function describe(resource: Resource, policyName: (arn: unknown) => unknown): string[] {
  const p = resource.Properties ?? {};
  if (resource.Type === 'AWS::IAM::OIDCProvider') {
    return [`  ${resource.Type}  ${p.Url}, audience ${[p.ClientIdList].flat().join(', ')}`];
  }
  if (resource.Type === 'AWS::IAM::ManagedPolicy') {
    const statements = (p.PolicyDocument as { Statement: (Statement & { Effect: string })[] }).Statement;
    return [
      `  ${resource.Type}  ${p.ManagedPolicyName}`,
      ...statements.flatMap((s) => [
        `    ${s.Effect === 'Deny' ? 'deny ' : ''}${s.Sid}: ${[s.Action].flat().join(', ')}`,
        ...[s.Resource].flat().map((r) => `      on ${flattenCfnReference(r)}`),
      ]),
    ];
  }
  if (resource.Type === 'AWS::S3::Bucket') {
    const encryption = JSON.stringify(p.BucketEncryption ?? {}).match(/"SSEAlgorithm":"([^"]+)"/)?.[1];
    const versioned = (p.VersioningConfiguration as { Status?: string } | undefined)?.Status === 'Enabled';
    return [
      `  ${resource.Type}  ${flattenCfnReference(p.BucketName)}${versioned ? ', versioned' : ''}${encryption ? `, ${encryption}` : ''}${p.PublicAccessBlockConfiguration ? ', public access blocked' : ''}`,
    ];
  }
  if (
    resource.Type === 'AWS::S3::BucketPolicy' &&
    JSON.stringify(p).includes('"aws:SecureTransport":"false"')
  ) {
    return [`  ${resource.Type}  denies every request without TLS`];
  }
  if (resource.Type !== 'AWS::IAM::Role') return [`  ${resource.Type}`];
  const trust = (p.AssumeRolePolicyDocument as { Statement: Statement[] }).Statement;
  const permissions = (p.Policies as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
    (policy) => policy.PolicyDocument.Statement,
  );
  return [
    `  ${resource.Type}  ${p.RoleName}, sessions of at most ${Number(p.MaxSessionDuration) / 3600} h`,
    ...trust.map((s) => {
      const tests = Object.entries(s.Condition ?? {}).flatMap(([operator, keys]) =>
        Object.entries(keys).map(
          ([key, value]) =>
            `${key.split(':')[1]} ${operator === 'StringLike' ? 'like' : '='} ${[value].flat().join(' or ')}`,
        ),
      );
      return `    assumable by GitHub Actions jobs with ${tests.join(' and ')}`;
    }),
    ...[p.ManagedPolicyArns ?? []].flat().map((arn) => `    with the managed policy ${policyName(arn)}`),
    ...permissions.flatMap((s) => [
      `    ${s.Sid}: ${[s.Action].flat().join(', ')}`,
      ...[s.Resource].flat().map((r) => `      on ${flattenCfnReference(r)}`),
    ]),
  ];
}
