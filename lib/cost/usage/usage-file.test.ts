import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/config-error.ts';
import { COST_MODELS } from '../models/index.ts';
import { DEFAULT_USAGE_DIR, environmentUsageFile, loadUsageFile } from './usage-file.ts';
import { usageSchema } from './usage-schema.ts';

function write(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'launchpad-usage-')), 'dev.yml');
  writeFileSync(file, text);
  return file;
}

const problemsOf = (text: string) => {
  try {
    loadUsageFile(write(text));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('usage files', () => {
  it('the committed schema is the one the cost models generate (run npm run cost -- --write-usage-schema)', () => {
    const committed = JSON.parse(readFileSync(path.join(DEFAULT_USAGE_DIR, 'schema.json'), 'utf8'));
    expect(committed).toEqual(usageSchema(COST_MODELS));
  });

  it.each(['dev', 'stage', 'prod'])('config/usage/%s.yml is valid', (environment) => {
    const file = environmentUsageFile(environment);
    expect(file?.resources).toBeDefined();
    expect(file?.types['AWS::S3::Bucket']).toBeDefined();
  });

  it('reads types and resources', () => {
    const usage = loadUsageFile(
      write(
        'version: 1\ntypes:\n  AWS::Lambda::Function:\n    requests: 5\nresources:\n  a/B:\n    standardGb: 2\n',
      ),
    );
    expect(usage.types).toEqual({ 'AWS::Lambda::Function': { requests: 5 } });
    expect(usage.resources).toEqual({ 'a/B': { standardGb: 2 } });
    expect(usage.lineOf('a/B')).toBe(6);
  });

  it('names the line, pointer, expectation and finding of each problem', () => {
    expect(problemsOf('version: 1\ntypes:\n  AWS::Lambda::Function:\n    request: 5\n')).toEqual([
      expect.objectContaining({
        pointer: '/types/AWS::Lambda::Function/request',
        line: 4,
        found: 'the unknown key "request"',
        hint: 'Did you mean "requests"?',
      }),
    ]);
    expect(problemsOf('version: 1\ntypes:\n  AWS::S3::Bucket:\n    standardGb: -1\n')).toEqual([
      expect.objectContaining({
        pointer: '/types/AWS::S3::Bucket/standardGb',
        line: 4,
        expected: 'a number >= 0',
        found: 'number -1',
      }),
    ]);
    expect(problemsOf('version: 1\ntypes:\n  AWS::Made::Up:\n    x: 1\n')[0]).toMatchObject({
      pointer: '/types/AWS::Made::Up',
      line: 3,
    });
    expect(problemsOf('types: {}\n')[0]).toMatchObject({ expected: 'the required key "version"' });
    expect(problemsOf('version: 1\nresources:\n  a: [1\n')[0]).toMatchObject({
      expected: 'valid YAML',
      line: expect.any(Number),
    });
  });

  it('a missing file says how to start one', () => {
    expect(() => loadUsageFile('/nonexistent/usage.yml')).toThrow(
      /no such file[\s\S]*Copy config\/usage\/dev\.yml/,
    );
  });
});
