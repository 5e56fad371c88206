import { describe, expect, it } from 'vitest';
import { cacheCluster, cacheNodeQuery } from './elasticache-cluster.ts';
import { componentsOf, monthlyCost, quantities, unpricedReason } from './model-test-kit.ts';

const GROUP = 'AWS::ElastiCache::ReplicationGroup';

describe('ElastiCache node-based caches', () => {
  it("matches Infracost's Memcached cluster of 2 cache.m4.large nodes: 1,460 h = $227.76", () => {
    const c = componentsOf(cacheCluster, {
      Engine: 'memcached',
      CacheNodeType: 'cache.m4.large',
      NumCacheNodes: 2,
    });
    expect(quantities(c)).toEqual({ 'elasticache.memcached.cache.m4.large': 1460 });
    expect(monthlyCost(c).before).toBeCloseTo(227.76, 6);
    expect(c[0]?.idle).toBe(true);
  });

  it('counts a replication group by NumCacheClusters, else shards × (1 + replicas), else its node groups', () => {
    const node = { CacheNodeType: 'cache.t3.micro' };
    expect(quantities(componentsOf(cacheCluster, { ...node, NumCacheClusters: 2 }, {}, GROUP))).toEqual({
      'elasticache.redis.cache.t3.micro': 1460,
    });
    expect(
      quantities(
        componentsOf(cacheCluster, { ...node, NumNodeGroups: 3, ReplicasPerNodeGroup: 1 }, {}, GROUP),
      ),
    ).toEqual({ 'elasticache.redis.cache.t3.micro': 730 * 6 });
    const groups = { ...node, NodeGroupConfiguration: [{ ReplicaCount: 2 }, {}] };
    expect(quantities(componentsOf(cacheCluster, groups, {}, GROUP))).toEqual({
      'elasticache.redis.cache.t3.micro': 730 * 4,
    });
    // One Redis cache.t3.micro node: 730 h × $0.017 = $12.41.
    expect(monthlyCost(componentsOf(cacheCluster, node, {}, GROUP)).before).toBeCloseTo(12.41, 6);
  });

  it('looks any engine and node type up under elasticache.<engine>.<type>', () => {
    expect(cacheNodeQuery('valkey', 'cache.t4g.small')).toMatchObject({
      id: 'elasticache.valkey.cache.t4g.small',
      usageType: 'NodeUsage:cache.t4g.small',
      attributes: { cacheEngine: 'Valkey' },
    });
    expect(unpricedReason(cacheCluster, { Engine: 'memcached' })).toBeUndefined();
    expect(unpricedReason(cacheCluster, { Engine: 'dragonfly' })).toMatch(/dragonfly engine/);
  });
});
