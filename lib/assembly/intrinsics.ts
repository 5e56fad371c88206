/**
 * CloudFormation intrinsic functions, resolved offline as far as the known facts allow.
 *
 * One walk over the value, linear in its size: subtrees without anything to resolve are returned as they
 * are (no copy), the others are rebuilt once. Parameter values and condition results are computed once
 * per context object, so one context shared by every resource of a stack costs nothing per resource.
 */
import type { CloudFormationTemplate, TemplateParameter } from './types.ts';

export interface ResolveContext {
  readonly region?: string;
  readonly account?: string;
  /** @default derived from the region (aws, aws-cn, aws-us-gov, ...); unknown without a region */
  readonly partition?: string;
  /** @default derived from the partition (amazonaws.com, amazonaws.com.cn, ...) */
  readonly urlSuffix?: string;
  /** Resolves AWS::StackName; leave it out when the deployed name is not known. */
  readonly stackName?: string;
  /** Parameter values by name; they win over the template's `Default`s. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** The template's Parameters (types and Defaults), Mappings and Conditions. */
  readonly template?: Pick<CloudFormationTemplate, 'Parameters' | 'Mappings' | 'Conditions'>;
}

/** The result of `Ref: AWS::NoValue` while resolving: dropped from the object or array that holds it. */
const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
/** A value this context cannot know. */
const UNKNOWN: unique symbol = Symbol('unknown');
/** A condition being evaluated (to stop a cycle between conditions). */
const PENDING: unique symbol = Symbol('pending');
const NO_VALUE_REF = Object.freeze({ Ref: 'AWS::NoValue' });

interface State {
  readonly context: ResolveContext;
  readonly partition?: string;
  readonly urlSuffix?: string;
  readonly parameterValues: Map<string, unknown>;
  readonly conditions: Map<string, boolean | undefined | typeof PENDING>;
}

const states = new WeakMap<ResolveContext, State>();

function stateOf(context: ResolveContext): State {
  let state = states.get(context);
  if (!state) {
    const partition = context.partition ?? (context.region ? partitionOf(context.region) : undefined);
    state = {
      context,
      partition,
      urlSuffix: context.urlSuffix ?? (partition ? urlSuffixOf(partition) : undefined),
      parameterValues: new Map(),
      conditions: new Map(),
    };
    states.set(context, state);
  }
  return state;
}

/** The AWS partition a region belongs to. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}

function urlSuffixOf(partition: string): string {
  switch (partition) {
    case 'aws-cn':
      return 'amazonaws.com.cn';
    case 'aws-iso':
      return 'c2s.ic.gov';
    case 'aws-iso-b':
      return 'sc2s.sgov.gov';
    default:
      return 'amazonaws.com';
  }
}

/**
 * Resolves what the context knows: Ref to parameters and pseudo parameters, Fn::Join, Fn::Sub, Fn::Select,
 * Fn::Split, Fn::FindInMap, Fn::If (conditions evaluated), Fn::Base64. Anything else, or any function whose
 * arguments are not all known, stays in CloudFormation's long form with its known parts resolved; Ref and
 * Fn::GetAtt to resources, Fn::ImportValue, Fn::GetAZs and Fn::Cidr always stay. `Ref: AWS::NoValue` removes
 * the property or list item holding it (and makes the whole value undefined).
 */
export function resolveIntrinsics(value: unknown, context: ResolveContext = {}): unknown {
  const resolved = resolveValue(value, stateOf(context));
  return resolved === NO_VALUE ? undefined : resolved;
}

/**
 * The value of the named template condition, or undefined when it depends on something unknown (a
 * parameter without a value, an unknown pseudo parameter) or does not exist.
 */
export function evaluateCondition(name: string, context: ResolveContext = {}): boolean | undefined {
  return conditionValue(name, stateOf(context));
}

