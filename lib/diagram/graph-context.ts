/**
 * The resources of one environment, indexed for the graph builder: references between them (Ref, GetAtt,
 * Sub and, across stacks, ImportValue of another stack's export), and physical names and ARNs written as
 * literals (partly unresolved ones too: an unknown account stays a symbol on both sides, so
 * `arn:aws:s3:::launchpad-dev-raw-${AWS::AccountId}/*` still finds its bucket).
 */
import { readFileSync } from 'node:fs';
import { parseTemplate, partitionOf, referencedLogicalIds, resolveIntrinsics } from '../assembly/index.ts';
import type { InventoryResource, InventoryStack } from '../assembly/types.ts';

/** One resource of the environment, with what the builder needs about it. */
export interface Res {
  /** Position in the environment (stacks in order, resources in template order): the graph's order. */
  readonly index: number;
  readonly stack: InventoryStack;
  readonly resource: InventoryResource;
  readonly type: string;
  readonly logicalId: string;
  readonly properties: Readonly<Record<string, unknown>>;
  /** The resource's phase, else its stack's, else the stack id. */
  readonly phase: string;
}

/** An unresolved pseudo parameter inside a symbolic string (`\u0001AccountId\u0001`). */
const MARK = '\u0001';
const symbol = (pseudo: string): string => `${MARK}${pseudo.replace(/^AWS::/, '')}${MARK}`;

interface NameRule {
  /** The property holding the physical name. */
  readonly name: (properties: Readonly<Record<string, unknown>>) => unknown;
  /** The ARN of a resource with that name. */
  readonly arn?: (name: string, where: Where) => string;
}

interface Where {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

const regional =
  (service: string, resource: (name: string) => string) =>
  (name: string, w: Where): string =>
    `arn:${w.partition}:${service}:${w.region}:${w.account}:${resource(name)}`;

const NAME_RULES: Readonly<Record<string, NameRule>> = {
  'AWS::S3::Bucket': { name: (p) => p.BucketName, arn: (n, w) => `arn:${w.partition}:s3:::${n}` },
  'AWS::Kinesis::Stream': { name: (p) => p.Name, arn: regional('kinesis', (n) => `stream/${n}`) },
  'AWS::KinesisFirehose::DeliveryStream': {
    name: (p) => p.DeliveryStreamName,
    arn: regional('firehose', (n) => `deliverystream/${n}`),
  },
  'AWS::SQS::Queue': { name: (p) => p.QueueName, arn: regional('sqs', (n) => n) },
  'AWS::SNS::Topic': { name: (p) => p.TopicName, arn: regional('sns', (n) => n) },
  'AWS::DynamoDB::Table': { name: (p) => p.TableName, arn: regional('dynamodb', (n) => `table/${n}`) },
  'AWS::Lambda::Function': {
    name: (p) => p.FunctionName,
    arn: regional('lambda', (n) => `function:${n}`),
  },
  'AWS::Glue::Job': { name: (p) => p.Name, arn: regional('glue', (n) => `job/${n}`) },
  'AWS::Glue::Crawler': { name: (p) => p.Name, arn: regional('glue', (n) => `crawler/${n}`) },
  'AWS::Glue::Trigger': { name: (p) => p.Name, arn: regional('glue', (n) => `trigger/${n}`) },
  'AWS::Glue::Workflow': { name: (p) => p.Name, arn: regional('glue', (n) => `workflow/${n}`) },
  'AWS::Glue::Database': {
    name: (p) => field(p.DatabaseInput, 'Name'),
    arn: regional('glue', (n) => `database/${n}`),
  },
  'AWS::Glue::Connection': {
    name: (p) => field(p.ConnectionInput, 'Name'),
    arn: regional('glue', (n) => `connection/${n}`),
  },
  'AWS::StepFunctions::StateMachine': {
    name: (p) => p.StateMachineName,
    arn: regional('states', (n) => `stateMachine:${n}`),
  },
  'AWS::Athena::WorkGroup': { name: (p) => p.Name, arn: regional('athena', (n) => `workgroup/${n}`) },
  'AWS::Logs::LogGroup': { name: (p) => p.LogGroupName, arn: regional('logs', (n) => `log-group:${n}`) },
  'AWS::Events::EventBus': { name: (p) => p.Name, arn: regional('events', (n) => `event-bus/${n}`) },
  'AWS::SecretsManager::Secret': {
    name: (p) => p.Name,
    arn: regional('secretsmanager', (n) => `secret:${n}`),
  },
  'AWS::CodeBuild::Project': { name: (p) => p.Name, arn: regional('codebuild', (n) => `project/${n}`) },
  'AWS::MWAA::Environment': { name: (p) => p.Name, arn: regional('airflow', (n) => `environment/${n}`) },
  'AWS::IAM::Role': {
    name: (p) => p.RoleName,
    arn: (n, w) => `arn:${w.partition}:iam::${w.account}:role/${n}`,
  },
  'AWS::IAM::Group': {
    name: (p) => p.GroupName,
    arn: (n, w) => `arn:${w.partition}:iam::${w.account}:group/${n}`,
  },
  'AWS::IAM::User': {
    name: (p) => p.UserName,
    arn: (n, w) => `arn:${w.partition}:iam::${w.account}:user/${n}`,
  },
  'AWS::IAM::ManagedPolicy': {
    name: (p) => p.ManagedPolicyName,
    arn: (n, w) => `arn:${w.partition}:iam::${w.account}:policy/${n}`,
  },
  'AWS::DMS::Endpoint': { name: (p) => p.EndpointIdentifier },
};

interface Export {
  readonly stack: InventoryStack;
  readonly value: unknown;
}

export class GraphContext {
  readonly resources: readonly Res[];
  private readonly byStack = new Map<string, Map<string, Res>>();
  private readonly refCache = new Map<Res, readonly Res[]>();
  private exports?: Map<string, Export>;
  private names?: Map<string, Res[]>;
  private arns?: Map<string, ArnCandidate[]>;

