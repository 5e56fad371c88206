import path from 'node:path';
import type { Inventory, InventoryResource, InventoryStack } from '../../assembly/types.ts';
import { plannedResources, type TerraformPlan, type TerraformValues } from './plan-file.ts';
import { mapResourceType } from './resource-types.ts';

/** What `terraform plan` prints as "Plan: X to add, Y to change, Z to destroy", replacements counted in both. */
export interface PlanSummary {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  /** Of those, replaced in place of an update (destroy and create). */
  readonly replace: number;
  /** Resource types the estimate leaves out because they are settings of another resource, with the reason. */
  readonly settings: readonly { readonly type: string; readonly count: number; readonly reason: string }[];
}

export interface PlanInventories {
  /** The resources as they are (the plan's prior state): the base of the cost diff. */
  readonly before: Inventory;
  /** The resources once the plan is applied. */
  readonly after: Inventory;
  readonly summary: PlanSummary;
}

export interface PlanContext {
  /** The workspace (environment) the plan is of: names the estimate's environment and its usage file. */
  readonly environment: string;
  readonly region: string;
}

interface Instance {
  readonly address: string;
  readonly type: string;
  readonly values: TerraformValues;
}

/** The plan as two inventories of CloudFormation-typed resources, before and after, for the cost models. */
export function planInventories(plan: TerraformPlan, context: PlanContext): PlanInventories {
  const managed = plan.resource_changes.filter((c) => c.mode === 'managed');
  const beforeInstances = managed.flatMap((c) =>
    c.change.before ? [{ address: c.address, type: c.type, values: c.change.before }] : [],
  );
  const afterInstances = plannedResources(plan.planned_values.root_module).map((r) => ({
    address: r.address,
    type: r.type,
    values: r.values ?? {},
  }));
  const lifecycleOwners = lifecycleBuckets(plan.configuration);
  const inventory = (instances: Instance[]): Inventory => ({
    source: path.resolve(plan.file),
    stacks: [stackOf(instances, context, plan.file, lifecycleOwners)],
  });

  const counts = { add: 0, change: 0, destroy: 0, replace: 0 };
  for (const { change } of managed) {
    const actions = change.actions;
    if (actions.includes('create')) counts.add++;
    if (actions.includes('delete')) counts.destroy++;
    if (actions.includes('update')) counts.change++;
    if (actions.includes('create') && actions.includes('delete')) counts.replace++;
  }
  const settings = new Map<string, { count: number; reason: string }>();
  for (const instance of afterInstances) {
    const mapping = mapResourceType(instance.type, instance.values);
    if (mapping.kind !== 'setting') continue;
    const entry = settings.get(instance.type) ?? { count: 0, reason: mapping.reason };
    settings.set(instance.type, { ...entry, count: entry.count + 1 });
  }
  return {
    before: inventory(beforeInstances),
    after: inventory(afterInstances),
    summary: {
      ...counts,
      settings: [...settings]
        .map(([type, s]) => ({ type, ...s }))
        .sort((a, b) => a.type.localeCompare(b.type)),
    },
  };
}

/** One stack per workspace: `<environment>/terraform`, each resource under its Terraform address. */
function stackOf(
  instances: readonly Instance[],
  context: PlanContext,
  file: string,
  lifecycleOwners: ReadonlyMap<string, string>,
): InventoryStack {
  const id = `${context.environment}/terraform`;
  const rulesOf = lifecycleRules(instances, lifecycleOwners);
  const resources: InventoryResource[] = [];
  for (const instance of instances) {
    const mapping = mapResourceType(instance.type, instance.values);
    if (mapping.kind === 'setting') continue;
    // An unknown type keeps its Terraform name, which the estimate then lists as not priced.
    const resource = mapping.kind === 'mapped' ? mapping.resource : { type: instance.type, properties: {} };
    const rules = instance.type === 'aws_s3_bucket' ? rulesOf(instance) : undefined;
    const tags = (instance.values.tags_all ?? instance.values.tags) as Record<string, unknown> | undefined;
    resources.push({
      logicalId: instance.address,
      type: resource.type,
      constructPath: `${id}/${instance.address}`,
      ...(typeof tags?.phase === 'string' && { phase: tags.phase }),
      properties: rules ? { ...resource.properties, LifecycleConfiguration: rules } : resource.properties,
      dependsOn: [],
    });
  }
  return {
    id,
    stackName: `terraform-${context.environment}`,
    environment: context.environment,
    region: context.region,
    templateFile: path.resolve(file),
    parameters: {},
    resources,
    outputs: {},
  };
}

