import { type CostModel, HOURS_PER_MONTH, stringProperty } from './cost-model.ts';

/** NAT gateways: hours and data processed. */
export const natGateway: CostModel = {
  types: ['AWS::EC2::NatGateway'],
  service: 'Amazon VPC',
  usage: {
    processedGb: { description: 'Data processed by the gateway per month', unit: 'GB', default: 1 },
  },
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

/** Interface endpoints bill per AZ-hour and per GB; gateway endpoints (S3, DynamoDB) are free. */
export const vpcEndpoint: CostModel = {
  types: ['AWS::EC2::VPCEndpoint'],
  service: 'Amazon VPC',
  usage: {
    processedGb: { description: 'Data processed by an interface endpoint per month', unit: 'GB', default: 1 },
  },
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

/** Elastic IPs: every public IPv4 address is billed by the hour. */
export const elasticIp: CostModel = {
  types: ['AWS::EC2::EIP'],
  service: 'Amazon VPC',
  usage: {},
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
