import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
// cdk-nag names IAM5 findings with this function; using it keeps our acknowledgement ids identical to its.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../lib/config/environment-config.ts';
import { BootstrapError } from './bootstrap-error.ts';
import type { BootstrapNames } from './bootstrap-names.ts';
import { type ScopeContext, SERVICE_SCOPES, TYPES_WITHOUT_SERVICE } from './service-scopes.ts';

/** What prod's CloudFormation may never do: delete data, whatever a template says (prod retains it all). */
const DATA_DELETION = [
  's3:DeleteBucket',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  'logs:DeleteLogGroup',
  'glue:DeleteDatabase',
  'glue:DeleteTable',
  'kms:ScheduleKeyDeletion',
];

export interface CdkExecutionPoliciesProps {
  /** The environment's bootstrap names: qualifier, policy names, prefix. */
  readonly names: BootstrapNames;
  /** The environment's settings the policies depend on. */
  readonly config: Pick<EnvironmentConfig, 'environment' | 'region' | 'iamUsers' | 'permissionsBoundaryArn'>;
  /** The CloudFormation resource types of the environment's synthesized stacks. */
  readonly resourceTypes: readonly string[];
}

/**
 * The two managed policies `cdk bootstrap` gets for one environment, instead of AdministratorAccess:
 * - the execution policy (`--cloudformation-execution-policies`): for each service the environment's stacks
 *   use, that service's actions on the environment's own names (or, where ARNs carry generated ids, its
 *   region and account); KMS keys by their `environment` tag;
 * - the permissions boundary (`--custom-permissions-boundary`) of the execution role, which keeps it from
 *   widening itself: no new policy version of either policy, no boundary removed, no role or user created
 *   without the boundary the environment's stacks put on theirs, no change to the bootstrap's own roles.
 * Their names, `cdk-<project>-<env>-exec` and `cdk-<project>-<env>-boundary`, are outside the environment's
 * `<project>-<env>-*` names, which the execution policy may change.
 */
