import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { JsonLocations } from './json-locations.ts';
import { schemaProblems } from './schema-problems.ts';

/** Validates `text` against `schema` and translates ajv's errors. */
function problemsOf(schema: object, text: string) {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
  addFormats.default(ajv, ['date']);
  const validate = ajv.compile(schema);
  expect(validate(JSON.parse(text))).toBe(false);
  return schemaProblems(validate.errors ?? [], new JsonLocations(text));
}

describe('schemaProblems', () => {
  it('reports a key that fails propertyNames once, at the key, with the rule’s description', () => {
    const schema = {
      type: 'object',
      propertyNames: { pattern: '^[a-z]+$', description: 'Lower-case names only.' },
    };
    const text = '{\n  "good": 1,\n  "Bad/Key": 2\n}';
    expect(problemsOf(schema, text)).toEqual([
      {
        pointer: '/Bad~1Key',
        line: 3,
        column: 3,
        expected: 'a key matching ^[a-z]+$',
        found: 'the key "Bad/Key"',
        hint: 'Lower-case names only.',
      },
    ]);
  });

  it('says what a date looks like', () => {
    const schema = { type: 'object', properties: { day: { type: 'string', format: 'date' } } };
    expect(problemsOf(schema, '{"day": "25/11/2026"}')).toMatchObject([
      { pointer: '/day', expected: 'a date YYYY-MM-DD', found: 'string "25/11/2026"' },
    ]);
  });
});
