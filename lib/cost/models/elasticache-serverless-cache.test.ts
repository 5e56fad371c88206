import { describe, expect, it } from 'vitest';
import { serverlessCache } from './elasticache-serverless-cache.ts';
import { componentsOf, monthlyCost, quantities, unpricedReason, usageDefaults } from './model-test-kit.ts';

describe('ElastiCache Serverless caches', () => {
  it('bills GB-hours of data stored, at least 1 GB for Redis OSS, and ECPUs', () => {
    const c = componentsOf(serverlessCache, { Engine: 'redis' }, { dataGb: 0.2, ecpus: 1e9 });
    expect(quantities(c)).toEqual({
      'elasticache.serverless.redis.storage': 730,
      'elasticache.serverless.redis.ecpu': 1e9,
    });
    // 730 GB-hours × $0.125 + 1,000 million ECPUs × $0.0034/M.
    expect(monthlyCost(c).before).toBeCloseTo(91.25 + 3.4, 6);
    expect(c[0]?.unit).toBe('GB-hours');
  });

  it('meters Valkey from 100 MB; its price is not bundled (unverified) and is fetched by the refresh', () => {
    const c = componentsOf(serverlessCache, { Engine: 'valkey' }, { dataGb: 0 });
    expect(quantities(c)).toMatchObject({ 'elasticache.serverless.valkey.storage': 73 });
    const query = serverlessCache.prices[0]?.queries.find(
      (q) => q.id === 'elasticache.serverless.valkey.storage',
    );
    expect(query?.unverified).toBeDefined();
  });

  it('defaults to 1 GB and 10 million ECPUs, and does not price serverless Memcached', () => {
    expect(usageDefaults(serverlessCache)).toEqual({ dataGb: 1, ecpus: 10_000_000 });
    expect(unpricedReason(serverlessCache, { Engine: 'memcached' })).toMatch(/memcached/);
  });
});
