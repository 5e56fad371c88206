import { type CostModel, numberProperty } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/** Throughput every file system gets without paying for it: 1 MiB/s per 20 GiB stored (Infracost's rule). */
const INCLUDED_GB_PER_MIBPS = 20;

/**
 * EFS file systems: storage in the Standard class (One Zone when the template names an Availability Zone),
 * and provisioned throughput above what the stored data includes. Lifecycle policies (Infrequent Access and
 * Archive storage, billed per GB accessed) and elastic throughput (billed per GB read and written) are not
 * priced here, and the estimate says so.
 *
 * Pricing: https://aws.amazon.com/efs/pricing/
 */
export const efsFileSystem: CostModel = {
  types: ['AWS::EFS::FileSystem'],
  service: 'Amazon EFS',
  usage: {
    storageGb: { description: 'Data stored (Standard or One Zone class)', unit: 'GB', default: 1 },
  },
  prices: [
    {
      service: PRICE_SERVICES.efs,
      queries: [
        {
          id: 'efs.storage.standard',
          unit: 'GB-Mo',
          description: 'EFS Standard storage',
          usageType: 'TimedStorage-ByteHrs',
        },
        {
          id: 'efs.storage.one-zone',
          unit: 'GB-Mo',
          description: 'EFS One Zone storage',
          usageType: 'TimedStorage-Z-ByteHrs',
        },
        {
          id: 'efs.provisioned-throughput',
          unit: 'MiBps-Mo',
          description: 'EFS provisioned throughput, per MiB/s-month',
          usageType: 'ProvisionedTP-MiBpsHrs',
        },
      ],
    },
  ],
  unpriced: ({ resource }) => {
    const policies = resource.properties.LifecyclePolicies;
    if (Array.isArray(policies) && policies.length > 0)
      return 'its LifecyclePolicies move data to Infrequent Access or Archive storage, billed per GB stored and accessed; not priced here';
    if (resource.properties.ThroughputMode === 'elastic')
      return 'elastic throughput (ThroughputMode: elastic) bills each GB read and written; not priced here';
    return undefined;
  },
  components: ({ resource, usage }) => {
    const oneZone = resource.properties.AvailabilityZoneName !== undefined;
    const storageGb = usage('storageGb');
    const provisioned =
      resource.properties.ThroughputMode === 'provisioned'
        ? numberProperty(resource, 'ProvisionedThroughputInMibps', 0)
        : 0;
    const billable = Math.max(0, provisioned - storageGb / INCLUDED_GB_PER_MIBPS);
    return [
      {
        name: oneZone ? 'Storage (One Zone)' : 'Storage (Standard)',
        priceId: oneZone ? 'efs.storage.one-zone' : 'efs.storage.standard',
        quantity: storageGb,
        basis: 'storageGb',
        unit: 'GB',
      },
      ...(provisioned > 0
        ? [
            {
              name: 'Provisioned throughput',
              priceId: 'efs.provisioned-throughput',
              quantity: billable,
              idle: true,
              basis: `${provisioned} MiB/s provisioned − ${storageGb / INCLUDED_GB_PER_MIBPS} MiB/s included with ${storageGb} GB`,
              unit: 'MiB/s-months',
            },
          ]
        : []),
    ];
  },
};
