import { type CostModel, formatCount, HOURS_PER_MONTH, stringProperty } from './cost-model.ts';
import type { PriceQuery } from './price-query.ts';
import { PRICE_SERVICES } from './price-services.ts';

/** Engines priced, with the Price List's `cacheEngine` and the smallest data stored each meters (GB). */
const ENGINES = {
  redis: { label: 'Redis', minimumGb: 1, unverified: undefined },
  valkey: {
    label: 'Valkey',
    minimumGb: 0.1,
    unverified: 'only one third-party page states its us-east-1 rates, and a second contradicts it',
  },
} as const;
type Engine = keyof typeof ENGINES;

/**
 * ElastiCache Serverless caches: data stored (GB-hours, metered at no less than 1 GB for Redis OSS and
 * 100 MB for Valkey) and ElastiCache Processing Units (1 ECPU per KB read or written by a simple command).
 * Serverless Memcached is not priced here.
 *
 * Pricing: https://aws.amazon.com/elasticache/pricing/
 */
export const serverlessCache: CostModel = {
  types: ['AWS::ElastiCache::ServerlessCache'],
  service: 'Amazon ElastiCache',
  usage: {
    dataGb: { description: 'Average data stored in the cache', unit: 'GB', default: 1 },
    ecpus: {
      description: 'ElastiCache Processing Units per month (about 1 per simple read or write of up to 1 KB)',
      unit: 'ECPUs',
      default: 10_000_000,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.elastiCache,
      queries: (Object.entries(ENGINES) as [Engine, (typeof ENGINES)[Engine]][]).flatMap(
        ([engine, { label, unverified }]): PriceQuery[] => [
          {
            id: `elasticache.serverless.${engine}.storage`,
            unit: 'GB-Hrs',
            description: `ElastiCache Serverless for ${label} data stored`,
            usageType: 'CachedData',
            attributes: { cacheEngine: label },
            apiUnits: { 'GB-Hrs': 1, 'GB-Hours': 1 },
            ...(unverified ? { unverified } : {}),
          },
          {
            id: `elasticache.serverless.${engine}.ecpu`,
            unit: 'ECPUs',
            description: `ElastiCache Serverless for ${label} processing units`,
            usageType: 'ElastiCacheProcessingUnits',
            attributes: { cacheEngine: label },
            apiUnits: { ECPU: 1, ECPUs: 1 },
            ...(unverified ? { unverified } : {}),
          },
        ],
      ),
    },
  ],
  unpriced: ({ resource }) => {
    const engine = stringProperty(resource, 'Engine', 'redis').toLowerCase();
    return engine in ENGINES
      ? undefined
      : `serverless ${engine} caches are not priced here (priced: redis, valkey)`;
  },
  components: ({ resource, usage }) => {
    const engine = stringProperty(resource, 'Engine', 'redis').toLowerCase() as Engine;
    const { minimumGb } = ENGINES[engine];
    const gb = Math.max(usage('dataGb'), minimumGb);
    return [
      {
        name: 'Data stored',
        priceId: `elasticache.serverless.${engine}.storage`,
        quantity: HOURS_PER_MONTH * gb,
        idle: true,
        basis: `730 h × ${formatCount(gb)} GB (dataGb, at least ${minimumGb} GB metered)`,
        unit: 'GB-hours',
      },
      {
        name: 'ElastiCache Processing Units',
        priceId: `elasticache.serverless.${engine}.ecpu`,
        quantity: usage('ecpus'),
        basis: 'ecpus',
      },
    ];
  },
};
