/**
 * IAM policy statements turned into edges the way data moves: `s3:PutObject`, `kinesis:PutRecord`,
 * `sqs:SendMessage`, ... → the principal `writes` the resource; `s3:GetObject`, `kinesis:GetRecords`,
 * `sqs:ReceiveMessage`, ... → the resource → the principal, `reads`; `lambda:InvokeFunction` `invokes`,
 * `glue:StartJobRun` and the like `starts`, `athena:StartQueryExecution` `queries`, `lambda:UpdateFunctionCode`
 * and `s3:PutObject` on a Glue job's script `deploys`. A statement's resources
 * are found by reference, or by literal ARN; an action only counts for resources of its own service.
 * The principal is the role, group or user the policy applies to; roles fold into what assumes them.
 */
import { type GraphContext, isMap, type Res, unique } from '../graph-context.ts';
import { type AccessVerb, accessOf } from '../iam-actions.ts';
import type { Ownership } from '../ownership.ts';
import { iamServiceOf } from '../resource-catalog.ts';
import { type Emit, types } from './extractor.ts';
import { jobsWithCodeAt } from './glue-code.ts';

const PRINCIPALS = types('AWS::IAM::Role', 'AWS::IAM::Group', 'AWS::IAM::User');
/** Resource policies whose statements name their principals. */
const RESOURCE_POLICIES = types('AWS::S3::BucketPolicy', 'AWS::SNS::TopicPolicy', 'AWS::SQS::QueuePolicy');

const toList = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

interface Document {
  readonly document: unknown;
  /** Undefined for a resource policy: each statement names its own. */
  readonly principals?: readonly Res[];
}

function documentsOf(res: Res, ownership: Ownership): Document[] {
  const p = res.properties;
  switch (res.type) {
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy':
    case 'AWS::IAM::RolePolicy':
    case 'AWS::IAM::GroupPolicy':
    case 'AWS::IAM::UserPolicy':
      return [{ document: p.PolicyDocument, principals: ownership.policyPrincipals(res) }];
    case 'AWS::IAM::Role':
    case 'AWS::IAM::Group':
    case 'AWS::IAM::User':
      return toList(p.Policies).map((policy) => ({
        document: isMap(policy) ? policy.PolicyDocument : undefined,
        principals: [res],
      }));
    default:
      return RESOURCE_POLICIES.has(res.type) ? [{ document: p.PolicyDocument }] : [];
  }
}

/** The resources a statement's `Resource` entry names: references first, else a literal ARN pattern. */
function statementResources(res: Res, entry: unknown, ctx: GraphContext): Res[] {
  const refs = ctx.refs(res, entry);
  if (refs.length > 0) return refs;
  const text = ctx.symbolic(res, entry);
  return text?.startsWith('arn:') ? ctx.byArn(text) : [];
}

export function iamEdges(res: Res, ctx: GraphContext, ownership: Ownership, emit: Emit): void {
  for (const { document, principals } of documentsOf(res, ownership)) {
    if (!isMap(document)) continue;
    for (const [index, statement] of toList(document.Statement).entries()) {
      if (!isMap(statement) || statement.Effect !== 'Allow') continue;
      const access = toList(statement.Action).flatMap((action) =>
        typeof action === 'string' ? accessOf(action) : [],
      );
      if (access.length === 0) continue;
      const who =
        principals ??
        (isMap(statement.Principal) ? ctx.namedEach(res, toList(statement.Principal.AWS), PRINCIPALS) : []);
      if (who.length === 0) continue;
      const targets = unique(
        toList(statement.Resource).flatMap((entry) => statementResources(res, entry, ctx)),
      );
      for (const target of targets) {
        const service = iamServiceOf(target.type);
        const own = access.filter((a) => a.service === service);
        const verbs = new Set<AccessVerb>(own.map((a) => a.verb));
        for (const verb of verbs) {
          const actions = toList(statement.Action).filter(
            (action): action is string =>
              typeof action === 'string' &&
              accessOf(action).some((a) => a.service === service && a.verb === verb),
          );
          for (const principal of who) {
            const evidence = { principal, policy: res, statement: index, actions };
            if (verb === 'reads') emit(target, principal, 'reads', 'data', evidence);
            else if (verb === 'writes') emit(principal, target, 'writes', 'data', evidence);
            else emit(principal, target, verb, 'trigger', evidence);
          }
        }
      }
      // Putting the object a Glue job runs (its script or library) ships that job's code.
      if (access.some((a) => a.service === 's3' && a.verb === 'writes')) {
        const jobs = unique(toList(statement.Resource).flatMap((entry) => jobsWithCodeAt(res, entry, ctx)));
        const actions = toList(statement.Action).filter((a): a is string => typeof a === 'string');
        for (const job of jobs)
          for (const principal of who)
            emit(principal, job, 'deploys', 'trigger', { principal, policy: res, statement: index, actions });
      }
    }
  }
}
