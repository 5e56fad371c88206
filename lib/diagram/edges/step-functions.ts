/**
 * Step Functions: the task states of a definition (`DefinitionString` as text, as CDK's Fn::Join with
 * references inside, or as Fn::Sub; `Definition` as an object; `DefinitionSubstitutions`), each turned
 * into an edge to the resource it calls: Lambda invoke → `invokes`, Glue StartJobRun, nested executions,
 * CodeBuild, ECS → `starts`, Athena StartQueryExecution → `queries`, SNS publish, SQS send, DynamoDB
 * put → `writes`, DynamoDB get → `reads`; `aws-sdk:` integrations by their IAM action.
 */
import type { GraphContext, Res } from '../graph-context.ts';
import { isMap, unique } from '../graph-context.ts';
import type { EdgeKind } from '../graph-types.ts';
import { accessOf, integrationAction } from '../iam-actions.ts';
import { iamServiceOf } from '../resource-catalog.ts';
import {
  type Emit,
  type Extractor,
  FUNCTIONS,
  GLUE_CRAWLERS,
  GLUE_JOBS,
  QUEUES,
  STATE_MACHINES,
  STREAMS,
  TABLES,
  TOPICS,
  types,
  WORKGROUPS,
} from './extractor.ts';
import { s3Locations } from './glue.ts';

/** Parameter names that hold the called resource's literal name or ARN. */
const NAME_PARAMETERS: Readonly<Record<string, ReadonlySet<string>>> = {
  FunctionName: FUNCTIONS,
  JobName: GLUE_JOBS,
  CrawlerName: GLUE_CRAWLERS,
  Name: GLUE_CRAWLERS,
  TableName: TABLES,
  TopicArn: TOPICS,
  QueueUrl: QUEUES,
  StateMachineArn: STATE_MACHINES,
  WorkGroup: WORKGROUPS,
  StreamName: STREAMS,
  DeliveryStreamName: types('AWS::KinesisFirehose::DeliveryStream'),
  ProjectName: types('AWS::CodeBuild::Project'),
  Bucket: types('AWS::S3::Bucket'),
};

const LABELS: Readonly<Record<string, [string, EdgeKind, boolean]>> = {
  // verb → label, kind, whether the edge points from the resource to the state machine
  writes: ['writes', 'data', false],
  reads: ['reads', 'data', true],
  invokes: ['invokes', 'trigger', false],
  starts: ['starts', 'trigger', false],
  queries: ['queries', 'trigger', false],
};

const INTEGRATION = /:states:::(?:(aws-sdk):)?([a-z0-9-]+):([A-Za-z0-9]+(?:\.[A-Za-z0-9:]+)?)$/;

interface Definition {
  readonly states: unknown;
  /** Placeholder (`${name}`) → the value it stands for. */
  readonly values: ReadonlyMap<string, unknown>;
}

function definitionOf(res: Res): Definition | undefined {
  const p = res.properties;
  const values = new Map<string, unknown>();
  if (isMap(p.DefinitionSubstitutions)) {
    for (const [name, value] of Object.entries(p.DefinitionSubstitutions)) values.set(name, value);
  }
  if (isMap(p.Definition)) return { states: p.Definition, values };
  const text = definitionText(p.DefinitionString, values);
  if (text === undefined) return undefined;
  try {
    return { states: JSON.parse(text), values };
  } catch {
    return undefined; // not JSON once written out: nothing to read
  }
}

/** The definition as text, non-text parts of an Fn::Join or Fn::Sub replaced by `${__partN}` placeholders. */
function definitionText(value: unknown, values: Map<string, unknown>): string | undefined {
  if (typeof value === 'string') return value;
  if (!isMap(value)) return undefined;
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1]
      .map((part, i) => {
        if (typeof part === 'string') return part;
        values.set(`__part${i}`, part);
        return `\${__part${i}}`;
      })
      .join(join[0]);
  }
  const sub = value['Fn::Sub'];
  const [text, variables] = typeof sub === 'string' ? [sub, undefined] : Array.isArray(sub) ? sub : [];
  if (typeof text !== 'string') return undefined;
  for (const match of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
    const name = match[1] as string;
    values.set(
      name,
      isMap(variables) && Object.hasOwn(variables, name) ? variables[name] : { 'Fn::Sub': match[0] },
    );
  }
  return text;
}

