import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { ConfigError } from './config-error.ts';
import type { EnvironmentConfig } from './environment-config.ts';
import { schemaProblems } from './schema-problems.ts';
import { schemaFileValidator } from './schema-validator.ts';
import { semanticProblems } from './semantic-rules.ts';
import { parseStrictJson } from './strict-json.ts';

/** The repository's config folder. */
export const DEFAULT_CONFIG_DIR = path.resolve(import.meta.dirname, '../../config');
const SCHEMA_FILE = 'schema.json';
/** Shown in error messages: where every field is described. */
const SCHEMA_SHOWN = 'config/schema.json';
/** Files in config/ that are not environments. */
const NOT_ENVIRONMENTS = new Set([SCHEMA_FILE, 'diagram.json']);
/** Deployment order of the usual environments; any others follow alphabetically. */
const PROMOTION_ORDER = ['dev', 'stage', 'prod'];
const ENVIRONMENT_NAME = /^[a-z][a-z0-9]{1,9}$/;

/** Environment names that have a config file, in promotion order (dev, stage, prod, then the rest). */
export function listEnvironments(configDir = DEFAULT_CONFIG_DIR): string[] {
  const names = readdirSync(configDir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json') && !NOT_ENVIRONMENTS.has(f))
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
  const { data, locations } = parseStrictJson(text, file, SCHEMA_SHOWN);

  const validate = configValidator(configDir);
  if (!validate(data)) {
    throw new ConfigError(file, schemaProblems(validate.errors ?? [], locations), SCHEMA_SHOWN);
  }
  const { $schema: _editorHint, ...fields } = data as Record<string, unknown>;
  const config = { iamUsers: [], ...fields, environment, file } as unknown as EnvironmentConfig;
  const problems = semanticProblems(config).map((p) => ({ ...p, ...locations.locate(p.pointer) }));
  if (problems.length > 0) throw new ConfigError(file, problems, SCHEMA_SHOWN);
  return config;
}

const validators = new Map<string, ValidateFunction>();

function configValidator(configDir: string): ValidateFunction {
  let validate = validators.get(configDir);
  if (!validate) {
    // useDefaults fills in the optional settings with the defaults the schema documents.
    validate = schemaFileValidator(path.join(configDir, SCHEMA_FILE), {
      useDefaults: true,
      formats: ['email'],
    });
    validators.set(configDir, validate);
  }
  return validate;
}
