import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { type ParseError, parse } from 'jsonc-parser';
import { ConfigError, type ConfigProblem, describeValue } from './config-error.ts';
import type { EnvironmentConfig } from './environment-config.ts';
import { JsonLocations } from './json-locations.ts';
import { semanticProblems } from './semantic-rules.ts';

/** The repository's config folder. */
export const DEFAULT_CONFIG_DIR = path.resolve(import.meta.dirname, '../../config');
const SCHEMA_FILE = 'schema.json';
/** Deployment order of the usual environments; any others follow alphabetically. */
const PROMOTION_ORDER = ['dev', 'stage', 'prod'];
const ENVIRONMENT_NAME = /^[a-z][a-z0-9]{1,9}$/;

/** Environment names that have a config file, in promotion order (dev, stage, prod, then the rest). */
export function listEnvironments(configDir = DEFAULT_CONFIG_DIR): string[] {
  const names = readdirSync(configDir)
    .filter((f) => f.endsWith('.json') && f !== SCHEMA_FILE)
    .map((f) => f.slice(0, -'.json'.length));
  const rank = (n: string) =>
    PROMOTION_ORDER.includes(n) ? PROMOTION_ORDER.indexOf(n) : PROMOTION_ORDER.length;
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Reads and validates config/<environment>.json; throws ConfigError listing every problem. */
export function loadEnvironmentConfig(
  environment: string,
  configDir = DEFAULT_CONFIG_DIR,
): EnvironmentConfig {
  const absolute = path.join(configDir, `${environment}.json`);
  const file = path.relative(process.cwd(), absolute) || absolute;
  if (!ENVIRONMENT_NAME.test(environment)) {
    throw new ConfigError(file, [
      {
        pointer: '',
        expected: `an environment name of 2 to 10 lower-case letters and digits (${ENVIRONMENT_NAME})`,
        found: JSON.stringify(environment),
        hint: 'The file name is the environment name: rename the file, e.g. config/dev.json.',
      },
    ]);
  }
  if (!existsSync(absolute)) {
    const known = existsSync(configDir) ? listEnvironments(configDir) : [];
    throw new ConfigError(file, [
      {
        pointer: '',
        expected: 'a config file',
        found: 'no such file',
        hint: `Known environments: ${known.join(', ') || 'none'}. To add one, copy config/dev.json to ${file} and edit it.`,
      },
    ]);
  }
  return parseEnvironmentConfig(environment, file, readFileSync(absolute, 'utf8'), configDir);
}

/** Reads every environment's config; throws one error that lists the problems of all bad files. */
export function loadAllConfigs(configDir = DEFAULT_CONFIG_DIR): EnvironmentConfig[] {
  const configs: EnvironmentConfig[] = [];
  const errors: ConfigError[] = [];
  for (const environment of listEnvironments(configDir)) {
    try {
      configs.push(loadEnvironmentConfig(environment, configDir));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, errors.map((e) => e.message).join('\n\n'));
  return configs;
}

/** Validates one file's text: strict JSON, then the schema, then the rules a schema cannot express. */
export function parseEnvironmentConfig(
  environment: string,
  file: string,
  text: string,
  configDir = DEFAULT_CONFIG_DIR,
): EnvironmentConfig {
  const locations = new JsonLocations(text);
  const syntaxErrors: ParseError[] = [];
  const data: unknown = parse(text, syntaxErrors, { disallowComments: true, allowTrailingComma: false });
  if (syntaxErrors.length > 0) throw new ConfigError(file, locations.syntaxProblems(syntaxErrors));

  const validate = schemaValidator(configDir);
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => schemaProblem(e, locations));
    throw new ConfigError(
      file,
      problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
    );
  }
  const { $schema: _editorHint, ...fields } = data as Record<string, unknown>;
  const config = { iamUsers: [], ...fields, environment, file } as unknown as EnvironmentConfig;
  const problems = semanticProblems(config).map((p) => ({ ...p, ...locations.locate(p.pointer) }));
  if (problems.length > 0) throw new ConfigError(file, problems);
  return config;
}

const validators = new Map<string, ReturnType<Ajv2020['compile']>>();

function schemaValidator(configDir: string) {
  let validate = validators.get(configDir);
  if (!validate) {
    const schema = JSON.parse(readFileSync(path.join(configDir, SCHEMA_FILE), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
    addFormats.default(ajv, ['email']);
    validate = ajv.compile(schema);
    validators.set(configDir, validate);
  }
  return validate;
}

function schemaProblem(error: ErrorObject, locations: JsonLocations): ConfigProblem {
  const parent = (error.parentSchema ?? {}) as {
    description?: string;
    properties?: Record<string, { description?: string }>;
  };
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const key = String(params.missingProperty);
      return {
        pointer: `${error.instancePath}/${key}`,
        ...locations.locate(error.instancePath),
        expected: `the required key "${key}"`,
        found: 'no such key',
        hint: parent.properties?.[key]?.description,
      };
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys(parent.properties ?? {});
      const pointer = `${error.instancePath}/${key}`;
      return {
        pointer,
        ...locations.locate(pointer, true),
        expected: `one of the keys ${allowed.join(', ')}`,
        found: `the unknown key "${key}"`,
        hint: closestKey(key, allowed) ? `Did you mean "${closestKey(key, allowed)}"?` : 'Remove the key.',
      };
    }
    default:
      return {
        pointer: error.instancePath,
        ...locations.locate(error.instancePath),
        expected: expectation(error, params),
        found: describeValue(error.data),
        hint: parent.description,
      };
  }
}

function expectation(error: ErrorObject, params: Record<string, unknown>): string {
  switch (error.keyword) {
    case 'type':
      return `a value of type ${params.type}`;
    case 'enum':
      return `one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return JSON.stringify(params.allowedValue);
    case 'format':
      return params.format === 'email' ? 'an e-mail address' : `a string in ${params.format} format`;
    case 'pattern':
      return `a string matching ${params.pattern}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `a number ${params.comparison} ${params.limit}`;
    default:
      return `a value that ${error.message}`;
  }
}

/** The allowed key within edit distance 2 of a mistyped one (case-insensitive), if any. */
function closestKey(key: string, allowed: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of allowed) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