/**
 * A parameter's value as CloudFormation would pass it: the given value, else the Default, typed by the
 * parameter's Type (a number for Number, a trimmed string array for CommaDelimitedList and List<...>).
 * Undefined when neither is known, and always for AWS::SSM::Parameter::Value<...> types, whose Default
 * names a Parameter Store key rather than holding the value.
 */
export function parameterValue(definition: TemplateParameter, given?: unknown): unknown {
  const type = typeof definition.Type === 'string' ? definition.Type : 'String';
  if (type.startsWith('AWS::SSM::Parameter::Value<')) return undefined;
  const raw = given ?? definition.Default;
  if (raw === undefined || raw === null) return undefined;
  if (type === 'CommaDelimitedList' || type.startsWith('List<')) {
    if (typeof raw === 'string') return raw.split(',').map((item) => item.trim());
    return Array.isArray(raw) ? raw : [String(raw)];
  }
  if (type === 'Number') {
    if (typeof raw === 'number') return raw;
    const number = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    return Number.isFinite(number) ? number : raw;
  }
  return isScalar(raw) ? String(raw) : raw;
}

function resolveValue(value: unknown, s: State): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return resolveArray(value, s, false);
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  if (keys.length === 1) {
    const key = keys[0] as string;
    if (key === 'Ref') return resolveRef(object, s);
    if (key.startsWith('Fn::')) return resolveFunction(key, object, s);
  }
  let out: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = object[key];
    const resolved = resolveValue(item, s);
    if (out === undefined && resolved !== item) {
      out = {};
      for (let j = 0; j < i; j++) setKey(out, keys[j] as string, object[keys[j] as string]);
    }
    if (out !== undefined && resolved !== NO_VALUE) setKey(out, key, resolved);
  }
  return out ?? object;
}

function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true });
  else target[key] = value;
}

/** With keepNoValue (arguments of a function left unresolved), AWS::NoValue stays as its Ref. */
function resolveArray(array: readonly unknown[], s: State, keepNoValue: boolean): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < array.length; i++) {
    const item = array[i];
    let resolved = resolveValue(item, s);
    if (resolved === NO_VALUE && keepNoValue) resolved = noValueRef(item);
    if (out === undefined && resolved !== item) out = array.slice(0, i);
    if (out !== undefined && resolved !== NO_VALUE) out.push(resolved);
  }
  return out ?? (array as unknown[]);
}

/** A function's arguments: resolved, with AWS::NoValue kept as written. */
function resolveArgs(args: unknown, s: State): unknown {
  if (Array.isArray(args)) return resolveArray(args, s, true);
  const resolved = resolveValue(args, s);
  return resolved === NO_VALUE ? noValueRef(args) : resolved;
}

/** `{ Ref: 'AWS::NoValue' }`: the one written when it is one, so an unchanged argument list stays unchanged. */
function noValueRef(written: unknown): unknown {
  return isPlainObject(written) && written.Ref === 'AWS::NoValue' ? written : NO_VALUE_REF;
}

function keep(key: string, original: Record<string, unknown>, args: unknown, resolvedArgs: unknown): unknown {
  return resolvedArgs === args ? original : { [key]: resolvedArgs };
}

function resolveRef(object: Record<string, unknown>, s: State): unknown {
  const name = object.Ref;
  if (typeof name !== 'string') return keep('Ref', object, name, resolveArgs(name, s));
  const value = refValue(name, s);
  return value === UNKNOWN ? object : value;
}

function refValue(name: string, s: State): unknown {
  switch (name) {
    case 'AWS::Region':
      return s.context.region ?? UNKNOWN;
    case 'AWS::AccountId':
      return s.context.account ?? UNKNOWN;
    case 'AWS::Partition':
      return s.partition ?? UNKNOWN;
    case 'AWS::URLSuffix':
      return s.urlSuffix ?? UNKNOWN;
    case 'AWS::StackName':
      return s.context.stackName ?? UNKNOWN;
    case 'AWS::NoValue':
      return NO_VALUE;
    default:
      return name.startsWith('AWS::') ? UNKNOWN : parameterRef(name, s);
  }
}

