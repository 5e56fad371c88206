// Reads the JSON of `terraform show -json <planfile>`: the parts the cost estimate needs, checked for shape.
// The format: https://developer.hashicorp.com/terraform/internals/json-format
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type ConfigProblem, describeValue } from '../../config/config-error.ts';

/** The attribute values of one resource instance, as the provider's schema names them. */
export type TerraformValues = Readonly<Record<string, unknown>>;

/** One resource instance of `planned_values` (a module's `resources`). */
export interface PlannedResource {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly values: TerraformValues;
}

export interface PlannedModule {
  readonly address?: string;
  readonly resources?: readonly PlannedResource[];
  readonly child_modules?: readonly PlannedModule[];
}

/**
 * What the plan does to one resource instance: `["no-op"]`, `["create"]`, `["read"]`, `["update"]`,
 * `["delete", "create"]` and `["create", "delete"]` (replace, either order), `["delete"]`, `["forget"]`.
 */
export type PlanAction = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

export interface ResourceChange {
  readonly address: string;
  readonly module_address?: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly change: {
    readonly actions: readonly PlanAction[];
    /** Values before the change; null when the resource does not exist yet. */
    readonly before: TerraformValues | null;
    /** Values after it, without those known only after apply; null when it is deleted. */
    readonly after: TerraformValues | null;
  };
}

export interface TerraformPlan {
  /** The file it was read from, as given (for messages). */
  readonly file: string;
  readonly format_version: string;
  readonly terraform_version?: string;
  /** The root module's input variables: `{ environment: { value: 'dev' } }`. */
  readonly variables?: Readonly<Record<string, { readonly value?: unknown }>>;
  readonly planned_values: { readonly root_module: PlannedModule };
  readonly resource_changes: readonly ResourceChange[];
  /** The configuration the plan came from: references between resources, which unknown values hide. */
  readonly configuration?: unknown;
}

/** The format's major version this reader understands (1.x adds fields, a 2.0 would break them). */
const SUPPORTED_MAJOR = '1';

const SHOW_JSON = 'terraform show -json plan.tfplan > plan.json';

/** Reads and checks a plan's JSON; a ConfigError names the file, the field and the fix. */
export function readPlanFile(file: string): TerraformPlan {
  const shown = path.relative(process.cwd(), path.resolve(file)) || file;
  const fail = (problem: ConfigProblem): never => {
    throw new ConfigError(shown, [problem]);
  };
  if (!existsSync(file)) {
    fail({
      pointer: '',
      expected: 'the JSON of a Terraform plan',
      found: 'no such file',
      hint: `Write one with: terraform plan -out plan.tfplan && ${SHOW_JSON}`,
    });
  }
  const bytes = readFileSync(file);
  // `terraform plan -out` writes a zip archive (it starts with "PK\x03\x04"), which only Terraform reads.
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    fail({
      pointer: '',
      expected: 'the JSON of `terraform show -json`',
      found: 'a binary plan file of `terraform plan -out` (a zip archive)',
      hint: `Turn it into JSON first: ${SHOW_JSON}, then pass plan.json.`,
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    fail({
      pointer: '',
      expected: 'JSON',
      found: `text that is not JSON (${(error as Error).message})`,
      hint: `Is it the output of \`terraform plan\` instead of \`terraform show -json\`? Write it with: ${SHOW_JSON}`,
    });
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    fail({
      pointer: '',
      expected: 'an object',
      found: describeValue(data),
      hint: `Write it with: ${SHOW_JSON}`,
    });
  }
  const plan = data as Record<string, unknown>;
  const version = plan.format_version;
  if (typeof version !== 'string' || version.split('.')[0] !== SUPPORTED_MAJOR) {
    fail({
      pointer: '/format_version',
      expected: `a format version ${SUPPORTED_MAJOR}.x`,
      found: typeof version === 'string' ? `"${version}"` : describeValue(version),
      hint:
        typeof version === 'string'
          ? `This reader knows the JSON plan format ${SUPPORTED_MAJOR}.x of Terraform 1.x and OpenTofu; use such a version to write it.`
          : `Is it a state file (terraform show -json without a plan) or another tool's JSON? Write the plan's with: ${SHOW_JSON}`,
    });
  }
  const planned = plan.planned_values as { root_module?: unknown } | undefined;
  if (
    !planned ||
    typeof planned !== 'object' ||
    !planned.root_module ||
    typeof planned.root_module !== 'object'
  ) {
    fail({
      pointer: '/planned_values/root_module',
      expected: 'the planned resources of the root module',
      found: describeValue(planned?.root_module),
      hint: `\`terraform show -json\` of a state holds no plan: show the plan file, ${SHOW_JSON}`,
    });
  }
  const changes = plan.resource_changes ?? [];
  if (!Array.isArray(changes)) {
    fail({ pointer: '/resource_changes', expected: 'an array', found: describeValue(changes) });
  }
  (changes as unknown[]).forEach((change, index) => {
    const actions = (change as { change?: { actions?: unknown } })?.change?.actions;
    if (!Array.isArray(actions)) {
      fail({
        pointer: `/resource_changes/${index}/change/actions`,
        expected: 'the list of actions (create, update, delete, …)',
        found: describeValue(actions),
      });
    }
  });
  return {
    ...(plan as unknown as TerraformPlan),
    resource_changes: changes as ResourceChange[],
    file: shown,
  };
}

/** Every managed resource instance of a module and its child modules, depth first. */
export function plannedResources(module: PlannedModule): PlannedResource[] {
  return [
    ...(module.resources ?? []).filter((r) => r.mode === 'managed'),
    ...(module.child_modules ?? []).flatMap(plannedResources),
  ];
}
