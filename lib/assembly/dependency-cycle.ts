import { referencedLogicalIds } from './intrinsics.ts';
import type { CloudFormationTemplate } from './types.ts';

/**
 * A cycle among a template's resources (Ref, Fn::GetAtt, ${X} in Fn::Sub, DependsOn), as the ids along it
 * with the first repeated at the end, or undefined. CloudFormation refuses such a template ("Circular
 * dependency between resources"), so an estimate of it would price something that can never be deployed.
 * SAM resources are seen as CloudFormation sees them after the transform (see `samMoves`).
 */
export function dependencyCycle(template: CloudFormationTemplate): string[] | undefined {
  const resources = template.Resources ?? {};
  const ids = new Set(Object.keys(resources));
  const targets = new Map<string, Set<string>>([...ids].map((id) => [id, new Set<string>()]));
  for (const [id, resource] of Object.entries(resources)) {
    const moved = samMoves(resource, resources);
    collectReferences(
      moved ? withoutProperties(resource, moved.properties) : resource,
      ids,
      targets.get(id) ?? new Set(),
    );
    for (const from of moved?.dependents ?? []) if (ids.has(from) && from !== id) targets.get(from)?.add(id);
  }
  const edges = new Map([...targets].map(([id, set]) => [id, [...set].sort()]));
  // Depth-first search with the path on a stack: a target already on the path closes a cycle.
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (id: string): string[] | undefined => {
    if (onPath.has(id)) return [...path.slice(path.indexOf(id)), id];
    if (done.has(id)) return undefined;
    path.push(id);
    onPath.add(id);
    for (const target of edges.get(id) ?? []) {
      const cycle = visit(target);
      if (cycle) return cycle;
    }
    path.pop();
    onPath.delete(id);
    done.add(id);
    return undefined;
  };
  for (const id of [...ids].sort()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

/** The resources a resource refers to (Ref, Fn::GetAtt, Fn::Sub variables) or names in its DependsOn. */
function collectReferences(resource: unknown, ids: ReadonlySet<string>, into: Set<string>): void {
  if (typeof resource !== 'object' || resource === null) return;
  const { DependsOn: dependsOn, ...rest } = resource as { DependsOn?: unknown };
  for (const name of [...referencedLogicalIds(rest), ...[dependsOn].flat()])
    if (typeof name === 'string' && ids.has(name)) into.add(name);
}

/**
 * What the SAM transform takes out of a resource: properties it turns into resources of their own, and the
 * resources that come to depend on it. A function's `Events` become permissions, event source mappings, rules
 * and subscriptions that reference both ends, so the function itself references none of its sources (an API
 * whose definition calls the function and the function's `Api` event naming that API is no cycle); but an
 * `Api`/`HttpApi` event puts the function into that API's definition, and an `S3` event into the bucket's
 * notification configuration. A GraphQL API's data sources, functions and resolvers become AppSync resources
 * that reference the API, not the reverse.
 */
function samMoves(
  resource: unknown,
  resources: Readonly<Record<string, unknown>>,
): { properties: string[]; dependents: string[] } | undefined {
  if (typeof resource !== 'object' || resource === null) return undefined;
  const { Type: type, Properties: properties } = resource as { Type?: unknown; Properties?: unknown };
  const props =
    typeof properties === 'object' && properties !== null ? (properties as Record<string, unknown>) : {};
  if (type === 'AWS::Serverless::GraphQLApi')
    return { properties: ['DataSources', 'Functions', 'Resolvers'], dependents: [] };
  if (type !== 'AWS::Serverless::Function' && type !== 'AWS::Serverless::StateMachine') return undefined;
  const dependents: string[] = [];
  const events = typeof props.Events === 'object' && props.Events !== null ? Object.values(props.Events) : [];
  for (const event of events) {
    const { Type: kind, Properties: on } = (event ?? {}) as {
      Type?: unknown;
      Properties?: Record<string, unknown>;
    };
    const target =
      kind === 'S3'
        ? on?.Bucket
        : kind === 'Api'
          ? on?.RestApiId
          : kind === 'HttpApi'
            ? on?.ApiId
            : undefined;
    const name = refTarget(target);
    if (name && (kind === 'S3' || samWritesDefinition(resources[name]))) dependents.push(name);
  }
  return { properties: ['Events'], dependents };
}

/**
 * Whether SAM writes the API's definition (none given, or an inline map it edits) and so adds the event's
 * function to it; a definition in a file (DefinitionUri) or brought in by AWS::Include is left as it is.
 */
function samWritesDefinition(api: unknown): boolean {
  const properties = (api as { Properties?: Record<string, unknown> } | undefined)?.Properties ?? {};
  const body = properties.DefinitionBody;
  if (properties.DefinitionUri !== undefined) return false;
  return body === undefined || (typeof body === 'object' && body !== null && !('Fn::Transform' in body));
}

const refTarget = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && typeof (value as { Ref?: unknown }).Ref === 'string'
    ? (value as { Ref: string }).Ref
    : undefined;

function withoutProperties(resource: object, names: readonly string[]): object {
  const { Properties: properties, ...rest } = resource as { Properties?: Record<string, unknown> };
  if (typeof properties !== 'object' || properties === null) return resource;
  return {
    ...rest,
    Properties: Object.fromEntries(Object.entries(properties).filter(([key]) => !names.includes(key))),
  };
}