function parameterRef(name: string, s: State): unknown {
  const cached = s.parameterValues.get(name);
  if (cached !== undefined) return cached;
  const parameters = s.context.template?.Parameters;
  const definition = parameters && Object.hasOwn(parameters, name) ? parameters[name] : undefined;
  const given =
    s.context.parameters && Object.hasOwn(s.context.parameters, name)
      ? s.context.parameters[name]
      : undefined;
  const value = definition === undefined ? given : parameterValue(definition, given);
  const result = value === undefined ? UNKNOWN : value;
  s.parameterValues.set(name, result);
  return result;
}

function resolveFunction(key: string, object: Record<string, unknown>, s: State): unknown {
  const args = object[key];
  switch (key) {
    case 'Fn::If':
      return resolveIf(object, args, s);
    case 'Fn::Sub':
      return resolveSub(object, args, s);
    case 'Fn::Join': {
      const resolved = resolveArgs(args, s);
      if (Array.isArray(resolved) && resolved.length === 2) {
        const [delimiter, list] = resolved;
        if (typeof delimiter === 'string' && Array.isArray(list) && list.every(isScalar)) {
          return list.join(delimiter);
        }
      }
      return keep(key, object, args, resolved);
    }
    case 'Fn::Select': {
      const resolved = resolveArgs(args, s);
      if (Array.isArray(resolved) && resolved.length === 2 && Array.isArray(resolved[1])) {
        const index = toIndex(resolved[0]);
        const list = resolved[1];
        if (index !== undefined && index < list.length) return list[index];
      }
      return keep(key, object, args, resolved);
    }
    case 'Fn::Split': {
      const resolved = resolveArgs(args, s);
      if (Array.isArray(resolved) && resolved.length === 2) {
        const [delimiter, source] = resolved;
        if (typeof delimiter === 'string' && delimiter !== '' && typeof source === 'string') {
          return source.split(delimiter);
        }
      }
      return keep(key, object, args, resolved);
    }
    case 'Fn::FindInMap':
      return resolveFindInMap(object, args, s);
    case 'Fn::Base64': {
      const resolved = resolveArgs(args, s);
      if (typeof resolved === 'string') return Buffer.from(resolved, 'utf8').toString('base64');
      return keep(key, object, args, resolved);
    }
    default:
      // Fn::GetAtt, Fn::ImportValue, Fn::GetAZs, Fn::Cidr, and anything this module does not evaluate.
      return keep(key, object, args, resolveArgs(args, s));
  }
}

function resolveIf(object: Record<string, unknown>, args: unknown, s: State): unknown {
  if (Array.isArray(args) && args.length === 3 && typeof args[0] === 'string') {
    const condition = conditionValue(args[0], s);
    if (condition === true) return resolveValue(args[1], s);
    if (condition === false) return resolveValue(args[2], s);
  }
  return keep('Fn::If', object, args, resolveArgs(args, s));
}

function resolveFindInMap(object: Record<string, unknown>, args: unknown, s: State): unknown {
  const resolved = resolveArgs(args, s);
  if (Array.isArray(resolved) && resolved.length >= 3) {
    const [mapName, topKey, secondKey, options] = resolved;
    if (isScalar(mapName) && isScalar(topKey) && isScalar(secondKey)) {
      const found = lookup(lookup(lookup(s.context.template?.Mappings, mapName), topKey), secondKey);
      if (found !== undefined) return found;
      if (isPlainObject(options) && Object.hasOwn(options, 'DefaultValue')) return options.DefaultValue;
    }
  }
  return keep('Fn::FindInMap', object, args, resolved);
}

function lookup(table: unknown, key: string | number | boolean): unknown {
  const name = String(key);
  return isPlainObject(table) && Object.hasOwn(table, name) ? table[name] : undefined;
}

