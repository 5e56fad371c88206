import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import { ConfigError } from '../../config/config-error.ts';
import { pointerSegment } from '../../config/json-locations.ts';
import { schemaProblems } from '../../config/schema-problems.ts';
import { schemaValidator } from '../../config/schema-validator.ts';
import { COST_MODELS } from '../models/index.ts';
import { usageSchema } from './usage-schema.ts';
import { YamlLocations } from './yaml-locations.ts';

export type UsageValues = Readonly<Record<string, number>>;

/** A parsed, validated usage file (config/usage/<env>.yml). */
export interface UsageFile {
  readonly file: string;
  readonly types: Readonly<Record<string, UsageValues>>;
  readonly resources: Readonly<Record<string, UsageValues>>;
  /** Where each resource key sits in the file, for messages about keys that match no resource. */
  readonly lineOf: (key: string) => number;
}

export const DEFAULT_USAGE_DIR = path.resolve(import.meta.dirname, '../../../config/usage');

/** The usage file of an environment, or undefined when it has none (model defaults then apply). */
export function environmentUsageFile(environment: string, dir = DEFAULT_USAGE_DIR): UsageFile | undefined {
  const file = path.join(dir, `${environment}.yml`);
  return existsSync(file) ? loadUsageFile(file) : undefined;
}

let validate: ValidateFunction | undefined;

/** Reads and validates a usage file; throws ConfigError naming the line, the pointer, and what was expected. */
export function loadUsageFile(absolute: string): UsageFile {
  const file = path.relative(process.cwd(), absolute) || absolute;
  if (!existsSync(absolute)) {
    throw new ConfigError(file, [
      {
        pointer: '',
        expected: 'a usage file',
        found: 'no such file',
        hint: 'Copy config/usage/dev.yml and edit it.',
      },
    ]);
  }
  const lines = new LineCounter();
  const document = parseDocument(readFileSync(absolute, 'utf8'), { lineCounter: lines, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      file,
      document.errors.map((error) => ({
        pointer: '',
        line: error.linePos?.[0].line,
        column: error.linePos?.[0].col,
        expected: 'valid YAML',
        found: error.message.split('\n')[0] ?? error.code,
      })),
    );
  }
  const data = (document.toJS() ?? {}) as {
    types?: Record<string, UsageValues>;
    resources?: Record<string, UsageValues>;
  };
  validate ??= schemaValidator(usageSchema(COST_MODELS));
  if (!validate(data)) {
    throw new ConfigError(
      file,
      schemaProblems(validate.errors ?? [], new YamlLocations(document, lines)),
      'config/usage/schema.json',
    );
  }
  const locations = new YamlLocations(document, lines);
  return {
    file,
    types: data.types ?? {},
    resources: data.resources ?? {},
    lineOf: (key) => locations.locate(`/resources/${pointerSegment(key)}`, true).line,
  };
}
