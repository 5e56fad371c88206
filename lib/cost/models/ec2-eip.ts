import { type CostModel, HOURS_PER_MONTH } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * Elastic IPs: every public IPv4 address is billed by the hour.
 *
 * Pricing: https://aws.amazon.com/vpc/pricing/ (public IPv4 addresses)
 */
export const elasticIp: CostModel = {
  types: ['AWS::EC2::EIP'],
  service: 'Amazon VPC',
  usage: {},
  prices: [
    {
      service: PRICE_SERVICES.vpc,
      queries: [
        {
          id: 'vpc.public-ipv4',
          unit: 'Hrs',
          description: 'In-use public IPv4 address hour',
          usageType: 'PublicIPv4:InUseAddress',
        },
      ],
    },
  ],
  components: () => [
    {
      name: 'Public IPv4 address',
      priceId: 'vpc.public-ipv4',
      quantity: HOURS_PER_MONTH,
      idle: true,
      basis: '730 h',
    },
  ],
};
