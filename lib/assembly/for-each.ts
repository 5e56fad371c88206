/**
 * `Fn::ForEach` loops (the AWS::LanguageExtensions transform) expanded as CloudFormation expands them before
 * it reads the template: each `"Fn::ForEach::Name": [Identifier, Collection, { OutputKey: OutputValue }]`
 * becomes one OutputKey → OutputValue entry per item, with `${Identifier}` and `&{Identifier}` (the item
 * without its non-alphanumeric characters) replaced in keys and strings, and `{ Ref: Identifier }` by the item.
 * Loops nest, and sit in Conditions, Resources (and their properties) and Outputs.
 *
 * Reference: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html
 */
import { InventoryError } from './inventory-error.ts';

const LOOP = 'Fn::ForEach::';
const TRANSFORM = 'AWS::LanguageExtensions';

/**
 * The parsed template with every loop expanded (the same object when it has none). `parameters` gives
 * values to collections written as `{ Ref: Parameter }`; a parameter without one takes its Default.
 */
export function expandForEach(
  template: unknown,
  file: string,
  parameters: Readonly<Record<string, unknown>> = {},
): unknown {
  if (!isMap(template) || !hasLoop(template)) return template;
  const transforms = [template.Transform].flat();
  if (!transforms.includes(TRANSFORM)) {
    throw new InventoryError(file, `Fn::ForEach is used but the template does not declare ${TRANSFORM}.`, {
      hint: `CloudFormation refuses it too: add "Transform: ${TRANSFORM}" at the top of the template (a list if it has other transforms).`,
    });
  }
  const collections = (collection: unknown, loop: string): string[] =>
    collectionItems(collection, loop, template, parameters, file);
  const expanded: Record<string, unknown> = { ...template };
  for (const section of ['Conditions', 'Resources', 'Outputs']) {
    if (template[section] !== undefined) expanded[section] = expand(template[section], collections, file);
  }
  return expanded;
}

type Items = (collection: unknown, loop: string) => string[];

function expand(value: unknown, items: Items, file: string): unknown {
  if (Array.isArray(value)) return value.map((item) => expand(item, items, file));
  if (!isMap(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (!key.startsWith(LOOP)) {
      out[key] = expand(child, items, file);
      continue;
    }
    if (!Array.isArray(child) || child.length !== 3 || typeof child[0] !== 'string' || !isMap(child[2])) {
      throw new InventoryError(
        file,
        `"${key}" is not [Identifier, Collection, { OutputKey: OutputValue }].`,
        {
          hint: 'Write Fn::ForEach as a list of three: the identifier, the list of values, and the map to repeat for each value.',
        },
      );
    }
    const [identifier, collection, fragment] = child as [string, unknown, Record<string, unknown>];
    for (const item of items(collection, key)) {
      // Inner loops see the outer item already substituted, so expand after substituting.
      const copy = expand(substitute(fragment, identifier, item), items, file) as Record<string, unknown>;
      Object.assign(out, copy);
    }
  }
  return out;
}

function substitute(value: unknown, identifier: string, item: string): unknown {
  if (typeof value === 'string') return replaceIn(value, identifier, item);
  if (Array.isArray(value)) return value.map((v) => substitute(v, identifier, item));
  if (!isMap(value)) return value;
  if (Object.keys(value).length === 1 && value.Ref === identifier) return item;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [replaceIn(k, identifier, item), substitute(v, identifier, item)]),
  );
}

function replaceIn(text: string, identifier: string, item: string): string {
  return text
    .replaceAll(`\${${identifier}}`, item)
    .replaceAll(`&{${identifier}}`, item.replace(/[^A-Za-z0-9]/g, ''));
}

function collectionItems(
  collection: unknown,
  loop: string,
  template: Record<string, unknown>,
  given: Readonly<Record<string, unknown>>,
  file: string,
): string[] {
  if (Array.isArray(collection) && collection.every((item) => typeof item === 'string')) return collection;
  const name = isMap(collection) && typeof collection.Ref === 'string' ? collection.Ref : undefined;
  const definition = name && isMap(template.Parameters) ? template.Parameters[name] : undefined;
  const value =
    name && Object.hasOwn(given, name) ? given[name] : isMap(definition) ? definition.Default : undefined;
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.split(',').map((item) => item.trim());
  throw new InventoryError(
    file,
    name
      ? `Fn::ForEach "${loop.slice(LOOP.length)}" loops over parameter "${name}", which has no value or Default.`
      : `Fn::ForEach "${loop.slice(LOOP.length)}" has a collection that is neither a list of strings nor a Ref to a parameter.`,
    {
      hint: name
        ? `Give "${name}" a Default (a comma-delimited list), or pass its value, so the loop can be expanded.`
        : 'Write the collection as a list of strings, or as { Ref: Parameter } of a CommaDelimitedList parameter with a Default.',
    },
  );
}

/** Whether any map inside holds a loop key (a walk, not a JSON.stringify: large templates stay cheap). */
function hasLoop(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasLoop);
  if (!isMap(value)) return false;
  for (const key in value) if (key.startsWith(LOOP) || hasLoop(value[key])) return true;
  return false;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
