/**
 * Who owns what: which resources are nodes, which fold into which nodes, which are left out. Plumbing
 * (roles, policies, permissions, log groups, ...) folds into the resource that owns it, by a rule per type;
 * CDK's custom-resource providers (their functions, roles and policies) are left out altogether.
 */
import { type GraphContext, isMap, type Res, unique, valuesAt } from './graph-context.ts';
import { type FoldMode, foldModeOf } from './resource-catalog.ts';

const ROLE = 'AWS::IAM::Role';
const PRINCIPAL_TYPES: ReadonlySet<string> = new Set([ROLE, 'AWS::IAM::Group', 'AWS::IAM::User']);
const FUNCTION_TYPES: ReadonlySet<string> = new Set(['AWS::Lambda::Function', 'AWS::Serverless::Function']);
const set = (...types: string[]): ReadonlySet<string> => new Set(types);

/** Types whose references to other resources say nothing about the architecture (they grant or wire). */
export function isPolicyLike(type: string): boolean {
  return (
    type.startsWith('AWS::IAM::') ||
    type.endsWith('Policy') ||
    type === 'AWS::Lambda::Permission' ||
    type === 'AWS::Lambda::LayerVersionPermission' ||
    type === 'AWS::CDK::Metadata'
  );
}

export function isCustomResource(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}

/** Property keys that name the role a resource runs as (`Role`, `RoleArn`, `ServiceAccessRoleArn`, API Gateway's `Credentials`, ...). */
const ROLE_KEY = /Role|^Credentials(Arn)?$/;
/** Keys under which roles are principals of a policy, not execution roles. */
const POLICY_KEYS = new Set([
  'PolicyDocument',
  'AssumeRolePolicyDocument',
  'KeyPolicy',
  'Principal',
  'Policies',
]);

type OwnerRule = (res: Res, o: OwnershipBuilder) => Res[];

/** The owners named by these property paths (references, or literal names of the given types). */
const named =
  (types: ReadonlySet<string> | undefined, ...paths: string[]): OwnerRule =>
  (res, o) =>
    unique(
      paths.flatMap((path) =>
        valuesAt(res.properties, path).flatMap((value) =>
          types ? o.ctx.namedEach(res, value, types) : o.ctx.refs(res, value),
        ),
      ),
    );

const referrers: OwnerRule = (res, o) => o.referrersOf(res);