function resolveSub(object: Record<string, unknown>, args: unknown, s: State): unknown {
  if (typeof args === 'string') return substitute(object, args, undefined, undefined, s);
  if (Array.isArray(args) && args.length >= 1 && args.length <= 2 && typeof args[0] === 'string') {
    if (args.length === 1) return substitute(object, args[0], undefined, undefined, s);
    if (isPlainObject(args[1])) {
      const variables = resolveValue(args[1], s) as Record<string, unknown>;
      return substitute(object, args[0], args[1], variables, s);
    }
  }
  return keep('Fn::Sub', object, args, resolveArgs(args, s));
}

/**
 * One pass over the Fn::Sub string builds both the finished text (used when every variable is known) and
 * the string still to substitute (known variables written in, with `${` in their values escaped as `${!`).
 */
function substitute(
  object: Record<string, unknown>,
  text: string,
  writtenVariables: Record<string, unknown> | undefined,
  variables: Record<string, unknown> | undefined,
  s: State,
): unknown {
  let finished = '';
  let remaining = '';
  let complete = true;
  let changed = variables !== writtenVariables;
  let last = 0;
  let start = text.indexOf('${');
  while (start !== -1) {
    const escaped = text.charCodeAt(start + 2) === 33; /* ! */
    const end = escaped ? start + 2 : text.indexOf('}', start + 2);
    if (end === -1) break; // not a variable: the rest is text
    const literal = text.slice(last, start);
    finished += literal;
    remaining += literal;
    if (escaped) {
      finished += '${';
      remaining += '${!';
      last = start + 3;
      start = text.indexOf('${', last);
      continue;
    }
    const name = text.slice(start + 2, end);
    const value = subVariable(name, variables, s);
    if (value === undefined) {
      complete = false;
      remaining += `\${${name}}`;
    } else {
      changed = true;
      finished += value;
      remaining += value.includes('${') ? value.replaceAll('${', '${!') : value;
    }
    last = end + 1;
    start = text.indexOf('${', last);
  }
  if (complete) return finished + text.slice(last);
  if (!changed) return object;
  remaining += text.slice(last);
  const unresolved: Record<string, unknown> = {};
  let count = 0;
  if (variables) {
    for (const [name, value] of Object.entries(variables)) {
      if (!isScalar(value)) {
        setKey(unresolved, name, value);
        count++;
      }
    }
  }
  return { 'Fn::Sub': count === 0 ? remaining : [remaining, unresolved] };
}

function subVariable(
  name: string,
  variables: Record<string, unknown> | undefined,
  s: State,
): string | undefined {
  if (variables && Object.hasOwn(variables, name)) {
    const value = variables[name];
    return isScalar(value) ? String(value) : undefined;
  }
  if (name.includes('.')) return undefined; // ${Resource.Attribute}
  const value = refValue(name, s);
  return isScalar(value) ? String(value) : undefined;
}

function conditionValue(name: string, s: State): boolean | undefined {
  const cached = s.conditions.get(name);
  if (cached !== undefined || s.conditions.has(name)) return cached === PENDING ? undefined : cached;
  const conditions = s.context.template?.Conditions;
  if (!conditions || !Object.hasOwn(conditions, name)) {
    s.conditions.set(name, undefined);
    return undefined;
  }
  s.conditions.set(name, PENDING);
  const value = evaluateExpression(conditions[name], s);
  s.conditions.set(name, value);
  return value;
}

