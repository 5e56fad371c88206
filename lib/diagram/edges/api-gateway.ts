/**
 * API Gateway: method integrations. Lambda (proxy or not) → the API `invokes` the function; AWS service
 * integrations (`arn:aws:apigateway:<region>:kinesis:action/PutRecord`, `sqs:path/<account>/<queue>`,
 * `s3:path/<bucket>/<key>`, `states:action/StartExecution`, HTTP APIs' `IntegrationSubtype`) → the API
 * `writes`, `reads` or `starts` the resource its request templates or parameters name. Methods and
 * integrations fold into their API, so the edges start at the API.
 */
import type { GraphContext, Res } from '../graph-context.ts';
import { isMap, looseText, unique } from '../graph-context.ts';
import type { EdgeKind } from '../graph-types.ts';
import { type Access, accessOf, integrationAction } from '../iam-actions.ts';
import { iamServiceOf } from '../resource-catalog.ts';
import {
  type Emit,
  type Extractor,
  FUNCTIONS,
  QUEUES,
  STATE_MACHINES,
  STREAMS,
  TABLES,
  TOPICS,
  types,
} from './extractor.ts';

const SERVICE_URI = /:apigateway:[^:]*:([a-z0-9-]+):(action|path)\/([^?]*)/;
const LAMBDA_IN_URI = /functions\/(arn:[^/]+)\/invocations/;

/** Names request templates write literally (`"StreamName": "events"`). */
const TEMPLATE_NAMES: Readonly<Record<string, ReadonlySet<string>>> = {
  StreamName: STREAMS,
  DeliveryStreamName: types('AWS::KinesisFirehose::DeliveryStream'),
  TableName: TABLES,
  TopicArn: TOPICS,
  QueueUrl: QUEUES,
  StateMachineArn: STATE_MACHINES,
};

/** HTTP APIs' integration subtypes name the service one way, IAM another. */
const SUBTYPE_SERVICES: Readonly<Record<string, string>> = {
  SQS: 'sqs',
  Kinesis: 'kinesis',
  StepFunctions: 'states',
  EventBridge: 'events',
  AppConfig: 'appconfig',
};

function emitAccess(res: Res, target: Res, access: readonly Access[], emit: Emit): void {
  for (const { service, verb } of access) {
    if (service !== iamServiceOf(target.type)) continue;
    const kind: EdgeKind = verb === 'writes' || verb === 'reads' ? 'data' : 'trigger';
    if (verb === 'reads') emit(target, res, verb, kind);
    else emit(res, target, verb, kind);
  }
}

function lambdaTargets(res: Res, uri: unknown, ctx: GraphContext): Res[] {
  const refs = ctx.refs(res, uri).filter((target) => FUNCTIONS.has(target.type));
  if (refs.length > 0) return refs;
  const text = ctx.symbolic(res, uri);
  const arn = text ? LAMBDA_IN_URI.exec(text)?.[1] : undefined;
  return arn ? ctx.byArn(arn).filter((target) => FUNCTIONS.has(target.type)) : [];
}

/** Resources an integration's templates and parameters name, by reference or by literal name. */
function integrationTargets(res: Res, integration: Record<string, unknown>, ctx: GraphContext): Res[] {
  const { Credentials: _role, CredentialsArn: _roleArn, ...rest } = integration;
  const found = [...ctx.refs(res, rest)];
  for (const template of Object.values(
    isMap(integration.RequestTemplates) ? integration.RequestTemplates : {},
  )) {
    if (typeof template !== 'string') continue;
    for (const match of template.matchAll(/"([A-Za-z]+)"\s*:\s*"([^"$]+)"/g)) {
      const targetTypes = TEMPLATE_NAMES[match[1] as string];
      if (targetTypes) found.push(...ctx.named(res, match[2], targetTypes));
    }
  }
  return unique(found);
}

export const methodEdges: Extractor = (res, ctx, emit) => {
  const integration = res.properties.Integration;
  if (!isMap(integration)) return;
  const uriText = looseText(integration.Uri) ?? '';
  if (integration.Type === 'AWS_PROXY' || uriText.includes(':lambda:path/')) {
    for (const fn of lambdaTargets(res, integration.Uri, ctx)) emit(res, fn, 'invokes', 'trigger');
    return;
  }
  const match = SERVICE_URI.exec(uriText);
  if (!match) return;
  const [, service = '', form = '', rest = ''] = match;
  let access: readonly Access[];
  if (form === 'action') {
    access = accessOf(integrationAction(service, rest.split('/')[0] ?? ''));
  } else if (service === 'sqs') {
    access = accessOf('sqs:SendMessage');
    const queue = rest.split('/').at(-1);
    if (queue && !queue.includes('*'))
      for (const q of ctx.byName(QUEUES, queue)) emitAccess(res, q, access, emit);
  } else if (service === 's3') {
    const method = String(integration.IntegrationHttpMethod ?? '').toUpperCase();
    access = accessOf(method === 'GET' ? 's3:GetObject' : 's3:PutObject');
    const bucket = rest.split('/')[0];
    if (bucket && !bucket.includes('*') && !bucket.includes('{')) {
      for (const b of ctx.byName(types('AWS::S3::Bucket'), bucket)) emitAccess(res, b, access, emit);
    }
  } else {
    access = [];
  }
  for (const target of integrationTargets(res, integration, ctx)) emitAccess(res, target, access, emit);
};

/** HTTP and WebSocket APIs: `IntegrationUri` of a function, or a first-class `IntegrationSubtype`. */
export const v2IntegrationEdges: Extractor = (res, ctx, emit) => {
  const p = res.properties;
  const subtype = typeof p.IntegrationSubtype === 'string' ? p.IntegrationSubtype : undefined;
  if (!subtype) {
    for (const fn of lambdaTargets(res, p.IntegrationUri, ctx)) emit(res, fn, 'invokes', 'trigger');
    return;
  }
  const [prefix = '', action = ''] = subtype.split('-');
  const service = SUBTYPE_SERVICES[prefix] ?? prefix.toLowerCase();
  const access = accessOf(integrationAction(service, action));
  for (const target of ctx.refs(res, p.RequestParameters)) emitAccess(res, target, access, emit);
};

/** Lambda authorizers: the API `invokes` them too. */
export const authorizerEdges: Extractor = (res, ctx, emit) => {
  for (const fn of lambdaTargets(res, res.properties.AuthorizerUri, ctx)) emit(res, fn, 'invokes', 'trigger');
};
