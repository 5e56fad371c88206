import { type CostModel, HOURS_PER_MONTH } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * Classic Load Balancers (the previous generation, still common in older templates): hours, idle or not,
 * and data processed.
 *
 * Pricing: https://aws.amazon.com/elasticloadbalancing/pricing/
 */
export const classicLoadBalancer: CostModel = {
  types: ['AWS::ElasticLoadBalancing::LoadBalancer'],
  service: 'Elastic Load Balancing',
  usage: {
    processedGb: { description: 'Data processed by the load balancer per month', unit: 'GB', default: 1 },
  },
  prices: [
    {
      service: PRICE_SERVICES.elb,
      queries: [
        {
          id: 'elb.classic.hours',
          unit: 'Hrs',
          description: 'Classic Load Balancer hour',
          usageType: 'LoadBalancerUsage',
          attributes: { productFamily: 'Load Balancer' },
        },
        {
          id: 'elb.classic.data',
          unit: 'GB',
          description: 'Classic Load Balancer data processed',
          usageType: 'DataProcessing-Bytes',
          attributes: { productFamily: 'Load Balancer' },
        },
      ],
    },
  ],
  components: ({ usage }) => [
    {
      name: 'Classic Load Balancer hours',
      priceId: 'elb.classic.hours',
      quantity: HOURS_PER_MONTH,
      idle: true,
      basis: '730 h',
    },
    {
      name: 'Data processed',
      priceId: 'elb.classic.data',
      quantity: usage('processedGb'),
      basis: 'processedGb',
    },
  ],
};
