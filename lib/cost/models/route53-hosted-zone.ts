import type { CostModel } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * Route 53 hosted zones: a zone-month each, deployed or idle, and the standard DNS queries its records
 * answer (tiered). Queries to alias records that point at AWS resources are free; latency, geo and
 * IP-based routing queries cost more and are not priced here. Records cost nothing themselves.
 *
 * Pricing: https://aws.amazon.com/route53/pricing/
 */
export const hostedZone: CostModel = {
  types: ['AWS::Route53::HostedZone'],
  service: 'Amazon Route 53',
  usage: {
    queries: {
      description: 'Standard DNS queries answered per month (alias queries to AWS resources are free)',
      unit: 'queries',
      default: 0,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.route53,
      queries: [
        {
          id: 'route53.hosted-zone',
          unit: 'HostedZone',
          description: 'Route 53 hosted zone, per zone-month',
          usageType: 'HostedZone',
          global: true,
        },
        {
          id: 'route53.queries.standard',
          unit: 'Queries',
          description: 'Route 53 standard DNS queries',
          usageType: 'DNS-Queries',
          global: true,
        },
      ],
    },
  ],
  components: ({ usage }) => [
    { name: 'Hosted zone', priceId: 'route53.hosted-zone', quantity: 1, idle: true, basis: 'one zone' },
    {
      name: 'Standard queries',
      priceId: 'route53.queries.standard',
      quantity: usage('queries'),
      basis: 'queries',
    },
  ],
};
