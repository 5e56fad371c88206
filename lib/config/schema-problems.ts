import type { ErrorObject } from 'ajv';
import { closeMatches } from './close-matches.ts';
import { type ConfigProblem, describeValue } from './config-error.ts';
import { pointerSegment } from './json-locations.ts';

/** What a value of each ajv-formats format looks like, in words. */
const FORMATS: Readonly<Record<string, string>> = { email: 'an e-mail address', date: 'a date YYYY-MM-DD' };

/** Finds where a JSON pointer sits in a file (JSON or YAML), for messages with line and column. */
export interface Locator {
  locate(pointer: string, atKey?: boolean): { line: number; column: number };
}

/** Turns ajv's errors into config problems that say where, what was expected and what was found, in file order. */
export function schemaProblems(errors: readonly ErrorObject[], locations: Locator): ConfigProblem[] {
  return errors
    .filter((e) => e.keyword !== 'propertyNames') // ajv's summary of a bad key, reported by the key's own error
    .map((e) => schemaProblem(e, locations))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function schemaProblem(error: ErrorObject, locations: Locator): ConfigProblem {
  const parent = (error.parentSchema ?? {}) as {
    description?: string;
    properties?: Record<string, { description?: string }>;
  };
  const params = error.params as Record<string, unknown>;
  // A key that fails the object's `propertyNames` schema: point at the key itself, not at the object.
  if (error.propertyName !== undefined) {
    const pointer = `${error.instancePath}/${pointerSegment(error.propertyName)}`;
    return {
      pointer,
      ...locations.locate(pointer, true),
      expected:
        error.keyword === 'pattern' ? `a key matching ${params.pattern}` : `a key that ${error.message}`,
      found: `the key ${JSON.stringify(error.propertyName)}`,
      hint: parent.description,
    };
  }
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
      const [suggestion] = closeMatches(key, allowed, 2);
      const pointer = `${error.instancePath}/${key}`;
      return {
        pointer,
        ...locations.locate(pointer, true),
        expected: `one of the keys ${allowed.join(', ')}`,
        found: `the unknown key "${key}"`,
        hint: suggestion ? `Did you mean "${suggestion}"?` : 'Remove the key.',
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
      return FORMATS[String(params.format)] ?? `a string in ${params.format} format`;
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
