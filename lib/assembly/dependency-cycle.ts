import type { CloudFormationTemplate } from './types.ts';

/**
 * A cycle among a template's resources (Ref, Fn::GetAtt, ${X} in Fn::Sub, DependsOn), as the ids along it
 * with the first repeated at the end, or undefined. CloudFormation refuses such a template ("Circular
 * dependency between resources"), so an estimate of it would price something that can never be deployed.
 */
export function dependencyCycle(template: CloudFormationTemplate): string[] | undefined {
  const resources = template.Resources ?? {};
  const ids = new Set(Object.keys(resources));
  const edges = new Map<string, string[]>();
  for (const [id, resource] of Object.entries(resources)) {
    const targets = new Set<string>();
    collectReferences(resource, ids, targets);
    edges.set(id, [...targets].sort());
  }
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

function collectReferences(value: unknown, ids: ReadonlySet<string>, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, ids, into);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'Ref' && typeof inner === 'string' && ids.has(inner)) into.add(inner);
    else if (key === 'Fn::GetAtt') {
      const target = Array.isArray(inner)
        ? inner[0]
        : typeof inner === 'string'
          ? inner.split('.')[0]
          : undefined;
      if (typeof target === 'string' && ids.has(target)) into.add(target);
    } else if (key === 'Fn::Sub') {
      const text = Array.isArray(inner) ? inner[0] : inner;
      if (typeof text === 'string') {
        for (const [, name = ''] of text.matchAll(/\$\{([^!}][^}.]*)[^}]*\}/g))
          if (ids.has(name)) into.add(name);
      }
      if (Array.isArray(inner)) collectReferences(inner[1], ids, into);
    } else if (key === 'DependsOn') {
      for (const name of [inner].flat()) if (typeof name === 'string' && ids.has(name)) into.add(name);
    } else collectReferences(inner, ids, into);
  }
}