  constructor(private readonly stacks: readonly InventoryStack[]) {
    const resources: Res[] = [];
    for (const stack of stacks) {
      const byId = new Map<string, Res>();
      this.byStack.set(stack.id, byId);
      for (const resource of stack.resources) {
        // CloudFormation would not create it: not part of the architecture.
        if (resource.conditionMet === false) continue;
        const res: Res = {
          index: resources.length,
          stack,
          resource,
          type: resource.type,
          logicalId: resource.logicalId,
          properties: resource.properties,
          phase: resource.phase ?? stack.phase ?? stack.id,
        };
        byId.set(resource.logicalId, res);
        resources.push(res);
      }
    }
    this.resources = resources;
  }

  /**
   * The resources a value refers to: Ref, GetAtt and Sub variables (logical ids of the same stack, through
   * `referencedLogicalIds`) and Fn::ImportValue of an export of another stack of the environment.
   */
  refs(from: Res, value: unknown): Res[] {
    if (typeof value !== 'object' || value === null) return [];
    const byId = this.byStack.get(from.stack.id);
    const found: Res[] = [];
    for (const id of referencedLogicalIds(value, { parameters: from.stack.parameters })) {
      const res = byId?.get(id);
      if (res && res !== from) found.push(res);
    }
    for (const name of importNames(value)) {
      for (const res of this.exported(name)) if (res !== from && !found.includes(res)) found.push(res);
    }
    return found;
  }

  /** Everything the resource's properties refer to (cached). */
  allRefs(res: Res): readonly Res[] {
    let refs = this.refCache.get(res);
    if (!refs) {
      refs = this.refs(res, res.properties);
      this.refCache.set(res, refs);
    }
    return refs;
  }

  /**
   * The resources of the given types a value names: by reference, else by its literal name or ARN
   * (a string, or a Join/Sub whose only unknowns are pseudo parameters).
   */
  named(from: Res, value: unknown, types: ReadonlySet<string>): Res[] {
    const refs = this.refs(from, value).filter((res) => types.has(res.type));
    if (refs.length > 0) return refs;
    const text = this.symbolic(from, value);
    if (text === undefined || text === '') return [];
    if (text.startsWith('arn:')) return this.byArn(text).filter((res) => types.has(res.type));
    return this.byName(types, text);
  }

