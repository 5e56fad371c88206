/**
 * JSON Schema validators for our config, usage, catalog and output files, compiled once per schema change.
 * ajv turns a schema into JavaScript, which takes tens of milliseconds per schema: at every start of a
 * command, that was most of the time a small command took. The generated module (ajv's standalone code) is
 * kept in node_modules/.cache/launchpad/validators and required from there while the schema, the options
 * and ajv's version stay the same; where that folder cannot be written, the validator is compiled as before.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormats from 'ajv-formats';
import { CACHE_ROOT, writeCacheFile } from './cache-file.ts';

const require = createRequire(import.meta.url);
const AJV_VERSION: string = require('ajv/package.json').version;

export const VALIDATOR_CACHE_DIR = path.join(CACHE_ROOT, 'validators');

export interface ValidatorOptions {
  /** Fill in missing properties with the defaults the schema documents. @default false */
  readonly useDefaults?: boolean;
  /** ajv-formats formats to check, e.g. `email`, `date`. @default none */
  readonly formats?: readonly ('email' | 'date')[];
  /** ajv's strict mode, which rejects unknown keywords in the schema. @default true */
  readonly strict?: boolean;
  /** Where compiled validators are kept. @default {@link VALIDATOR_CACHE_DIR} */
  readonly cacheDir?: string;
}

/** A validator reporting every error, each with the schema and the data it concerns (`verbose`). */
export function schemaValidator(schema: object, options: ValidatorOptions = {}): ValidateFunction {
  const settings = {
    allErrors: true,
    verbose: true,
    strict: options.strict ?? true,
    useDefaults: options.useDefaults ?? false,
  };
  const formats = [...(options.formats ?? [])];
  const key = createHash('sha256')
    .update(JSON.stringify([AJV_VERSION, settings, formats, schema]))
    .digest('hex')
    .slice(0, 24);
  const file = path.join(options.cacheDir ?? VALIDATOR_CACHE_DIR, `${key}.cjs`);
  if (existsSync(file)) return require(file) as ValidateFunction;

  // The generated code requires ajv's runtime and ajv-formats' checks, as the compiled function would use them.
  const ajv = new Ajv2020({
    ...settings,
    code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
  });
  if (formats.length > 0) addFormats.default(ajv, formats);
  const validate = ajv.compile(schema);
  writeCacheFile(file, standaloneCode(ajv, validate));
  return validate;
}

/** {@link schemaValidator} of a schema file. */
export function schemaFileValidator(schemaFile: string, options: ValidatorOptions = {}): ValidateFunction {
  return schemaValidator(JSON.parse(readFileSync(schemaFile, 'utf8')), options);
}
