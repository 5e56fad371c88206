import { type CostModel, HOURS_PER_MONTH, stringProperty } from './cost-model.ts';
import type { PriceQuery } from './price-query.ts';
import { PRICE_SERVICES } from './price-services.ts';

/** Load balancer kinds priced, by the template's `Type`, with the Price List product family of each. */
const KINDS = {
  application: { label: 'Application', family: 'Load Balancer-Application', unitName: 'LCU' },
  network: { label: 'Network', family: 'Load Balancer-Network', unitName: 'NLCU' },
} as const;
type Kind = keyof typeof KINDS;

/**
 * Application and Network Load Balancers: hours, idle or not, and capacity units (LCU for ALB, NLCU for
 * NLB: the largest of new connections, active connections, processed bytes and, for ALB, rule evaluations,
 * each hour). Gateway Load Balancers are not priced here.
 *
 * Pricing: https://aws.amazon.com/elasticloadbalancing/pricing/
 */
export const loadBalancer: CostModel = {
  types: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
  service: 'Elastic Load Balancing',
  usage: {
    capacityUnits: {
      description:
        'Average capacity units used per hour (LCU for an ALB, NLCU for an NLB: 1 GB processed an hour is about 1)',
      unit: 'LCU',
      default: 1,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.elb,
      queries: (Object.entries(KINDS) as [Kind, (typeof KINDS)[Kind]][]).flatMap(
        ([kind, { label, family, unitName }]): PriceQuery[] => [
          {
            id: `elb.${kind}.hours`,
            unit: 'Hrs',
            description: `${label} Load Balancer hour`,
            usageType: 'LoadBalancerUsage',
            attributes: { productFamily: family },
          },
          {
            id: `elb.${kind}.capacity-units`,
            unit: 'LCU-Hrs',
            description: `${label} Load Balancer capacity unit (${unitName}) hour`,
            usageType: 'LCUUsage',
            attributes: { productFamily: family },
          },
        ],
      ),
    },
  ],
  unpriced: ({ resource }) => {
    const type = stringProperty(resource, 'Type', 'application');
    return type in KINDS
      ? undefined
      : `${type} load balancers are not priced here (priced: application, network)`;
  },
  components: ({ resource, usage }) => {
    const kind = stringProperty(resource, 'Type', 'application') as Kind;
    const units = usage('capacityUnits');
    return [
      {
        name: `${KINDS[kind].label} Load Balancer hours`,
        priceId: `elb.${kind}.hours`,
        quantity: HOURS_PER_MONTH,
        idle: true,
        basis: '730 h',
      },
      {
        name: `Capacity units (${KINDS[kind].unitName})`,
        priceId: `elb.${kind}.capacity-units`,
        quantity: HOURS_PER_MONTH * units,
        basis: `730 h × ${units} ${KINDS[kind].unitName} (capacityUnits)`,
        unit: `${KINDS[kind].unitName}-hours`,
      },
    ];
  },
};