  /** Every item of a list (or the one value) resolved with `named`. */
  namedEach(from: Res, value: unknown, types: ReadonlySet<string>): Res[] {
    const items = Array.isArray(value) ? value : [value];
    return unique(items.flatMap((item) => this.named(from, item, types)));
  }

  /** The buckets an S3 location names: `s3://bucket/prefix`, an S3 ARN, or a bucket name / reference. */
  buckets(from: Res, value: unknown): Res[] {
    const refs = this.refs(from, value).filter((res) => res.type === BUCKET);
    if (refs.length > 0) return refs;
    const text = this.symbolic(from, value);
    if (!text) return [];
    const name = /^s3[an]?:\/\/([^/]+)/.exec(text)?.[1] ?? /^arn:[^:]*:s3:::([^/]+)/.exec(text)?.[1] ?? text;
    return this.byName(BUCKETS, name);
  }

  /** Resources of the given types whose physical name is exactly this (symbols included). */
  byName(types: ReadonlySet<string>, name: string): Res[] {
    const index = this.nameIndex();
    const found: Res[] = [];
    for (const type of types) found.push(...(index.get(`${type}\u0000${name}`) ?? []));
    return found;
  }

  /**
   * Resources an IAM resource pattern (`*` and `?` wildcards) covers: an ARN that matches one's ARN, or
   * extends it (`table/x/stream/*`, `bucket/*`, `log-group:x:*`). Partition, region and account compare
   * loosely when either side is unknown. A pattern with nothing but wildcards after the service names no
   * resource in particular and matches none.
   */
  byArn(pattern: string): Res[] {
    const arn = splitArn(pattern);
    if (!arn || /^[*?/]*$/.test(arn.rest)) return [];
    const candidates = this.arnIndex().get(arn.service);
    if (!candidates) return [];
    const found: Res[] = [];
    if (arn.service === 's3') {
      const bucketPattern = arn.rest.split('/', 1)[0] ?? '';
      if (/^[*?]*$/.test(bucketPattern)) return [];
      for (const c of candidates)
        if (c.bucket !== undefined && textMatches(bucketPattern, c.bucket)) found.push(c.res);
      return unique(found);
    }
    for (const c of candidates) {
      if (
        segmentMatches(arn.partition, c.arn.partition) &&
        segmentMatches(arn.region, c.arn.region) &&
        segmentMatches(arn.account, c.arn.account) &&
        (textMatches(arn.rest, c.arn.rest) || extendsArn(arn.rest, c.arn.rest))
      ) {
        found.push(c.res);
      }
    }
    return unique(found);
  }

  /**
   * A value as text, when only pseudo parameters are unknown (they become symbols): strings, Join, Sub.
   * Undefined when it holds a reference to a resource, an import or anything else unresolved.
   */
  symbolic(from: Res, value: unknown): string | undefined {
    return symbolicText(value, from.stack);
  }

  private exported(name: string): Res[] {
    const exported = this.exportOf(name);
    if (!exported) return [];
    const byId = this.byStack.get(exported.stack.id);
    const found: Res[] = [];
    for (const id of referencedLogicalIds(exported.value, { parameters: exported.stack.parameters })) {
      const res = byId?.get(id);
      if (res) found.push(res);
    }
    return found;
  }

  /**
   * CDK names its exports `<stack name>:<output id>`, which the inventory's outputs answer directly; other
   * export names are read (once) from the templates' `Outputs.*.Export.Name`, which the inventory does not keep.
   */
  private exportOf(name: string): Export | undefined {
    const colon = name.indexOf(':');
    if (colon > 0) {
      const stackName = name.slice(0, colon);
      const outputId = name.slice(colon + 1);
      for (const stack of this.stacks) {
        const output = stack.stackName === stackName ? stack.outputs[outputId] : undefined;
        if (output) return { stack, value: output.value };
      }
    }
    this.exports ??= this.readExports();
    return this.exports.get(name);
  }