/** The address without its instance keys: `module.lake.aws_s3_bucket.this["raw"]` → `module.lake.aws_s3_bucket.this`. */
const configAddress = (address: string) => address.replaceAll(/\[[^\]]*\]/g, '');
const instanceKey = (address: string) => address.match(/(\[[^\]]*\])$/)?.[1] ?? '';

/**
 * For a bucket instance, the lifecycle rules set on it, as CloudFormation's LifecycleConfiguration (the S3
 * model prices the storage classes they move objects to). A lifecycle configuration names its bucket by
 * value once the bucket exists, and only by reference (in the configuration) while it is being created.
 */
function lifecycleRules(
  instances: readonly Instance[],
  owners: ReadonlyMap<string, string>,
): (bucket: Instance) => unknown {
  const configurations = instances.filter((i) => i.type === 'aws_s3_bucket_lifecycle_configuration');
  return (bucket) => {
    const name = bucket.values.bucket;
    const found = configurations.filter((c) => {
      if (typeof c.values.bucket === 'string') return c.values.bucket === name;
      const owner = owners.get(configAddress(c.address));
      if (owner === undefined || configAddress(owner) !== configAddress(bucket.address)) return false;
      // `aws_s3_bucket.this["raw"]` names its instance; a bare `aws_s3_bucket.this` one of the same key.
      const key = instanceKey(owner) || instanceKey(c.address);
      return key === instanceKey(bucket.address);
    });
    if (found.length === 0) return undefined;
    const rules = found.flatMap((c) => (Array.isArray(c.values.rule) ? c.values.rule : []));
    return {
      Rules: rules.map((rule) => ({
        Transitions: (Array.isArray(rule.transition) ? rule.transition : []).map((t: TerraformValues) => ({
          StorageClass: t.storage_class,
          TransitionInDays: t.days,
        })),
      })),
    };
  };
}

interface ConfigModule {
  readonly resources?: readonly {
    readonly address?: string;
    readonly type?: string;
    readonly expressions?: { readonly bucket?: { readonly references?: readonly string[] } };
  }[];
  readonly module_calls?: Readonly<Record<string, { readonly module?: ConfigModule }>>;
}

/** Lifecycle configuration address → the bucket (and instance, when it names one) its `bucket` refers to. */
function lifecycleBuckets(configuration: unknown): Map<string, string> {
  const owners = new Map<string, string>();
  const walk = (module: ConfigModule | undefined, prefix: string) => {
    for (const resource of module?.resources ?? []) {
      if (resource.type !== 'aws_s3_bucket_lifecycle_configuration' || !resource.address) continue;
      const bucket = resource.expressions?.bucket?.references
        ?.map((r) => r.match(/^aws_s3_bucket\.[\w-]+(\[[^\]]*\])?/)?.[0])
        .find((r) => r !== undefined);
      if (bucket) owners.set(`${prefix}${resource.address}`, `${prefix}${bucket}`);
    }
    for (const [name, call] of Object.entries(module?.module_calls ?? {})) {
      walk(call.module, `${prefix}module.${name}.`);
    }
  };
  walk((configuration as { root_module?: ConfigModule } | undefined)?.root_module, '');
  return owners;
}
