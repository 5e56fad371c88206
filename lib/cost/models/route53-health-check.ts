import type { InventoryResource } from '../../assembly/types.ts';
import { type CostModel, nestedProperty } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/** Endpoint checks Route 53 bills as a health check plus one optional feature per extra it performs. */
const ENDPOINT_TYPES = ['HTTP', 'HTTPS', 'HTTP_STR_MATCH', 'HTTPS_STR_MATCH', 'TCP'];

/**
 * Route 53 health checks of an endpoint: a health-check month each, plus a month of each optional feature it
 * uses (HTTPS, string matching, fast 10-second interval, latency measurement). The template cannot say whether
 * the endpoint runs on AWS (a domain name or IP address), so AWS endpoints are assumed, as Infracost does;
 * `nonAwsEndpoint` switches to the higher rates. Calculated, CloudWatch-alarm and recovery-control checks are
 * billed differently and not priced here.
 *
 * Pricing: https://aws.amazon.com/route53/pricing/
 */
export const healthCheck: CostModel = {
  types: ['AWS::Route53::HealthCheck'],
  service: 'Amazon Route 53',
  usage: {
    nonAwsEndpoint: {
      description: '1 if the checked endpoint runs outside AWS (higher rates), else 0',
      unit: 'flag',
      default: 0,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.route53,
      queries: [
        ['aws', 'AWS', 'AWS endpoint'],
        ['non-aws', 'NonAWS', 'endpoint outside AWS'],
      ].flatMap(([id, usage, label]) => [
        {
          id: `route53.health-check.${id}`,
          unit: 'Health-Check',
          description: `Route 53 health check of an ${label}, per month`,
          usageType: `Health-Check-${usage}`,
          global: true,
        },
        {
          id: `route53.health-check.option.${id}`,
          unit: 'Health-Check',
          description: `Route 53 health check optional feature, ${label}, per month`,
          usageType: `Health-Check-Option-${usage}`,
          global: true,
        },
      ]),
    },
  ],
  unpriced: ({ resource }) => {
    const type = checkType(resource);
    return typeof type === 'string' && !ENDPOINT_TYPES.includes(type)
      ? `a ${type} health check is billed differently from an endpoint check; not priced here`
      : undefined;
  },
  components: ({ resource, usage }) => {
    const where = usage('nonAwsEndpoint') > 0 ? 'non-aws' : 'aws';
    const features = optionalFeatures(resource);
    return [
      {
        name: 'Health check',
        priceId: `route53.health-check.${where}`,
        quantity: 1,
        idle: true,
        basis:
          where === 'aws'
            ? 'one check of an AWS endpoint (nonAwsEndpoint: 0)'
            : 'one check of an endpoint outside AWS',
        unit: 'months',
      },
      {
        name: 'Optional features',
        priceId: `route53.health-check.option.${where}`,
        quantity: features.length,
        idle: true,
        basis: features.length > 0 ? features.join(', ') : 'none used',
        unit: 'feature-months',
      },
    ];
  },
};

const checkType = (resource: InventoryResource) => nestedProperty(resource, ['HealthCheckConfig', 'Type']);

/** The optional features a check's configuration turns on, as the pricing page lists them. */
function optionalFeatures(resource: InventoryResource): string[] {
  const type = String(checkType(resource) ?? '');
  const interval = Number(nestedProperty(resource, ['HealthCheckConfig', 'RequestInterval']) ?? 30);
  const latency = nestedProperty(resource, ['HealthCheckConfig', 'MeasureLatency']);
  return [
    type.startsWith('HTTPS') && 'HTTPS',
    type.endsWith('_STR_MATCH') && 'string matching',
    interval === 10 && 'fast interval (10 s)',
    (latency === true || latency === 'true') && 'latency measurement',
  ].filter((f): f is string => typeof f === 'string');
}
