import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR, listEnvironments } from './load-config.ts';
import { PHASE_NAMES } from './phases.ts';

type SchemaNode = { description?: string; properties?: Record<string, SchemaNode>; items?: SchemaNode };
const schema = JSON.parse(readFileSync(path.join(DEFAULT_CONFIG_DIR, 'schema.json'), 'utf8'));

/** JSON pointers of schema nodes that lack a description. */
function undescribed(node: SchemaNode, at: string): string[] {
  const own = node.description ? [] : [at];
  const children = Object.entries(node.properties ?? {}).flatMap(([key, child]) =>
    undescribed(child, `${at}/${key}`),
  );
  return [...own, ...children, ...(node.items ? undescribed(node.items, `${at}/items`) : [])];
}

describe('config/schema.json', () => {
  it('is JSON Schema 2020-12 and describes every field', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(undescribed(schema, '')).toEqual([]);
  });

  it('has a switch for every phase the app knows', () => {
    expect(Object.keys(schema.properties.phases.properties)).toEqual([...PHASE_NAMES]);
  });

  it('is referenced by every config file, so editors complete them', () => {
    for (const environment of listEnvironments()) {
      const file = JSON.parse(readFileSync(path.join(DEFAULT_CONFIG_DIR, `${environment}.json`), 'utf8'));
      expect(file.$schema, environment).toBe('./schema.json');
    }
  });
});
