import type { InventoryResource, InventoryStack } from '../../assembly/types.ts';
import type { ComponentSpec, CostModel } from './cost-model.ts';

/** Runs a model on one resource with the given properties and usage (other fields at their defaults). */
export function componentsOf(
  model: CostModel,
  properties: Record<string, unknown> = {},
  usage: Record<string, number> = {},
  type = model.types[0] ?? '',
): ComponentSpec[] {
  const resource: InventoryResource = { logicalId: 'Subject', type, properties, dependsOn: [] };
  const stack: InventoryStack = {
    id: 'test/stack',
    stackName: 'test-stack',
    templateFile: 'test.template.json',
    parameters: {},
    resources: [resource],
    outputs: {},
  };
  return model.components({
    resource,
    stack,
    usage: (field) => {
      const declared = model.usage[field];
      if (!declared) throw new Error(`undeclared usage field ${field}`);
      return usage[field] ?? declared.default;
    },
  });
}

/** priceId → quantity, for compact assertions. */
export function quantities(components: readonly ComponentSpec[]): Record<string, number> {
  return Object.fromEntries(components.map((c) => [c.priceId, c.quantity]));
}
