import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { readAssembly, readTemplateFile } from '../assembly/index.ts';
import type { Inventory } from '../assembly/types.ts';
import { ConfigError } from '../config/config-error.ts';
import { DEFAULT_CONFIG_DIR, loadEnvironmentConfig } from '../config/load-config.ts';
import { schemaFileValidator } from '../config/schema-validator.ts';
import { loadCatalog } from './catalog/load-catalog.ts';
import type { PriceCatalog } from './catalog/price-catalog.ts';
import { diffEstimates, type EstimateDiff } from './diff/diff.ts';
import { estimate } from './estimate/estimate.ts';
import type { Estimate } from './estimate/estimate-types.ts';
import { type OptInSettings, optInSettingsOf } from './estimate/opt-ins.ts';
import { environmentUsageFile, loadUsageFile } from './usage/usage-file.ts';

export interface CostRequest {
  /** Environments to price. @default all in the assembly */
  readonly environments?: readonly string[];
  /** A plain CloudFormation template (JSON or YAML): this or `assembly`. */
  readonly template?: string;
  /** Region of a plain template (templates name none). @default us-east-1 */
  readonly region?: string;
  /**
   * A synthesized cloud assembly: this or `template`. Synthesizing the app is the caller's step, so that
   * pricing never loads the CDK.
   */
  readonly assembly?: string;
  /** One usage file for everything, instead of config/usage/<env>.yml. */
  readonly usageFile?: string;
  readonly creditsUsd?: number;
  /** A base estimate (the JSON output of an earlier run) to compare with. */
  readonly compareTo?: string;
  readonly onProgress?: (line: string) => void;
  /** Where prices come from. @default the bundled catalogs, throwing for a region without one */
  readonly catalogFor?: (region: string) => PriceCatalog;
}

export interface CostResult {
  readonly estimate: Estimate;
  readonly diff?: EstimateDiff;
}

/** The whole cost run behind `npm run cost` and the cost action: inventory → usage → estimate (→ diff). */
export function runCost(request: CostRequest): CostResult {
  const progress = request.onProgress ?? (() => {});
  const inventory = filterEnvironments(readInput(request), request.environments);
  const shared = request.usageFile ? loadUsageFile(path.resolve(request.usageFile)) : undefined;
  progress(`Pricing ${inventory.stacks.length} stacks (${countResources(inventory)} resources) ...`);
  const result = estimate(inventory, {
    catalogFor: request.catalogFor ?? ((region) => loadCatalog(region)),
    usageFor: (environment) => shared ?? environmentUsageFile(environment),
    creditsUsd: request.creditsUsd,
    optIns: request.template ? [] : optInSettings(inventory),
  });
  if (!request.compareTo) return { estimate: result };
  return { estimate: result, diff: diffEstimates(readEstimateFile(request.compareTo), result) };
}

function readInput(request: CostRequest): Inventory {
  if (request.template && request.assembly) {
    throw new ConfigError('command line', [
      { pointer: '', expected: 'either --template or --assembly', found: 'both' },
    ]);
  }
  if (request.template)
    return readTemplateFile(path.resolve(request.template), {
      region: request.region ?? 'us-east-1',
      deployable: true,
    });
  if (request.assembly) return readAssembly(path.resolve(request.assembly));
  throw new ConfigError('command line', [
    { pointer: '', expected: '--template or --assembly', found: 'neither' },
  ]);
}

function filterEnvironments(inventory: Inventory, environments: readonly string[] | undefined): Inventory {
  if (!environments) return inventory;
  const stacks = inventory.stacks.filter((s) => s.environment && environments.includes(s.environment));
  const found = new Set(stacks.map((s) => s.environment));
  const missing = environments.filter((e) => !found.has(e));
  if (missing.length > 0) {
    const known = [...new Set(inventory.stacks.map((s) => s.environment).filter(Boolean))];
    throw new ConfigError(inventory.source, [
      {
        pointer: '',
        expected: `stacks of ${missing.join(', ')}`,
        found: `only ${known.join(', ') || 'stacks outside any environment'}`,
      },
    ]);
  }
  return { ...inventory, stacks };
}

/** The costly-service switches of the environments that have a config file in this repository. */
function optInSettings(inventory: Inventory): OptInSettings[] {
  const environments = [
    ...new Set(inventory.stacks.map((s) => s.environment).filter((e): e is string => !!e)),
  ];
  return environments
    .filter((environment) => existsSync(path.join(DEFAULT_CONFIG_DIR, `${environment}.json`)))
    .map((environment) => optInSettingsOf(loadEnvironmentConfig(environment)));
}

const countResources = (inventory: Inventory) => inventory.stacks.reduce((n, s) => n + s.resources.length, 0);

let validateEstimate: ValidateFunction | undefined;

/** Reads an earlier run's JSON output, checked against estimate.schema.json. */
export function readEstimateFile(file: string): Estimate {
  const shown = path.relative(process.cwd(), path.resolve(file));
  if (!existsSync(file)) {
    throw new ConfigError(shown, [
      {
        pointer: '',
        expected: 'an estimate file',
        found: 'no such file',
        hint: 'Write one with: npm run cost -- --format json --out <file>',
      },
    ]);
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(shown, [{ pointer: '', expected: 'JSON', found: (error as Error).message }]);
  }
  validateEstimate ??= schemaFileValidator(path.join(import.meta.dirname, 'estimate/estimate.schema.json'), {
    strict: false,
  });
  if (!validateEstimate(data)) {
    const problems = (validateEstimate.errors ?? []).slice(0, 5).map((e) => ({
      pointer: e.instancePath,
      expected: `a value that ${e.message}`,
      found: 'something else',
      hint: 'Is it the JSON output of `npm run cost -- --format json` from this version?',
    }));
    throw new ConfigError(shown, problems);
  }
  return data as Estimate;
}