  private readExports(): Map<string, Export> {
    const table = new Map<string, Export>();
    for (const stack of this.stacks) {
      let text: string;
      try {
        text = readFileSync(stack.templateFile, 'utf8');
      } catch {
        continue; // the inventory was read; a template that went away since has nothing more to tell
      }
      const template = parseTemplate(text, stack.templateFile);
      for (const [outputId, output] of Object.entries(template.Outputs ?? {})) {
        const exportName = isMap(output) && isMap(output.Export) ? output.Export.Name : undefined;
        if (exportName === undefined) continue;
        const resolved = resolveIntrinsics(exportName, {
          region: stack.region,
          account: stack.account,
          stackName: stack.stackName,
          template,
        });
        const value = stack.outputs[outputId]?.value;
        if (typeof resolved === 'string' && value !== undefined) table.set(resolved, { stack, value });
      }
    }
    return table;
  }

  private nameIndex(): Map<string, Res[]> {
    if (!this.names) this.buildNameIndexes();
    return this.names as Map<string, Res[]>;
  }

  private arnIndex(): Map<string, ArnCandidate[]> {
    if (!this.arns) this.buildNameIndexes();
    return this.arns as Map<string, ArnCandidate[]>;
  }

  private buildNameIndexes(): void {
    const names = new Map<string, Res[]>();
    const arns = new Map<string, ArnCandidate[]>();
    for (const res of this.resources) {
      const rule = NAME_RULES[res.type];
      if (!rule) continue;
      const name = symbolicText(rule.name(res.properties), res.stack);
      if (!name) continue;
      const key = `${res.type}\u0000${name}`;
      names.set(key, [...(names.get(key) ?? []), res]);
      if (!rule.arn) continue;
      const arn = splitArn(rule.arn(name, whereOf(res.stack)));
      if (!arn) continue;
      const list = arns.get(arn.service) ?? [];
      list.push({ arn, bucket: res.type === BUCKET ? name : undefined, res });
      arns.set(arn.service, list);
    }
    this.names = names;
    this.arns = arns;
  }
}

export const BUCKET = 'AWS::S3::Bucket';
export const BUCKETS: ReadonlySet<string> = new Set([BUCKET]);

function whereOf(stack: InventoryStack): Where {
  return {
    partition: stack.region ? partitionOf(stack.region) : symbol('Partition'),
    region: stack.region ?? symbol('Region'),
    account: stack.account ?? symbol('AccountId'),
  };
}

/** See GraphContext.symbolic. */
export function symbolicText(value: unknown, stack: InventoryStack): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!isMap(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0] as string;
  const args = value[key];
  if (key === 'Ref') {
    if (typeof args !== 'string' || !args.startsWith('AWS::')) return undefined;
    return pseudo(args, stack);
  }
  if (key === 'Fn::Join') {
    if (!Array.isArray(args) || typeof args[0] !== 'string' || !Array.isArray(args[1])) return undefined;
    const parts: string[] = [];
    for (const part of args[1]) {
      const text = symbolicText(part, stack);
      if (text === undefined) return undefined;
      parts.push(text);
    }
    return parts.join(args[0]);
  }
  if (key === 'Fn::Sub') {
    const [text, variables] = typeof args === 'string' ? [args, undefined] : Array.isArray(args) ? args : [];
    if (typeof text !== 'string') return undefined;
    let failed = false;
    const out = text.replace(/\$\{(!?)([^}]*)\}/g, (_match, bang: string, name: string) => {
      if (bang) return `\${${name}}`;
      if (isMap(variables) && Object.hasOwn(variables, name)) {
        const inner = symbolicText(variables[name], stack);
        if (inner === undefined) failed = true;
        return inner ?? '';
      }
      if (name.startsWith('AWS::')) return pseudo(name, stack);
      failed = true;
      return '';
    });
    return failed ? undefined : out;
  }
  return undefined;
}

function pseudo(name: string, stack: InventoryStack): string {
  if (name === 'AWS::Region' && stack.region) return stack.region;
  if (name === 'AWS::AccountId' && stack.account) return stack.account;
  if (name === 'AWS::Partition' && stack.region) return partitionOf(stack.region);
  return symbol(name);
}

