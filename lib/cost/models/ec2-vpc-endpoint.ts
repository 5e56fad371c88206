import { type CostModel, HOURS_PER_MONTH, stringProperty } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * Interface endpoints bill per AZ-hour and per GB; gateway endpoints (S3, DynamoDB) are free.
 *
 * Pricing: https://aws.amazon.com/vpc/pricing/ (PrivateLink)
 */
export const vpcEndpoint: CostModel = {
  types: ['AWS::EC2::VPCEndpoint'],
  service: 'Amazon VPC',
  usage: {
    processedGb: { description: 'Data processed by an interface endpoint per month', unit: 'GB', default: 1 },
  },
  prices: [
    {
      service: PRICE_SERVICES.vpc,
      queries: [
        {
          id: 'vpc.interface-endpoint.hours',
          unit: 'Hrs',
          description: 'Interface VPC endpoint hour, per endpoint per AZ',
          usageType: 'VpcEndpoint-Hours',
        },
        {
          id: 'vpc.interface-endpoint.data',
          unit: 'GB',
          description: 'Interface VPC endpoint data processed',
          usageType: 'VpcEndpoint-Bytes',
        },
      ],
    },
  ],
  components: ({ resource, usage }) => {
    if (stringProperty(resource, 'VpcEndpointType', 'Gateway') !== 'Interface') return [];
    const subnets = Array.isArray(resource.properties.SubnetIds) ? resource.properties.SubnetIds.length : 1;
    return [
      {
        name: 'Interface endpoint hours',
        priceId: 'vpc.interface-endpoint.hours',
        quantity: HOURS_PER_MONTH * Math.max(1, subnets),
        idle: true,
        basis: `730 h × ${Math.max(1, subnets)} AZ (SubnetIds)`,
      },
      {
        name: 'Data processed',
        priceId: 'vpc.interface-endpoint.data',
        quantity: usage('processedGb'),
        basis: 'processedGb',
      },
    ];
  },
};