export class CdkExecutionPolicies extends Construct {
  readonly executionPolicy: iam.ManagedPolicy;
  readonly boundary: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: CdkExecutionPoliciesProps) {
    super(scope, id);
    const { names, config } = props;
    const { account, partition } = Stack.of(this);
    const { region } = config;
    const context: ScopeContext = {
      partition,
      region,
      account,
      prefix: names.names.prefix,
      gluePrefix: names.names.glueDatabasePattern.replace(/_\*$/, ''),
      userNames: config.iamUsers,
    };
    const policyArn = (name: string) => `arn:${partition}:iam::${account}:policy/${name}`;
    const bootstrapRoles = [
      `arn:${partition}:iam::${account}:role/${names.roleName}`,
      `arn:${partition}:iam::${account}:role/cdk-*`,
    ];
    const ownPolicies = [policyArn(names.cdkExecutionPolicyName), policyArn(names.cdkBoundaryPolicyName)];
    const roleBoundary = config.permissionsBoundaryArn ?? policyArn(names.cdkBoundaryPolicyName);

    const statements: { statement: iam.PolicyStatement; reason: string }[] = [];
    const allow = (statement: iam.PolicyStatement, reason: string) => statements.push({ statement, reason });
    const reads: string[] = [];
    for (const service of servicesOf(props.resourceTypes)) {
      const scope = SERVICE_SCOPES[service];
      if (!scope) continue; // KMS: below
      reads.push(...(scope.reads ?? ['Describe', 'List']).map((family) => `${scope.namespace}:${family}*`));
      allow(
        new iam.PolicyStatement({
          sid: `Manage${service}`,
          actions: [`${scope.namespace}:*`],
          resources: scope.resources(context),
          ...(scope.scope === 'region' && {
            conditions: { StringEquals: { 'aws:RequestedRegion': region } },
          }),
        }),
        scope.scope === 'names'
          ? `CloudFormation creates, updates and deletes every property of the environment's ${service} resources, all named ${context.prefix}-… (or ${context.gluePrefix}_… in Glue); the ARNs pin those names.`
          : `CloudFormation creates, updates and deletes the environment's ${service} resources, whose ARNs carry generated ids: limited to the region ${region} and the account.`,
      );
    }
    if (reads.length > 0) {
      allow(
        new iam.PolicyStatement({
          sid: 'ListAndDescribe',
          actions: reads,
          resources: ['*'],
        }),
        "CloudFormation's resource handlers list and describe before they create (many of these calls have no resource-level permission); metadata only, no data and no change.",
      );
    }
    if (props.resourceTypes.some((t) => t.startsWith('AWS::KMS::'))) {
      const tag = { 'aws:RequestTag/environment': config.environment };
      allow(
        new iam.PolicyStatement({
          sid: 'CreateTaggedKeys',
          actions: ['kms:CreateKey', 'kms:TagResource'],
          resources: ['*'],
          conditions: { StringEquals: tag },
        }),
        `A new key has no ARN yet: CloudFormation may create keys only tagged environment=${config.environment}.`,
      );
      allow(
        new iam.PolicyStatement({
          sid: 'ManageOwnKeys',
          actions: ['kms:*'],
          resources: [`arn:${partition}:kms:${region}:${account}:key/*`],
          conditions: { StringEquals: { 'aws:ResourceTag/environment': config.environment } },
        }),
        `Key ARNs carry generated ids: the condition pins the keys tagged environment=${config.environment}.`,
      );
      allow(
        new iam.PolicyStatement({
          sid: 'ManageOwnAliases',
          actions: ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'],
          resources: [`arn:${partition}:kms:${region}:${account}:alias/${context.prefix}-*`],
        }),
        `The keys' aliases, all named alias/${context.prefix}-….`,
      );
    }
    allow(
      new iam.PolicyStatement({
        sid: 'ReadCdkBootstrapVersion',
        actions: ['ssm:GetParameters'],
        resources: [
          `arn:${partition}:ssm:${region}:${account}:parameter${names.cdkBootstrapVersionParameter}`,
        ],
      }),
      'Every template checks the version of its own bootstrap.',
    );
    allow(
      new iam.PolicyStatement({
        sid: 'ReadOwnAssets',
        actions: ['s3:GetObject'],
        resources: [`arn:${partition}:s3:::${names.cdkAssetBucket(account, region)}/*`],
      }),
      "Lambda and Glue read their code from the environment's own bootstrap asset bucket, with the caller's permission; asset keys are content hashes.",
    );
    const deny = (sid: string, actions: string[], resources: string[], conditions?: iam.Conditions) =>
      new iam.PolicyStatement({ sid, effect: iam.Effect.DENY, actions, resources, conditions });
    const denyBootstrapRoles = deny('DenyBootstrapRoles', ['iam:*'], bootstrapRoles);
    const denyDataDeletion =
      config.environment === 'prod' ? [deny('DenyDataDeletion', DATA_DELETION, ['*'])] : [];

    this.executionPolicy = new iam.ManagedPolicy(this, 'Execution', {
      managedPolicyName: names.cdkExecutionPolicyName,
      description: `CloudFormation execution policy of ${context.prefix}'s CDK bootstrap (qualifier ${names.qualifier}): the services of its stacks, on its names`,
      statements: [...statements.map((s) => s.statement), denyBootstrapRoles, ...denyDataDeletion],
    });
    // One acknowledgement per finding: a wildcard found in two statements gets both reasons.
    const reasons = new Map<string, string[]>();
    for (const { statement, reason } of statements) {
      for (const finding of wildcardFindings(this.executionPolicy, statement)) {
        reasons.set(finding, [...(reasons.get(finding) ?? []), reason]);
      }
    }
    for (const [finding, why] of reasons) {
      Validations.of(this.executionPolicy).acknowledge({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: why.join(' '),
      });
    }

    this.boundary = new iam.ManagedPolicy(this, 'Boundary', {
      managedPolicyName: names.cdkBoundaryPolicyName,
      description: `Permissions boundary of ${context.prefix}'s CloudFormation execution role and of the roles its stacks create`,
      statements: [
        new iam.PolicyStatement({ sid: 'BoundaryAllowsWhatPoliciesAllow', actions: ['*'], resources: ['*'] }),
        deny(
          'DenyRoleOrUserWithoutBoundary',
          [
            'iam:CreateRole',
            'iam:CreateUser',
            'iam:PutRolePermissionsBoundary',
            'iam:PutUserPermissionsBoundary',
          ],
          ['*'],
          { StringNotEquals: { 'iam:PermissionsBoundary': roleBoundary } },
        ),
        deny(
          'DenyBoundaryRemoval',
          ['iam:DeleteRolePermissionsBoundary', 'iam:DeleteUserPermissionsBoundary'],
          ['*'],
        ),
        deny(
          'DenyChangingTheseBootstrapPolicies',
          [
            'iam:CreatePolicyVersion',
            'iam:DeletePolicy',
            'iam:DeletePolicyVersion',
            'iam:SetDefaultPolicyVersion',
          ],
          ownPolicies,
        ),
        denyBootstrapRoles,
      ],
    });
    Validations.of(this.boundary).acknowledge({
      id: 'AwsSolutions-IAM5[Action::*]',
      reason:
        'A permissions boundary only caps: it grants nothing by itself, so it allows everything and denies the ways to widen a role.',
    });
    Validations.of(this.boundary).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'A permissions boundary only caps; what a role may do is what its own policies allow.',
    });
  }
}

/** The service segments (`AWS::<segment>::…`) of these types; an unknown one stops the bootstrap. */
export function servicesOf(resourceTypes: readonly string[]): string[] {
  const services = new Set<string>();
  for (const type of resourceTypes) {
    if (TYPES_WITHOUT_SERVICE.test(type)) {
      if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource')
        services.add('Lambda');
      continue;
    }
    const service = type.split('::')[1] ?? type;
    if (!SERVICE_SCOPES[service] && service !== 'KMS') {
      throw new BootstrapError(
        `The stacks contain ${type}, a service the CloudFormation execution policy does not know: add "${service}" to SERVICE_SCOPES in infra/bootstrap/service-scopes.ts, with the ARNs of the environment's resources.`,
      );
    }
    services.add(service);
  }
  return [...services].sort();
}

/** cdk-nag's IAM5 finding names (`Action::…`, `Resource::…`) for the wildcards of a statement. */
function wildcardFindings(policy: iam.ManagedPolicy, statement: iam.PolicyStatement): string[] {
  const json = Stack.of(policy).resolve(statement.toStatementJson()) as {
    Action: string | string[];
    Resource: unknown;
  };
  return [
    ...[json.Action]
      .flat()
      .filter((a) => a.includes('*'))
      .map((a) => `Action::${a}`),
    ...[json.Resource]
      .flat()
      .map((r) => flattenCfnReference(r))
      .filter((r) => r.includes('*'))
      .map((r) => `Resource::${r}`),
  ];
}