const OWNER_RULES: Readonly<Record<string, OwnerRule>> = {
  'AWS::S3::BucketPolicy': named(set('AWS::S3::Bucket'), 'Bucket'),
  'AWS::S3::AccessPoint': named(set('AWS::S3::Bucket'), 'Bucket'),
  'AWS::Kinesis::StreamConsumer': named(undefined, 'StreamARN'),
  'AWS::Lambda::Permission': named(FUNCTION_TYPES, 'FunctionName'),
  'AWS::Lambda::EventSourceMapping': named(FUNCTION_TYPES, 'FunctionName'),
  'AWS::Lambda::Version': named(FUNCTION_TYPES, 'FunctionName'),
  'AWS::Lambda::Alias': named(FUNCTION_TYPES, 'FunctionName'),
  'AWS::Lambda::EventInvokeConfig': named(FUNCTION_TYPES, 'FunctionName'),
  'AWS::Lambda::Url': named(FUNCTION_TYPES, 'TargetFunctionArn'),
  'AWS::Lambda::LayerVersion': referrers,
  'AWS::Lambda::LayerVersionPermission': named(undefined, 'LayerVersionArn'),
  'AWS::Glue::Table': named(set('AWS::Glue::Database'), 'DatabaseName'),
  'AWS::Glue::Partition': named(set('AWS::Glue::Database'), 'DatabaseName'),
  'AWS::Glue::DataQualityRuleset': named(set('AWS::Glue::Database'), 'TargetTable.DatabaseName'),
  'AWS::Glue::SecurityConfiguration': referrers,
  'AWS::StepFunctions::StateMachineVersion': named(undefined, 'StateMachineArn'),
  'AWS::SNS::Subscription': named(set('AWS::SNS::Topic'), 'TopicArn'),
  'AWS::SNS::TopicPolicy': named(set('AWS::SNS::Topic'), 'Topics[]'),
  'AWS::SNS::TopicInlinePolicy': named(set('AWS::SNS::Topic'), 'TopicArn'),
  'AWS::SQS::QueuePolicy': named(set('AWS::SQS::Queue'), 'Queues[]'),
  'AWS::SQS::QueueInlinePolicy': named(set('AWS::SQS::Queue'), 'Queue'),
  'AWS::Events::EventBusPolicy': named(set('AWS::Events::EventBus'), 'EventBusName'),
  'AWS::Events::Archive': named(undefined, 'SourceArn'),
  'AWS::Events::Connection': referrers,
  'AWS::KMS::Alias': named(set('AWS::KMS::Key'), 'TargetKeyId'),
  'AWS::IAM::Role': (res, o) => o.assumersOf(res),
  'AWS::IAM::Policy': (res, o) => o.policyPrincipals(res),
  'AWS::IAM::ManagedPolicy': (res, o) => o.policyPrincipals(res),
  'AWS::IAM::RolePolicy': named(set(ROLE), 'RoleName'),
  'AWS::IAM::GroupPolicy': named(set('AWS::IAM::Group'), 'GroupName'),
  'AWS::IAM::UserPolicy': named(set('AWS::IAM::User'), 'UserName'),
  'AWS::IAM::InstanceProfile': referrers,
  'AWS::IAM::UserToGroupAddition': named(set('AWS::IAM::Group'), 'GroupName'),
  'AWS::IAM::AccessKey': named(set('AWS::IAM::User'), 'UserName'),
  'AWS::SecretsManager::SecretTargetAttachment': named(set('AWS::SecretsManager::Secret'), 'SecretId'),
  'AWS::SecretsManager::RotationSchedule': named(set('AWS::SecretsManager::Secret'), 'SecretId'),
  'AWS::SecretsManager::ResourcePolicy': named(set('AWS::SecretsManager::Secret'), 'SecretId'),
  'AWS::Logs::LogGroup': (res, o) => o.logGroupOwners(res),
  'AWS::Logs::LogStream': named(set('AWS::Logs::LogGroup'), 'LogGroupName'),
  'AWS::Logs::MetricFilter': named(set('AWS::Logs::LogGroup'), 'LogGroupName'),
  'AWS::Logs::SubscriptionFilter': named(set('AWS::Logs::LogGroup'), 'LogGroupName'),
  'AWS::Athena::NamedQuery': named(set('AWS::Athena::WorkGroup'), 'WorkGroup'),
  'AWS::Athena::PreparedStatement': named(set('AWS::Athena::WorkGroup'), 'WorkGroupName'),
  'AWS::DMS::ReplicationSubnetGroup': referrers,
  'AWS::DMS::Certificate': referrers,
  'AWS::RDS::DBSubnetGroup': referrers,
  'AWS::RDS::DBParameterGroup': referrers,
  'AWS::RDS::DBClusterParameterGroup': referrers,
  'AWS::Scheduler::ScheduleGroup': referrers,
  'AWS::CodeStarNotifications::NotificationRule': named(undefined, 'Resource'),
  'AWS::ApiGateway::*': named(
    set('AWS::ApiGateway::RestApi', 'AWS::ApiGateway::UsagePlan'),
    'RestApiId',
    'ApiStages[].ApiId',
    'UsagePlanId',
    'StageKeys[].RestApiId',
  ),
  'AWS::ApiGatewayV2::*': named(set('AWS::ApiGatewayV2::Api'), 'ApiId'),
  'Custom::S3BucketNotifications': named(set('AWS::S3::Bucket'), 'BucketName'),
};

function ownerRule(type: string): OwnerRule | undefined {
  const exact = OWNER_RULES[type];
  if (exact) return exact;
  const prefix = `${type.split('::').slice(0, 2).join('::')}::*`;
  return OWNER_RULES[prefix];
}

export interface Ownership {
  /** The nodes a resource ends up in: itself when it is a node, its owners' nodes when folded, none when left out. */
  nodesOf(res: Res): readonly Res[];
  /** Why a resource that is in no node was left out. */
  droppedReason(res: Res): string | undefined;
  /** The roles, groups and users a policy resource applies to (before they fold into whatever assumes them). */
  policyPrincipals(res: Res): Res[];
  /** Whether the resource is part of a custom-resource provider (left out, and its edges with it). */
  isProvider(res: Res): boolean;
}

class OwnershipBuilder implements Ownership {
  private readonly provider = new Set<Res>();
  private readonly assumers = new Map<Res, Res[]>();
  private readonly attachments = new Map<Res, Res[]>();
  private readonly referrers = new Map<Res, Res[]>();
  private readonly finals = new Map<Res, readonly Res[]>();
  private readonly reasons = new Map<Res, string>();
  private readonly visiting = new Set<Res>();
  /** Set when a decision met a resource still being decided (then it is not remembered). */
  private cycle = false;