/** Names of the Fn::ImportValue calls in a value whose export name is known. */
function importNames(value: unknown): string[] {
  const names: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    const object = node as Record<string, unknown>;
    const imported = object['Fn::ImportValue'];
    if (imported !== undefined && Object.keys(object).length === 1) {
      if (typeof imported === 'string') names.push(imported);
      return;
    }
    for (const key in object) walk(object[key]);
  };
  walk(value);
  return names;
}

interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the account: `stream/clicks`, `function:name`, `bucket/key`. */
  readonly rest: string;
}

interface ArnCandidate {
  readonly arn: Arn;
  /** The bucket name, for S3. */
  readonly bucket?: string;
  readonly res: Res;
}

function splitArn(text: string): Arn | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return {
    partition: parts[1] as string,
    service: parts[2] as string,
    region: parts[3] as string,
    account: parts[4] as string,
    rest: parts.slice(5).join(':'),
  };
}

/** Partition, region, account: equal, matched by the pattern's wildcards, or unknown on either side. */
function segmentMatches(pattern: string, value: string): boolean {
  return pattern.includes(MARK) || value.includes(MARK) || textMatches(pattern, value);
}

const regexCache = new Map<string, RegExp>();

/**
 * Whether an IAM pattern (`*`, `?`) matches a value. Unknowns (symbols) match themselves or any run of
 * characters within one ARN segment, on either side.
 */
function textMatches(pattern: string, value: string): boolean {
  if (globRegex(pattern).test(value)) return true;
  return value.includes(MARK) && !/[*?]/.test(pattern) && globRegex(value).test(pattern);
}

function globRegex(pattern: string): RegExp {
  let regex = regexCache.get(pattern);
  if (!regex) {
    let source = '';
    for (let i = 0; i < pattern.length; i++) {
      const char = pattern[i] as string;
      if (char === '*') source += '.*';
      else if (char === '?') source += '.';
      else if (char === MARK) {
        const end = pattern.indexOf(MARK, i + 1);
        const name = pattern.slice(i, end + 1);
        source += `(?:${escapeRegex(name)}|[^:/${MARK}]*)`;
        i = end;
      } else source += escapeRegex(char);
    }
    regex = new RegExp(`^${source}$`, 's');
    regexCache.set(pattern, regex);
  }
  return regex;
}

/** `table/x/index/*` extends `table/x`; `log-group:x:*` extends `log-group:x`. */
function extendsArn(pattern: string, rest: string): boolean {
  if (!pattern.startsWith(rest)) return false;
  const next = pattern[rest.length];
  return next === '/' || next === ':';
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function field(value: unknown, key: string): unknown {
  return isMap(value) ? value[key] : undefined;
}

export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/**
 * The value at a property path: `A.B` descends into maps, `A[]` spreads a list (`Targets[].Arn` → the Arn
 * of every target). Missing parts give nothing.
 */
export function valuesAt(properties: unknown, path: string): unknown[] {
  let values: unknown[] = [properties];
  for (const segment of path.split('.')) {
    const spread = segment.endsWith('[]');
    const key = spread ? segment.slice(0, -2) : segment;
    const next: unknown[] = [];
    for (const value of values) {
      const child = isMap(value) ? value[key] : undefined;
      if (child === undefined) continue;
      if (spread) {
        if (Array.isArray(child)) next.push(...child);
      } else next.push(child);
    }
    values = next;
  }
  return values;
}

/**
 * A value as text for pattern matching only: Join parts and Sub variables that are not text become `*`.
 * (`arn:${AWS::Partition}:apigateway:${AWS::Region}:kinesis:action/PutRecord` → `arn:*:apigateway:*:kinesis:action/PutRecord`.)
 */
export function looseText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!isMap(value)) return undefined;
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map((part) => looseText(part) ?? '*').join(join[0]);
  }
  const sub = value['Fn::Sub'];
  const text = typeof sub === 'string' ? sub : Array.isArray(sub) ? sub[0] : undefined;
  return typeof text === 'string' ? text.replace(/\$\{[^!}][^}]*\}/g, '*') : undefined;
}
