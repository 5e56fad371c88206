import { describe, expect, it } from 'vitest';
import { componentsOf, monthlyCost, quantities, unpricedReason } from './model-test-kit.ts';
import { openSearchDomain } from './opensearch-domain.ts';

describe('OpenSearch Service domains', () => {
  it('bills data node hours × InstanceCount and EBS storage per data node', () => {
    const c = componentsOf(openSearchDomain, {
      ClusterConfig: { InstanceType: 'c4.2xlarge.search', InstanceCount: 3 },
      EBSOptions: { EBSEnabled: true, VolumeType: 'gp2', VolumeSize: 100 },
    });
    expect(quantities(c)).toEqual({
      'opensearch.instance.c4.2xlarge.search': 2190,
      'opensearch.storage.gp2': 300,
    });
    // Infracost's domain: 2,190 h = $1,285.53; 300 GB × $0.135 = $40.50.
    expect(monthlyCost(c).before).toBeCloseTo(1285.53 + 40.5, 6);
  });

  it('takes the default for a count or size that is no number, instead of a NaN quantity that drops the line', () => {
    const c = componentsOf(openSearchDomain, {
      ClusterConfig: { InstanceType: 'c4.2xlarge.search', InstanceCount: 'three' },
      EBSOptions: { EBSEnabled: true, VolumeType: 'gp2', VolumeSize: ' ' },
    });
    expect(quantities(c)).toEqual({
      'opensearch.instance.c4.2xlarge.search': 730,
      'opensearch.storage.gp2': 10,
    });
  });

  it('adds dedicated masters (3 by default) and io1 IOPS, and prices legacy Elasticsearch domains by their .search name', () => {
    const c = componentsOf(
      openSearchDomain,
      {
        ElasticsearchClusterConfig: {
          InstanceType: 'c4.2xlarge.elasticsearch',
          DedicatedMasterEnabled: true,
          DedicatedMasterType: 'c4.2xlarge.elasticsearch',
        },
        EBSOptions: { EBSEnabled: true, VolumeType: 'io1', VolumeSize: 1000, Iops: 10 },
      },
      {},
      'AWS::Elasticsearch::Domain',
    );
    expect(c.map((x) => [x.name, x.quantity])).toEqual([
      ['Data nodes (c4.2xlarge.search)', 730],
      ['Dedicated master nodes (c4.2xlarge.search)', 2190],
      ['EBS io1 storage', 1000],
      ['EBS io1 provisioned IOPS', 10],
    ]);
    // Infracost: io1 1,000 GB = $169.00, 10 IOPS = $0.88.
    expect(monthlyCost(c).before).toBeCloseTo(2920 * 0.587 + 169 + 0.88, 6);
  });

  it('needs a data node type; learner sizes are queried but not bundled (no source stated their rate)', () => {
    expect(unpricedReason(openSearchDomain, {})).toMatch(/instance type is not a fixed value/);
    const small = openSearchDomain.prices[0]?.queries.find(
      (q) => q.id === 'opensearch.instance.t3.small.search',
    );
    expect(small?.unverified).toBeDefined();
    expect(
      unpricedReason(openSearchDomain, {
        ClusterConfig: { InstanceType: 't3.small.search' },
        EBSOptions: { EBSEnabled: true, VolumeType: 'io2' },
      }),
    ).toMatch(/io2 volumes are not priced/);
  });
});
