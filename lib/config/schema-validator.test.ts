import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaValidator } from './schema-validator.ts';

const cacheDir = mkdtempSync(path.join(tmpdir(), 'launchpad-validators-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    email: { type: 'string', format: 'email' },
    size: { type: 'integer', minimum: 1, default: 3 },
  },
};

describe('schemaValidator', () => {
  it('validates the same when compiled and when read back from its cache, defaults and formats included', () => {
    const options = { cacheDir, useDefaults: true, formats: ['email'] as const };
    const compiled = schemaValidator(SCHEMA, options);
    expect(readdirSync(cacheDir)).toHaveLength(1);
    const cached = schemaValidator(SCHEMA, options);
    expect(cached).not.toBe(compiled);

    for (const validate of [compiled, cached]) {
      const data: Record<string, unknown> = { email: 'someone@example.com' };
      expect(validate(data)).toBe(true);
      expect(data.size).toBe(3);
      expect(validate({ email: 'not an address', size: 0, extra: true })).toBe(false);
      expect(validate.errors?.map((e) => [e.instancePath, e.keyword])).toEqual([
        ['', 'additionalProperties'],
        ['/email', 'format'],
        ['/size', 'minimum'],
      ]);
      // verbose: each error carries the value it found, which the messages quote.
      expect(validate.errors?.[1]?.data).toBe('not an address');
    }
  });

  it('compiles a changed schema or changed options anew', () => {
    const before = readdirSync(cacheDir).length;
    schemaValidator({ ...SCHEMA, required: ['email'] }, { cacheDir, formats: ['email'] });
    schemaValidator(SCHEMA, { cacheDir, formats: ['email'], strict: false });
    expect(readdirSync(cacheDir)).toHaveLength(before + 2);
  });

  it('still validates where the cache cannot be written', () => {
    const validate = schemaValidator(SCHEMA, {
      // A folder inside a file: mkdir fails with ENOTDIR.
      cacheDir: path.join(import.meta.filename, 'validators'),
      formats: ['email'],
    });
    expect(validate({ size: 2 })).toBe(true);
    expect(validate({ size: 'two' })).toBe(false);
  });
});
