/**
 * The diagram settings file: which environment the docs draw, the overview's size, reference edges, and
 * fold modes per resource type on top of the preset. Checked against its JSON Schema; a bad file stops
 * with the file, line, JSON pointer, what was expected and what was found (ConfigError, as for config/<env>.json).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ConfigError, type ConfigProblem, describeValue } from '../config/config-error.ts';
import type { JsonLocations } from '../config/json-locations.ts';
import { DEFAULT_CONFIG_DIR, listEnvironments } from '../config/load-config.ts';
import { schemaProblems } from '../config/schema-problems.ts';
import { schemaFileValidator } from '../config/schema-validator.ts';
import { parseStrictJson } from '../config/strict-json.ts';
import type { FoldMode } from './resource-catalog.ts';

export interface DiagramConfig {
  /** The file read, relative to the working directory; undefined for the defaults. */
  readonly file?: string;
  /** The environment the docs draw. @default 'dev' */
  readonly environment: string;
  /** @default 40 */
  readonly overviewMaxNodes: number;
  /** @default no limit */
  readonly phaseMaxNodes?: number;
  /** @default true */
  readonly referenceEdges: boolean;
  /** Fold modes on top of the preset. @default {} */
  readonly fold: Readonly<Record<string, FoldMode>>;
}

export const DEFAULT_DIAGRAM_CONFIG: DiagramConfig = Object.freeze({
  environment: 'dev',
  overviewMaxNodes: 40,
  referenceEdges: true,
  // Alarms are many and connect to nothing but the alerts topic: the docs list them, the pictures leave them out.
  fold: Object.freeze({ 'AWS::CloudWatch::Alarm': 'drop' }),
});

/** Where the settings are read from; lib/config/load-config.ts knows it is not an environment. */
export const DIAGRAM_CONFIG_FILE = path.resolve(import.meta.dirname, '../../config/diagram.json');
export const DIAGRAM_SCHEMA_FILE = path.resolve(import.meta.dirname, '../../config/diagram.schema.json');

const SCHEMA_SHOWN = 'config/diagram.schema.json';

export interface LoadDiagramConfigOptions {
  /** Environments that exist, to check `environment` against. @default those of config/ */
  readonly environments?: readonly string[];
}

/**
 * Reads and checks the settings file. The default file may be missing (the defaults apply); a file given
 * by name must exist.
 */
export function loadDiagramConfig(
  file: string = DIAGRAM_CONFIG_FILE,
  options: LoadDiagramConfigOptions = {},
): DiagramConfig {
  const absolute = path.resolve(file);
  const shown = path.relative(process.cwd(), absolute) || absolute;
  if (!existsSync(absolute)) {
    if (absolute === DIAGRAM_CONFIG_FILE) return DEFAULT_DIAGRAM_CONFIG;
    throw new ConfigError(
      shown,
      [{ pointer: '', expected: 'a diagram settings file', found: 'no such file' }],
      SCHEMA_SHOWN,
    );
  }
  return parseDiagramConfig(readFileSync(absolute, 'utf8'), shown, options);
}

/** Checks one settings text: strict JSON, the schema, then that the environment exists. */
export function parseDiagramConfig(
  text: string,
  file: string,
  options: LoadDiagramConfigOptions = {},
): DiagramConfig {
  const { data, locations } = parseStrictJson(text, file, SCHEMA_SHOWN);

  const validate = validator();
  if (!validate(data))
    throw new ConfigError(file, problemsOf(validate.errors ?? [], locations), SCHEMA_SHOWN);

  const fields = data as Partial<Omit<DiagramConfig, 'file'>>;
  const config: DiagramConfig = {
    file,
    environment: fields.environment ?? DEFAULT_DIAGRAM_CONFIG.environment,
    overviewMaxNodes: fields.overviewMaxNodes ?? DEFAULT_DIAGRAM_CONFIG.overviewMaxNodes,
    phaseMaxNodes: fields.phaseMaxNodes,
    referenceEdges: fields.referenceEdges ?? DEFAULT_DIAGRAM_CONFIG.referenceEdges,
    fold: fields.fold ?? DEFAULT_DIAGRAM_CONFIG.fold,
  };
  const environments = options.environments ?? listEnvironments(DEFAULT_CONFIG_DIR);
  if (!environments.includes(config.environment)) {
    throw new ConfigError(
      file,
      [
        {
          pointer: '/environment',
          ...locations.locate('/environment'),
          expected: `an environment with a config file (${environments.join(', ') || 'none'})`,
          found: describeValue(config.environment),
          hint: `The diagrams are drawn from config/${config.environment}.json's stacks.`,
        },
      ],
      SCHEMA_SHOWN,
    );
  }
  return config;
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= schemaFileValidator(DIAGRAM_SCHEMA_FILE);
  return compiled;
}

/**
 * ajv reports a bad key of `fold` twice (its pattern, and `propertyNames` on the whole object) and at the
 * object's pointer: one problem at the key itself instead.
 */
function problemsOf(errors: readonly ErrorObject[], locations: JsonLocations): ConfigProblem[] {
  const keyProblems: ConfigProblem[] = [];
  const rest: ErrorObject[] = [];
  for (const error of errors) {
    if (error.keyword === 'propertyNames') continue;
    const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
    if (propertyName === undefined) {
      rest.push(error);
      continue;
    }
    const pointer = `${error.instancePath}/${propertyName.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    keyProblems.push({
      pointer,
      ...locations.locate(pointer, true),
      expected:
        'a CloudFormation resource type such as "AWS::KMS::Key", or a prefix ending in "::*" such as "Custom::*"',
      found: `the key ${JSON.stringify(propertyName)}`,
    });
  }
  return [...schemaProblems(rest, locations), ...keyProblems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
