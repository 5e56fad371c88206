import type { InventoryResource } from '../../assembly/types.ts';
import { type CostModel, HOURS_PER_MONTH, numberProperty, stringProperty } from './cost-model.ts';
import type { PriceQuery } from './price-query.ts';
import { PRICE_SERVICES } from './price-services.ts';

/** CloudFormation's engine names with the Price List's `cacheEngine`. */
const ENGINES: Readonly<Record<string, string>> = {
  redis: 'Redis',
  memcached: 'Memcached',
  valkey: 'Valkey',
};

/** Catalog id of an engine's on-demand node hour, e.g. `elasticache.redis.cache.t3.micro`. */
const cacheNodePriceId = (engine: string, nodeType: string) => `elasticache.${engine}.${nodeType}`;

/** The Price List query of one engine and node type; the refresh fills every type with it. */
export function cacheNodeQuery(engine: string, nodeType: string): PriceQuery {
  return {
    id: cacheNodePriceId(engine, nodeType),
    unit: 'Hrs',
    description: `ElastiCache ${ENGINES[engine] ?? engine} ${nodeType} node, on-demand`,
    usageType: `NodeUsage:${nodeType}`,
    attributes: { cacheEngine: ENGINES[engine] ?? engine },
  };
}

/** The engine and node type pairs whose price is bundled (verified, see the catalog's notes). */
const BUNDLED: readonly (readonly [string, string])[] = [
  ['redis', 'cache.t3.micro'],
  ['memcached', 'cache.m4.large'],
];

/**
 * ElastiCache node-based caches: node hours by engine and node type × nodes, for cache clusters
 * (NumCacheNodes) and replication groups (primaries and replicas of every shard).
 *
 * Pricing: https://aws.amazon.com/elasticache/pricing/
 */
export const cacheCluster: CostModel = {
  types: ['AWS::ElastiCache::CacheCluster', 'AWS::ElastiCache::ReplicationGroup'],
  service: 'Amazon ElastiCache',
  usage: {},
  prices: [
    {
      service: PRICE_SERVICES.elastiCache,
      queries: BUNDLED.map(([engine, nodeType]) => cacheNodeQuery(engine, nodeType)),
    },
  ],
  unpriced: ({ resource }) => {
    const engine = stringProperty(resource, 'Engine', 'redis').toLowerCase();
    return engine in ENGINES ? undefined : `the ${engine} engine is not priced here`;
  },
  components: ({ resource }) => {
    const engine = stringProperty(resource, 'Engine', 'redis').toLowerCase();
    const nodeType = stringProperty(resource, 'CacheNodeType', 'cache.t3.micro');
    const { count, basis } = nodes(resource);
    return [
      {
        name: `Nodes (${engine}, ${nodeType})`,
        priceId: cacheNodePriceId(engine, nodeType),
        quantity: HOURS_PER_MONTH * count,
        idle: true,
        basis: `730 h × ${basis}`,
      },
    ];
  },
};

function nodes(resource: InventoryResource): { count: number; basis: string } {
  if (resource.type === 'AWS::ElastiCache::CacheCluster') {
    const count = numberProperty(resource, 'NumCacheNodes', 1);
    return { count, basis: `${count} nodes (NumCacheNodes)` };
  }
  const clusters = numberProperty(resource, 'NumCacheClusters', 0);
  if (clusters > 0) return { count: clusters, basis: `${clusters} nodes (NumCacheClusters)` };
  const groups = resource.properties.NodeGroupConfiguration;
  const replicas = numberProperty(resource, 'ReplicasPerNodeGroup', 0);
  if (Array.isArray(groups) && groups.length > 0) {
    const count = groups.reduce(
      (sum: number, g: { ReplicaCount?: unknown }) =>
        sum + 1 + (typeof g?.ReplicaCount === 'number' ? g.ReplicaCount : replicas),
      0,
    );
    return { count, basis: `${count} nodes (NodeGroupConfiguration: primaries + replicas)` };
  }
  const shards = numberProperty(resource, 'NumNodeGroups', 1);
  const count = shards * (replicas + 1);
  return { count, basis: `${count} nodes (${shards} shards × (1 + ${replicas} ReplicasPerNodeGroup))` };
}