  constructor(
    readonly ctx: GraphContext,
    private readonly overrides: Readonly<Record<string, FoldMode>>,
  ) {
    this.indexReferences();
    this.findProviders();
  }

  nodesOf(res: Res): readonly Res[] {
    const known = this.finals.get(res);
    if (known) return known;
    if (this.visiting.has(res)) {
      // A cycle of owners: the resource is being decided further up. What is decided meanwhile is provisional.
      this.cycle = true;
      return [];
    }
    const outer = this.cycle;
    this.cycle = false;
    this.visiting.add(res);
    const result = this.decide(res);
    this.visiting.delete(res);
    if (!this.cycle) this.finals.set(res, result);
    else this.reasons.delete(res);
    this.cycle ||= outer;
    if (this.visiting.size === 0) this.cycle = false;
    return result;
  }

  droppedReason(res: Res): string | undefined {
    this.nodesOf(res);
    return this.reasons.get(res);
  }

  isProvider(res: Res): boolean {
    return this.provider.has(res);
  }

  private decide(res: Res): readonly Res[] {
    if (this.provider.has(res)) {
      this.reasons.set(res, 'part of a custom-resource provider');
      return [];
    }
    const mode = foldModeOf(res.type, this.overrides);
    if (mode === 'keep') return [res];
    const owners = this.ownersOf(res);
    if (owners.length > 0) {
      const nodes = unique(owners.flatMap((owner) => this.nodesOf(owner)));
      if (nodes.length === 0) {
        const names = owners.map((owner) => owner.logicalId).join(', ');
        this.reasons.set(res, `belongs to ${names}, which ${owners.length === 1 ? 'is' : 'are'} left out`);
      }
      return nodes;
    }
    if (mode === 'fold') return [res];
    this.reasons.set(res, `${res.type} is dropped when nothing owns it`);
    return [];
  }

  ownersOf(res: Res): Res[] {
    const rule = ownerRule(res.type);
    const owners = rule
      ? rule(res, this)
      : isCustomResource(res.type)
        ? this.customResourceOwners(res)
        : this.genericOwners(res);
    return owners.filter((owner) => owner !== res);
  }

  /** Custom resources belong to what their properties (but the provider's service token) name. */
  private customResourceOwners(res: Res): Res[] {
    const { ServiceToken: _token, ...rest } = res.properties;
    return this.ctx.refs(res, rest).filter((owner) => !this.provider.has(owner) && !isPolicyLike(owner.type));
  }

  /** Without a rule: what the resource refers to, else what refers to it. */
  private genericOwners(res: Res): Res[] {
    const refs = this.ctx.allRefs(res).filter((owner) => !isPolicyLike(owner.type));
    return refs.length > 0 ? [...refs] : this.referrersOf(res);
  }

  /** What refers to the resource, but the plumbing that belongs to it (a key's alias is not the key's owner). */
  referrersOf(res: Res): Res[] {
    return (this.referrers.get(res) ?? []).filter(
      (referrer) =>
        foldModeOf(referrer.type, this.overrides) === 'keep' ||
        !(ownerRule(referrer.type)?.(referrer, this) ?? []).includes(res),
    );
  }

  /** The resources that run as the role (name it under a role key), outside policies. */
  assumersOf(role: Res): Res[] {
    return this.assumers.get(role) ?? [];
  }