function evaluateExpression(expression: unknown, s: State): boolean | undefined {
  if (typeof expression === 'boolean') return expression;
  if (expression === 'true' || expression === 'false') return expression === 'true';
  if (!isPlainObject(expression)) return undefined;
  const keys = Object.keys(expression);
  if (keys.length !== 1) return undefined;
  const key = keys[0] as string;
  const args = expression[key];
  switch (key) {
    case 'Condition':
      return typeof args === 'string' ? conditionValue(args, s) : undefined;
    case 'Fn::Equals': {
      if (!Array.isArray(args) || args.length !== 2) return undefined;
      const left = resolveValue(args[0], s);
      const right = resolveValue(args[1], s);
      return isScalar(left) && isScalar(right) ? String(left) === String(right) : undefined;
    }
    case 'Fn::Not': {
      if (!Array.isArray(args) || args.length !== 1) return undefined;
      const value = evaluateExpression(args[0], s);
      return value === undefined ? undefined : !value;
    }
    case 'Fn::And':
    case 'Fn::Or': {
      if (!Array.isArray(args)) return undefined;
      // Three-valued: one deciding operand settles it even when others are unknown.
      const decisive = key === 'Fn::Or';
      let unknown = false;
      for (const operand of args) {
        const value = evaluateExpression(operand, s);
        if (value === decisive) return decisive;
        if (value === undefined) unknown = true;
      }
      return unknown ? undefined : !decisive;
    }
    default:
      return undefined;
  }
}

/**
 * Every resource logical id the value refers to: `Ref`, `Fn::GetAtt` (list and `A.B` forms) and the
 * `${X}` / `${X.Attr}` variables of `Fn::Sub` (not its own variables map's names, nor `${!Literal}`).
 * Pseudo parameters (AWS::...) are left out, and so are the parameters the context names (its template's
 * Parameters and its given parameters). In the order first met, each once.
 */
export function referencedLogicalIds(
  value: unknown,
  context: Pick<ResolveContext, 'parameters' | 'template'> = {},
): string[] {
  const found = new Set<string>();
  const parameters = context.template?.Parameters;
  const given = context.parameters;
  const add = (id: string): void => {
    if (id === '' || id.startsWith('AWS::')) return;
    if (parameters && Object.hasOwn(parameters, id)) return;
    if (given && Object.hasOwn(given, id)) return;
    found.add(id);
  };
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    const object = node as Record<string, unknown>;
    const keys = Object.keys(object);
    if (keys.length === 1) {
      const key = keys[0] as string;
      const args = object[key];
      if (key === 'Ref' && typeof args === 'string') {
        add(args);
        return;
      }
      if (key === 'Fn::GetAtt' && typeof args === 'string') {
        add(args.split('.', 1)[0] as string);
        return;
      }
      if (key === 'Fn::GetAtt' && Array.isArray(args) && typeof args[0] === 'string') {
        add(args[0]);
        walk(args.slice(1));
        return;
      }
      if (key === 'Fn::Sub' && typeof args === 'string') {
        subReferences(args, undefined, add);
        return;
      }
      if (key === 'Fn::Sub' && Array.isArray(args) && typeof args[0] === 'string') {
        const variables = isPlainObject(args[1]) ? args[1] : undefined;
        subReferences(args[0], variables, add);
        walk(variables);
        return;
      }
    }
    for (const key of keys) walk(object[key]);
  };
  walk(value);
  return [...found];
}

function subReferences(
  text: string,
  variables: Record<string, unknown> | undefined,
  add: (id: string) => void,
): void {
  let start = text.indexOf('${');
  while (start !== -1) {
    if (text.charCodeAt(start + 2) === 33 /* ! */) {
      start = text.indexOf('${', start + 3);
      continue;
    }
    const end = text.indexOf('}', start + 2);
    if (end === -1) return;
    const name = text.slice(start + 2, end);
    if (!variables || !Object.hasOwn(variables, name)) add(name.split('.', 1)[0] as string);
    start = text.indexOf('${', end + 1);
  }
}

function toIndex(value: unknown): number | undefined {
  const index =
    typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
  return Number.isInteger(index) && index >= 0 ? index : undefined;
}

function isScalar(value: unknown): value is string | number | boolean {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
