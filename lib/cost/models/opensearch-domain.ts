import type { InventoryResource } from '../../assembly/types.ts';
import {
  type ComponentSpec,
  type CostModel,
  formatCount,
  HOURS_PER_MONTH,
  numberValue,
} from './cost-model.ts';
import type { PriceQuery } from './price-query.ts';
import { PRICE_SERVICES } from './price-services.ts';

/** Catalog id of an instance type's on-demand hour, e.g. `opensearch.instance.t3.small.search`. */
const openSearchInstancePriceId = (instanceType: string) => `opensearch.instance.${instanceType}`;

/** The Price List query of one instance type; the refresh fills every type with it. */
function openSearchInstanceQuery(instanceType: string, unverified?: string): PriceQuery {
  return {
    id: openSearchInstancePriceId(instanceType),
    unit: 'Hrs',
    description: `OpenSearch Service ${instanceType} instance, on-demand`,
    attributes: { productFamily: 'Amazon OpenSearch Service Instance', instanceType },
    ...(unverified ? { unverified } : {}),
  };
}

const NO_SOURCE = 'no stored pricing page or Infracost output states its us-east-1 rate';

/** EBS volume types priced, with the Price List's `storageMedia`. */
const STORAGE: Readonly<Record<string, string>> = {
  gp2: 'GP2',
  gp3: 'GP3',
  io1: 'PIOPS-Storage',
  standard: 'Magnetic',
};

/**
 * OpenSearch Service (and legacy Elasticsearch Service) domains: data node hours × InstanceCount,
 * dedicated master and UltraWarm node hours, and EBS storage per data node (io1 with its IOPS; gp3's
 * IOPS and throughput above the included baseline are not priced). `.elasticsearch` types are priced as
 * their `.search` names.
 *
 * Pricing: https://aws.amazon.com/opensearch-service/pricing/
 */
export const openSearchDomain: CostModel = {
  types: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
  service: 'Amazon OpenSearch Service',
  usage: {},
  prices: [
    {
      service: PRICE_SERVICES.openSearch,
      queries: [
        openSearchInstanceQuery('c4.2xlarge.search'),
        openSearchInstanceQuery('t3.small.search', NO_SOURCE),
        openSearchInstanceQuery('t3.medium.search', NO_SOURCE),
        openSearchInstanceQuery('m5.large.search', NO_SOURCE),
        openSearchInstanceQuery('r5.large.search', NO_SOURCE),
        ...Object.entries(STORAGE).map(
          ([type, storageMedia]): PriceQuery => ({
            id: `opensearch.storage.${type}`,
            unit: 'GB-Mo',
            description: `OpenSearch Service EBS ${type} storage`,
            attributes: { productFamily: 'Amazon OpenSearch Service Volume', storageMedia },
            ...(type === 'gp3' ? { unverified: NO_SOURCE } : {}),
          }),
        ),
        {
          id: 'opensearch.io1.iops',
          unit: 'IOPS-Mo',
          description: 'OpenSearch Service EBS io1 provisioned IOPS',
          attributes: { productFamily: 'Amazon OpenSearch Service Volume', storageMedia: 'PIOPS' },
        },
      ],
    },
  ],
  unpriced: ({ resource }) => {
    if (typeof config(resource).InstanceType !== 'string')
      return 'its data node instance type is not a fixed value in the template; not priced';
    const ebs = ebsOptions(resource);
    const type = typeof ebs.VolumeType === 'string' ? ebs.VolumeType : 'gp2';
    return ebs.EBSEnabled === true && !(type in STORAGE)
      ? `EBS ${type} volumes are not priced here (priced: ${Object.keys(STORAGE).join(', ')})`
      : undefined;
  },
  components: ({ resource }) => {
    const cluster = config(resource);
    const dataCount = numberValue(cluster.InstanceCount) ?? 1;
    const nodes = (role: string, type: unknown, count: number, basis: string): ComponentSpec => {
      const instanceType = String(type).replace(/\.elasticsearch$/, '.search');
      return {
        name: `${role} (${instanceType})`,
        priceId: openSearchInstancePriceId(instanceType),
        quantity: HOURS_PER_MONTH * count,
        idle: true,
        basis: `730 h × ${count} ${basis}`,
      };
    };
    const components = [nodes('Data nodes', cluster.InstanceType, dataCount, 'nodes (InstanceCount)')];
    if (cluster.DedicatedMasterEnabled === true && typeof cluster.DedicatedMasterType === 'string')
      components.push(
        nodes(
          'Dedicated master nodes',
          cluster.DedicatedMasterType,
          numberValue(cluster.DedicatedMasterCount) ?? 3,
          'nodes (DedicatedMasterCount)',
        ),
      );
    if (cluster.WarmEnabled === true && typeof cluster.WarmType === 'string')
      components.push(
        nodes('UltraWarm nodes', cluster.WarmType, numberValue(cluster.WarmCount) ?? 2, 'nodes (WarmCount)'),
      );
    const ebs = ebsOptions(resource);
    if (ebs.EBSEnabled !== true) return components;
    const type = typeof ebs.VolumeType === 'string' ? ebs.VolumeType : 'gp2';
    const sizeGb = numberValue(ebs.VolumeSize) ?? 10;
    components.push({
      name: `EBS ${type} storage`,
      priceId: `opensearch.storage.${type}`,
      quantity: sizeGb * dataCount,
      idle: true,
      basis: `${sizeGb} GB (VolumeSize) × ${dataCount} data nodes`,
    });
    if (type === 'io1') {
      const iops = numberValue(ebs.Iops) ?? 1000;
      components.push({
        name: 'EBS io1 provisioned IOPS',
        priceId: 'opensearch.io1.iops',
        quantity: iops * dataCount,
        idle: true,
        basis: `${formatCount(iops)} IOPS (Iops) × ${dataCount} data nodes`,
      });
    }
    return components;
  },
};

function config(resource: InventoryResource): Record<string, unknown> {
  const value = resource.properties.ClusterConfig ?? resource.properties.ElasticsearchClusterConfig;
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function ebsOptions(resource: InventoryResource): Record<string, unknown> {
  const value = resource.properties.EBSOptions;
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}
