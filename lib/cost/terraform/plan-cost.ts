import { listEnvironments, loadEnvironmentConfig } from '../../config/load-config.ts';
import { loadCatalog } from '../catalog/load-catalog.ts';
import type { PriceCatalog } from '../catalog/price-catalog.ts';
import { diffEstimates, type EstimateDiff } from '../diff/diff.ts';
import { estimate } from '../estimate/estimate.ts';
import type { Estimate } from '../estimate/estimate-types.ts';
import { environmentUsageFile, loadUsageFile, type UsageFile } from '../usage/usage-file.ts';
import { readPlanFile } from './plan-file.ts';
import { type PlanSummary, planInventories } from './plan-inventory.ts';

export interface PlanCostRequest {
  /** The JSON of `terraform show -json <planfile>`. */
  readonly planFile: string;
  /**
   * The workspace the plan is of. @default the plan's `environment` variable, else `terraform`. terraform/'s
   * root declares none (its workspace names the environment and config/<workspace>.json): terraform.yml
   * passes --env.
   */
  readonly environment?: string;
  /**
   * @default config/<workspace>.json's region, as terraform/'s root reads it for its provider; for a
   * workspace without a config file, the plan's `region` variable, else us-east-1.
   */
  readonly region?: string;
  /** Where the environments' config files are. @default config/ */
  readonly configDir?: string;
  /** One usage file instead of config/usage/<env>.yml. */
  readonly usageFile?: string;
  readonly creditsUsd?: number;
  readonly catalogFor?: (region: string) => PriceCatalog;
}

export interface PlanCostResult {
  readonly environment: string;
  readonly summary: PlanSummary;
  /** The monthly cost once the plan is applied. */
  readonly estimate: Estimate;
  /** What applying the plan does to the monthly cost: its prior state against its planned values. */
  readonly diff: EstimateDiff;
}

/** Prices a Terraform plan with the same models as the CDK track: after the plan, and the change it makes. */
export function runPlanCost(request: PlanCostRequest): PlanCostResult {
  const plan = readPlanFile(request.planFile);
  const variable = (name: string) => {
    const value = plan.variables?.[name]?.value;
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const environment = request.environment ?? variable('environment') ?? 'terraform';
  const region =
    request.region ?? configuredRegion(environment, request.configDir) ?? variable('region') ?? 'us-east-1';
  const { before, after, summary } = planInventories(plan, { environment, region });
  const usage = usageForTerraform(
    request.usageFile ? loadUsageFile(request.usageFile) : environmentUsageFile(environment),
  );
  const options = {
    catalogFor: request.catalogFor ?? ((r: string) => loadCatalog(r)),
    usageFor: () => usage,
    creditsUsd: request.creditsUsd,
  };
  const head = estimate(after, options);
  return { environment, summary, estimate: head, diff: diffEstimates(estimate(before, options), head) };
}

/** The region terraform/'s provider block deploys a workspace to: its config file's (terraform/main.tf). */
function configuredRegion(environment: string, configDir?: string): string | undefined {
  if (!listEnvironments(configDir).includes(environment)) return undefined;
  return loadEnvironmentConfig(environment, configDir).region;
}

/**
 * A usage file's per-type values apply to Terraform resources as they do to the stacks'; its per-resource
 * keys name CDK construct paths, which no Terraform address matches, so they are left out rather than
 * reported as matching nothing.
 */
function usageForTerraform(file: UsageFile | undefined): UsageFile | undefined {
  return file && { ...file, resources: {} };
}