/** The resources a piece of the definition refers to: through placeholders, and intrinsics in `Definition`. */
function referenced(res: Res, value: unknown, definition: Definition, ctx: GraphContext): Res[] {
  const found: Res[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') {
      for (const match of node.matchAll(/\$\{([^}]+)\}/g)) {
        const name = match[1] as string;
        if (definition.values.has(name)) found.push(...ctx.refs(res, definition.values.get(name)));
      }
    } else if (Array.isArray(node)) {
      for (const item of node) walk(item);
    } else if (isMap(node)) {
      found.push(...ctx.refs(res, node));
      for (const key in node) walk(node[key]);
    }
  };
  walk(value);
  return unique(found);
}

function taskEdges(
  res: Res,
  state: Record<string, unknown>,
  definition: Definition,
  ctx: GraphContext,
  emit: Emit,
): void {
  const resource = state.Resource;
  const parameters = state.Parameters ?? state.Arguments;
  const text = typeof resource === 'string' ? resource : '';
  const integration = INTEGRATION.exec(text);
  if (!integration) {
    // A function's ARN as the resource (or an activity's).
    for (const target of referenced(res, resource, definition, ctx)) {
      emit(
        res,
        target,
        FUNCTIONS.has(target.type) ? 'invokes' : 'uses',
        FUNCTIONS.has(target.type) ? 'trigger' : 'reference',
      );
    }
    for (const fn of literal(res, resource, FUNCTIONS, ctx)) emit(res, fn, 'invokes', 'trigger');
    return;
  }
  const [, , service = '', action = ''] = integration;
  const access = accessOf(integrationAction(service, action));
  const targets = unique([
    ...referenced(res, parameters, definition, ctx),
    ...literalParameters(res, parameters, ctx),
  ]);
  for (const target of targets) {
    const targetService = iamServiceOf(target.type);
    const matching = access.filter((a) => a.service === targetService);
    for (const { verb } of matching) {
      const [label, kind, inward] = LABELS[verb] as [string, EdgeKind, boolean];
      if (inward) emit(target, res, label, kind);
      else emit(res, target, label, kind);
    }
    if (matching.length === 0 && targetService === service && access.length === 0)
      emit(res, target, 'calls', 'trigger');
  }
  if (service === 'athena' && isMap(parameters)) {
    const output = isMap(parameters.ResultConfiguration)
      ? parameters.ResultConfiguration.OutputLocation
      : undefined;
    for (const bucket of outputBuckets(res, output, definition, ctx)) emit(res, bucket, 'writes', 'data');
  }
}

function outputBuckets(res: Res, value: unknown, definition: Definition, ctx: GraphContext): Res[] {
  const refs = referenced(res, value, definition, ctx).filter((r) => r.type === 'AWS::S3::Bucket');
  return refs.length > 0
    ? refs
    : typeof value === 'string' && !value.includes('${')
      ? s3Locations(res, value, ctx)
      : [];
}

function literal(res: Res, value: unknown, targetTypes: ReadonlySet<string>, ctx: GraphContext): Res[] {
  return typeof value === 'string' && !value.includes('${') ? ctx.named(res, value, targetTypes) : [];
}

function literalParameters(res: Res, parameters: unknown, ctx: GraphContext): Res[] {
  if (!isMap(parameters)) return [];
  const found: Res[] = [];
  for (const [key, value] of Object.entries(parameters)) {
    const targetTypes = NAME_PARAMETERS[key];
    if (targetTypes) found.push(...literal(res, value, targetTypes, ctx));
  }
  return found;
}

function walkStates(states: unknown, visit: (state: Record<string, unknown>) => void): void {
  if (!isMap(states)) return;
  for (const state of Object.values(states)) {
    if (!isMap(state)) continue;
    if (state.Type === 'Task') visit(state);
    for (const nested of [state.Iterator, state.ItemProcessor]) {
      if (isMap(nested)) walkStates(nested.States, visit);
    }
    if (Array.isArray(state.Branches)) {
      for (const branch of state.Branches) if (isMap(branch)) walkStates(branch.States, visit);
    }
  }
}

export const stateMachineEdges: Extractor = (res, ctx, emit) => {
  const definition = definitionOf(res);
  if (!definition || !isMap(definition.states)) return;
  walkStates(definition.states.States, (state) => taskEdges(res, state, definition, ctx, emit));
};
