import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PriceCatalog } from '../catalog/price-catalog.ts';
import { freeReason } from './free-types.ts';
import { allPriceIds, COST_MODELS, MODEL_FILES, modelFor, PRICE_QUERY_SETS } from './index.ts';
import { declaredPriceIds } from './model-test-kit.ts';
import { PRICE_SERVICES } from './price-services.ts';
import { s3Bucket } from './s3-bucket.ts';

const BUNDLED: PriceCatalog = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '../catalog/us-east-1.json'), 'utf8'),
);
const queries = PRICE_QUERY_SETS.flatMap((set) => set.queries);
/** Price ids the models query but the bundled snapshot leaves out, each saying why. */
const UNVERIFIED = new Set(queries.filter((q) => q.unverified !== undefined).map((q) => q.id));
/** Files beside the models that are not models. */
const NOT_MODELS = [
  'cost-model.ts',
  'free-types.ts',
  'index.ts',
  'model-test-kit.ts',
  'price-query.ts',
  'price-services.ts',
];

describe('the model registry', () => {
  it('has one model per type, and no type both modelled and free', () => {
    const types = COST_MODELS.flatMap((m) => m.types);
    expect(new Set(types).size).toBe(types.length);
    expect(types.filter((t) => freeReason(t))).toEqual([]);
    expect(modelFor('AWS::S3::Bucket')).toBe(s3Bucket);
    expect(modelFor('AWS::Made::Up')).toBeUndefined();
    expect(freeReason('Custom::Anything')).toMatch(/custom resources/);
  });

  it('declares every usage field with a description, unit and non-negative default', () => {
    for (const model of COST_MODELS) {
      for (const [name, field] of Object.entries(model.usage)) {
        expect(field.description, `${model.types[0]}.${name}`).not.toBe('');
        expect(field.unit, `${model.types[0]}.${name}`).not.toBe('');
        expect(field.default, `${model.types[0]}.${name}`).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('registers every model file under its own name, each with its test beside it', async () => {
    const files = readdirSync(import.meta.dirname).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !NOT_MODELS.includes(f),
    );
    expect(Object.keys(MODEL_FILES).sort()).toEqual(files.sort());
    for (const [file, model] of Object.entries(MODEL_FILES)) {
      const module: Record<string, unknown> = await import(`./${file}`);
      expect(Object.values(module), file).toContain(model);
      expect(existsSync(path.join(import.meta.dirname, file.replace(/\.ts$/, '.test.ts'))), file).toBe(true);
    }
  });
});

describe('the price queries the models declare', () => {
  it('cover exactly the price ids of the bundled catalog, once each, in the same order', () => {
    const ids = allPriceIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !UNVERIFIED.has(id))).toEqual(Object.keys(BUNDLED.prices));
  });

  it('leave out of the bundled catalog only the prices they say could not be verified, and why', () => {
    for (const query of queries.filter((q) => q.unverified !== undefined)) {
      expect(BUNDLED.prices[query.id], query.id).toBeUndefined();
      expect(query.unverified?.length, query.id).toBeGreaterThan(20);
    }
  });

  it('use the bundled catalog units and free allowances, so refreshed files read the same way', () => {
    for (const query of queries.filter((q) => !UNVERIFIED.has(q.id))) {
      const bundled = BUNDLED.prices[query.id];
      expect({ id: query.id, unit: query.unit }).toEqual({ id: query.id, unit: bundled?.unit });
      expect({ id: query.id, free: query.alwaysFree?.quantity, pool: query.alwaysFree?.pool }).toEqual({
        id: query.id,
        free: bundled?.alwaysFree?.quantity,
        pool: bundled?.alwaysFree?.pool,
      });
    }
  });

  it('give every query something to match besides the region: a usage type or attributes', () => {
    for (const query of queries) {
      expect(query.usageType !== undefined || Object.keys(query.attributes ?? {}).length > 0, query.id).toBe(
        true,
      );
    }
  });

  it('are gathered by service in the order of PRICE_SERVICES, each naming the model file that declares it', () => {
    const services = Object.values(PRICE_SERVICES).map((s) => s.label);
    expect(PRICE_QUERY_SETS.map((set) => set.label)).toEqual(services);
    for (const query of queries) {
      const file = path.basename(query.declaredIn);
      expect(query.declaredIn).toBe(`lib/cost/models/${file}`);
      const model = MODEL_FILES[file];
      expect(model && declaredPriceIds(model), query.id).toContain(query.id);
    }
    const cloudWatch = PRICE_QUERY_SETS.find((set) => set.label === 'CloudWatch');
    expect(cloudWatch?.queries.map((q) => path.basename(q.declaredIn))).toEqual([
      'logs-log-group.ts',
      'logs-log-group.ts',
      'logs-metric-filter.ts',
      'cloudwatch-alarm.ts',
      'cloudwatch-alarm.ts',
      'cloudwatch-dashboard.ts',
    ]);
  });
});
