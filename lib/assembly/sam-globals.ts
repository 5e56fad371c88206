/**
 * SAM's `Globals` section merged into the resources it covers, as the SAM transform does before anything is
 * created: a function without its own MemorySize runs (and is billed) at the global one.
 *
 * Rules (AWS SAM developer guide, "Globals section of the AWS SAM template"): a resource's own scalar
 * wins; maps merge, the resource's keys winning; lists are the global entries followed by the resource's.
 */
import { InventoryError } from './inventory-error.ts';
import type { CloudFormationTemplate, TemplateResource } from './types.ts';

/** Globals section → the SAM resource type it covers. */
const COVERED: Readonly<Record<string, string>> = {
  Function: 'AWS::Serverless::Function',
  Api: 'AWS::Serverless::Api',
  HttpApi: 'AWS::Serverless::HttpApi',
  SimpleTable: 'AWS::Serverless::SimpleTable',
  StateMachine: 'AWS::Serverless::StateMachine',
  LayerVersion: 'AWS::Serverless::LayerVersion',
};

/** The template with Globals merged in (unchanged when it has none); `file` names it in errors. */
export function applySamGlobals(template: CloudFormationTemplate, file: string): CloudFormationTemplate {
  const globals = template.Globals;
  if (globals === undefined) return template;
  if (!isMap(globals)) {
    throw new InventoryError(file, 'the "Globals" section must be a map (Function, Api, HttpApi, ...).', {
      hint: 'Write Globals as a map of resource kinds to the properties they share, or remove it.',
    });
  }
  for (const [kind, properties] of Object.entries(globals)) {
    if (!COVERED[kind] || !isMap(properties)) {
      throw new InventoryError(file, `Globals.${kind} is not a map of properties for a SAM resource kind.`, {
        hint: `SAM Globals cover ${Object.keys(COVERED).join(', ')}; each holds a map of properties.`,
      });
    }
  }
  const resources: Record<string, TemplateResource> = {};
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const kind = Object.keys(COVERED).find((k) => COVERED[k] === resource.Type);
    const shared = kind === undefined ? undefined : globals[kind];
    resources[logicalId] = isMap(shared)
      ? {
          ...resource,
          Properties: merge(shared, isMap(resource.Properties) ? resource.Properties : {}),
        }
      : resource;
  }
  return { ...template, Resources: resources };
}

function merge(global: unknown, own: unknown): unknown {
  if (own === undefined) return global;
  if (Array.isArray(global) && Array.isArray(own)) return [...global, ...own];
  if (isMap(global) && isMap(own) && !isIntrinsic(global) && !isIntrinsic(own)) {
    const merged: Record<string, unknown> = { ...global };
    for (const [key, value] of Object.entries(own)) merged[key] = merge(global[key], value);
    return merged;
  }
  return own;
}

/** `{ Ref: X }`, `{ 'Fn::If': [...] }`: a value, not a map to merge into. */
function isIntrinsic(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || (keys[0]?.startsWith('Fn::') ?? false));
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