  policyPrincipals(res: Res): Res[] {
    switch (res.type) {
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy': {
        const p = res.properties;
        const direct = [
          ...this.ctx.namedEach(res, p.Roles ?? [], set(ROLE)),
          ...this.ctx.namedEach(res, p.Groups ?? [], set('AWS::IAM::Group')),
          ...this.ctx.namedEach(res, p.Users ?? [], set('AWS::IAM::User')),
        ];
        return unique([...direct, ...(this.attachments.get(res) ?? [])]);
      }
      case 'AWS::IAM::RolePolicy':
        return this.ctx.named(res, res.properties.RoleName, set(ROLE));
      case 'AWS::IAM::GroupPolicy':
        return this.ctx.named(res, res.properties.GroupName, set('AWS::IAM::Group'));
      case 'AWS::IAM::UserPolicy':
        return this.ctx.named(res, res.properties.UserName, set('AWS::IAM::User'));
      default:
        return PRINCIPAL_TYPES.has(res.type) ? [res] : [];
    }
  }

  /**
   * A log group belongs to what writes to it by configuration (a state machine's or API stage's logging, a
   * function's LoggingConfig, a Firehose's, a trail's), else to what its name refers to
   * (`/aws/lambda/${Ref Fn}`), else to the function its literal name is for (`/aws/lambda/<name>`).
   */
  logGroupOwners(res: Res): Res[] {
    const users = this.referrersOf(res).filter(
      (owner) => !owner.type.startsWith('AWS::Logs::') && !isCustomResource(owner.type),
    );
    if (users.length > 0) return users;
    const name = res.properties.LogGroupName;
    const fromName = this.ctx.refs(res, name).filter((owner) => !isPolicyLike(owner.type));
    if (fromName.length > 0) return fromName;
    const text = this.ctx.symbolic(res, name);
    const lambda = text?.startsWith('/aws/lambda/') ? text.slice('/aws/lambda/'.length) : undefined;
    return lambda ? this.ctx.byName(FUNCTION_TYPES, lambda) : [];
  }

  private indexReferences(): void {
    const add = (map: Map<Res, Res[]>, key: Res, value: Res): void => {
      const list = map.get(key);
      if (!list) map.set(key, [value]);
      else if (!list.includes(value)) list.push(value);
    };
    for (const res of this.ctx.resources) {
      if (!isPolicyLike(res.type)) {
        for (const target of this.ctx.allRefs(res)) add(this.referrers, target, res);
        this.walkRoleKeys(res, res.properties, (role) => add(this.assumers, role, res));
      }
      if (PRINCIPAL_TYPES.has(res.type)) {
        const arns = res.properties.ManagedPolicyArns;
        for (const policy of this.ctx.namedEach(res, arns ?? [], set('AWS::IAM::ManagedPolicy'))) {
          add(this.attachments, policy, res);
        }
      }
    }
  }

  private walkRoleKeys(res: Res, node: unknown, found: (role: Res) => void): void {
    if (Array.isArray(node)) {
      for (const item of node) this.walkRoleKeys(res, item, found);
      return;
    }
    if (!isMap(node)) return;
    for (const key of Object.keys(node)) {
      if (POLICY_KEYS.has(key) || key.startsWith('Fn::') || key === 'Ref') continue;
      const value = node[key];
      if (ROLE_KEY.test(key)) {
        for (const role of this.ctx.named(res, value, set(ROLE))) found(role);
      } else if (typeof value === 'object' && value !== null) {
        this.walkRoleKeys(res, value, found);
      }
    }
  }

  /**
   * The functions that serve custom resources (their ServiceToken), everything under a CDK provider's
   * construct path (`Custom::XProvider/...`, `.../Provider/framework-onEvent/...`), the functions those
   * refer to (a provider framework's user handlers), and whatever only they own follows through folding.
   */
  private findProviders(): void {
    const queue: Res[] = [];
    const mark = (res: Res): void => {
      if (!this.provider.has(res)) {
        this.provider.add(res);
        queue.push(res);
      }
    };
    for (const res of this.ctx.resources) {
      if (isProviderPath(res.resource.constructPath)) mark(res);
      if (isCustomResource(res.type)) {
        for (const target of this.ctx.refs(res, res.properties.ServiceToken)) {
          if (FUNCTION_TYPES.has(target.type) || target.type === 'AWS::SNS::Topic') mark(target);
        }
      }
    }
    while (queue.length > 0) {
      const res = queue.pop() as Res;
      if (!FUNCTION_TYPES.has(res.type) && res.type !== 'AWS::StepFunctions::StateMachine') continue;
      for (const target of this.ctx.allRefs(res)) {
        if (FUNCTION_TYPES.has(target.type) || target.type === 'AWS::StepFunctions::StateMachine')
          mark(target);
      }
    }
  }
}

/** CDK's provider constructs: `Custom::S3AutoDeleteObjectsCustomResourceProvider`, `Provider/framework-onEvent`, `Provider/waiter-state-machine`. */
export function isProviderPath(path: string | undefined): boolean {
  if (!path) return false;
  const segments = path.split('/');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    if (segment.startsWith('Custom::') && segment.includes('Provider')) return true;
    if (
      i > 0 &&
      /Provider$/.test(segments[i - 1] as string) &&
      (segment.startsWith('framework-') || segment === 'waiter-state-machine')
    ) {
      return true;
    }
  }
  return false;
}

export function analyseOwnership(
  ctx: GraphContext,
  overrides: Readonly<Record<string, FoldMode>> = {},
): Ownership {
  return new OwnershipBuilder(ctx, overrides);
}
