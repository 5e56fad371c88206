import { type CostModel, HOURS_PER_MONTH } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * NAT gateways: hours and data processed. The Price List lists their prices under AmazonEC2.
 *
 * Pricing: https://aws.amazon.com/vpc/pricing/
 */
export const natGateway: CostModel = {
  types: ['AWS::EC2::NatGateway'],
  service: 'Amazon VPC',
  usage: {
    processedGb: { description: 'Data processed by the gateway per month', unit: 'GB', default: 1 },
  },
  prices: [
    {
      service: PRICE_SERVICES.vpc,
      queries: [
        {
          id: 'vpc.nat-gateway.hours',
          unit: 'Hrs',
          description: 'NAT gateway hour',
          usageType: 'NatGateway-Hours',
          serviceCode: 'AmazonEC2',
        },
        {
          id: 'vpc.nat-gateway.data',
          unit: 'GB',
          description: 'NAT gateway data processed',
          usageType: 'NatGateway-Bytes',
          serviceCode: 'AmazonEC2',
        },
      ],
    },
  ],
  components: ({ usage }) => [
    {
      name: 'NAT gateway hours',
      priceId: 'vpc.nat-gateway.hours',
      quantity: HOURS_PER_MONTH,
      idle: true,
      basis: '730 h',
    },
    {
      name: 'Data processed',
      priceId: 'vpc.nat-gateway.data',
      quantity: usage('processedGb'),
      basis: 'processedGb',
    },
  ],
};
