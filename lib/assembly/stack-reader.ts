/** One checked template plus what is known about its stack → an InventoryStack. */
import { evaluateCondition, parameterValue, type ResolveContext, resolveIntrinsics } from './intrinsics.ts';
import type {
  CloudFormationTemplate,
  InventoryOutput,
  InventoryParameter,
  InventoryResource,
  InventoryStack,
  TemplateResource,
} from './types.ts';

export interface StackFacts {
  readonly id: string;
  readonly stackName: string;
  /** Whether stackName is the deployed name (then AWS::StackName resolves to it). */
  readonly stackNameKnown: boolean;
  readonly environment?: string;
  readonly phase?: string;
  readonly region?: string;
  readonly account?: string;
  readonly templateFile: string;
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Construct paths by logical id, asked for (once) only when a resource's Metadata has no 'aws:cdk:path'. */
  readonly constructPaths?: () => ReadonlyMap<string, string>;
}

const PATH_METADATA_KEY = 'aws:cdk:path';

export function inventoryStack(template: CloudFormationTemplate, facts: StackFacts): InventoryStack {
  const context: ResolveContext = {
    region: facts.region,
    account: facts.account,
    stackName: facts.stackNameKnown ? facts.stackName : undefined,
    parameters: facts.parameters,
    template,
  };
  let paths: ReadonlyMap<string, string> | undefined;
  const constructPathOf = (logicalId: string, resource: TemplateResource): string | undefined => {
    const fromMetadata = isMap(resource.Metadata) ? resource.Metadata[PATH_METADATA_KEY] : undefined;
    if (typeof fromMetadata === 'string') return fromMetadata;
    if (!facts.constructPaths) return undefined;
    paths ??= facts.constructPaths();
    return paths.get(logicalId);
  };

  const resources: InventoryResource[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const resolved =
      resource.Properties === undefined ? undefined : resolveIntrinsics(resource.Properties, context);
    const properties = isMap(resolved) ? resolved : {};
    const condition = typeof resource.Condition === 'string' ? resource.Condition : undefined;
    resources.push({
      logicalId,
      type: resource.Type,
      constructPath: constructPathOf(logicalId, resource),
      phase: tagValue(properties, 'phase') ?? facts.phase,
      properties,
      condition,
      conditionMet: condition === undefined ? undefined : evaluateCondition(condition, context),
      dependsOn: dependsOn(resource.DependsOn),
    });
  }

  const outputs: Record<string, InventoryOutput> = {};
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    if (!isMap(output)) continue;
    outputs[name] = {
      value: resolveIntrinsics(output.Value, context),
      description: typeof output.Description === 'string' ? output.Description : undefined,
    };
  }

  const parameters: Record<string, InventoryParameter> = {};
  for (const [name, definition] of Object.entries(template.Parameters ?? {})) {
    if (!isMap(definition)) continue;
    const given =
      facts.parameters && Object.hasOwn(facts.parameters, name) ? facts.parameters[name] : undefined;
    parameters[name] = {
      type: typeof definition.Type === 'string' ? definition.Type : 'String',
      value: parameterValue(definition, given),
      description: typeof definition.Description === 'string' ? definition.Description : undefined,
    };
  }

  return {
    id: facts.id,
    stackName: facts.stackName,
    environment: facts.environment,
    phase: facts.phase,
    region: facts.region,
    account: facts.account,
    templateFile: facts.templateFile,
    description: typeof template.Description === 'string' ? template.Description : undefined,
    parameters,
    resources,
    outputs,
  };
}

/** A tag's value from `Tags` (a Key/Value list, or a map as in SAM) or `ResourceTags` (AWS::Budgets::Budget). */
function tagValue(properties: Readonly<Record<string, unknown>>, key: string): string | undefined {
  for (const field of ['Tags', 'ResourceTags']) {
    const tags = properties[field];
    if (Array.isArray(tags)) {
      for (const tag of tags) {
        if (isMap(tag) && tag.Key === key && typeof tag.Value === 'string') return tag.Value;
      }
    } else if (isMap(tags) && typeof tags[key] === 'string') {
      return tags[key];
    }
  }
  return undefined;
}

function dependsOn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
