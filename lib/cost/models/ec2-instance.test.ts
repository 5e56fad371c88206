import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { estimate } from '../estimate/estimate.ts';
import { resource, stack } from '../estimate/estimate-test-kit.ts';
import { ec2Instance, ec2InstanceQuery } from './ec2-instance.ts';
import {
  componentsBeside,
  componentsOf,
  monthlyCost,
  neighbour,
  quantities,
  unpricedReason,
  usageDefaults,
  usageRead,
} from './model-test-kit.ts';

const ROOT_GP2 = [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 8, VolumeType: 'gp2' } }];

describe('EC2 instances', () => {
  it("matches Infracost's t3.medium with an 8 GB gp2 root volume: $30.37 + $0.80", () => {
    const c = componentsOf(ec2Instance, { InstanceType: 't3.medium', BlockDeviceMappings: ROOT_GP2 });
    expect(quantities(c)).toEqual({ 'ec2.instance.t3.medium': 730, 'ebs.gp2.storage': 8 });
    // 730 h × $0.0416 = $30.368; 8 GB × $0.10 = $0.80.
    expect(monthlyCost(c).before).toBeCloseTo(31.168, 6);
    expect(c[0]?.idle).toBe(true);
  });

  // t2.nano and t2.large were missing; 10 instances and groups in the public corpora went unpriced for them.
  it("matches Infracost's t2.nano (730 h = $4.23) and t2.large (2,190 h = $203.23)", () => {
    const hours = (type: string) =>
      componentsOf(ec2Instance, { InstanceType: type, BlockDeviceMappings: ROOT_GP2 }).filter(
        (c) => c.priceId === `ec2.instance.${type}`,
      );
    expect(monthlyCost(hours('t2.nano')).before).toBeCloseTo(4.23, 2);
    expect(3 * monthlyCost(hours('t2.large')).before).toBeCloseTo(203.23, 2);
  });

  // c4.xlarge, c4.2xlarge, t4g.nano, t4g.micro and m7i.xlarge were missing: 14 instances and groups in
  // aws-cloudformation-templates went unpriced for them.
  it('prices c4.xlarge, c4.2xlarge, t4g.nano, t4g.micro and m7i.xlarge at their bundled us-east-1 hourly rates', () => {
    const hourly = (type: string) =>
      monthlyCost(
        componentsOf(ec2Instance, { InstanceType: type, BlockDeviceMappings: ROOT_GP2 }).filter(
          (c) => c.priceId === `ec2.instance.${type}`,
        ),
      ).before / 730;
    expect(hourly('c4.xlarge')).toBeCloseTo(0.199, 6);
    expect(hourly('c4.2xlarge')).toBeCloseTo(0.398, 6);
    expect(hourly('t4g.nano')).toBeCloseTo(0.0042, 6);
    expect(hourly('t4g.micro')).toBeCloseTo(0.0084, 6);
    expect(hourly('m7i.xlarge')).toBeCloseTo(0.2016, 6);
  });

  it('adds the root volume the AMI brings (8 GB of gp3) when no mapping names the root device', () => {
    const c = componentsOf(ec2Instance, {
      InstanceType: 't3.micro',
      BlockDeviceMappings: [{ DeviceName: '/dev/sdf', Ebs: { VolumeSize: 100, VolumeType: 'st1' } }],
    });
    expect(quantities(c)).toEqual({
      'ec2.instance.t3.micro': 730,
      'ebs.st1.storage': 100,
      'ebs.gp3.storage': 8,
      'ebs.gp3.iops': 0,
      'ebs.gp3.throughput': 0,
    });
    // $7.592 + 100 × $0.045 + 8 × $0.08.
    expect(monthlyCost(c).before).toBeCloseTo(7.592 + 4.5 + 0.64, 6);
    expect(usageRead(ec2Instance, { InstanceType: 't3.micro' })).toEqual([
      'magneticIoRequests',
      'rootVolumeGb',
    ]);
  });

  it('looks any instance type up under ec2.instance.<type>; a type not in the catalog is reported missing', () => {
    expect(ec2InstanceQuery('c6i.large')).toMatchObject({
      id: 'ec2.instance.c6i.large',
      usageType: 'BoxUsage:c6i.large',
      attributes: {
        operatingSystem: 'Linux',
        tenancy: 'Shared',
        preInstalledSw: 'NA',
        capacitystatus: 'Used',
      },
    });
    const result = estimate(
      {
        source: '/t',
        stacks: [stack('dev/app', [resource('Box', 'AWS::EC2::Instance', { InstanceType: 'c6i.large' })])],
      },
      { catalogFor: loadCatalog },
    );
    expect(result.resources[0]).toMatchObject({
      status: 'not-priced',
      reason: expect.stringContaining('no price for ec2.instance.c6i.large in the us-east-1 catalog'),
    });
  });

  it('prices only shared tenancy', () => {
    expect(unpricedReason(ec2Instance, { InstanceType: 't3.micro', Tenancy: 'dedicated' })).toMatch(
      /dedicated/,
    );
    expect(unpricedReason(ec2Instance, { InstanceType: 't3.micro' })).toBeUndefined();
  });
});

describe('EBS volumes', () => {
  it('bills gp3 IOPS and throughput only above the 3,000 IOPS and 125 MiB/s included', () => {
    const c = componentsOf(
      ec2Instance,
      { VolumeType: 'gp3', Size: 40, Iops: 4000, Throughput: 130 },
      {},
      'AWS::EC2::Volume',
    );
    expect(quantities(c)).toEqual({ 'ebs.gp3.storage': 40, 'ebs.gp3.iops': 1000, 'ebs.gp3.throughput': 5 });
    // Infracost's ebs_volume_test: 40 GB $3.20, 1,000 IOPS $5.00, 5 MB/s $0.20.
    expect(monthlyCost(c).before).toBeCloseTo(8.4, 6);
  });

  it("matches Infracost's io1 (30 GB, 300 IOPS: $23.25) and magnetic (20 GB, 1M I/Os: $1.05) volumes", () => {
    const io1 = componentsOf(ec2Instance, { VolumeType: 'io1', Size: 30, Iops: 300 }, {}, 'AWS::EC2::Volume');
    expect(monthlyCost(io1).before).toBeCloseTo(23.25, 6);
    const magnetic = componentsOf(ec2Instance, { VolumeType: 'standard', Size: 20 }, {}, 'AWS::EC2::Volume');
    expect(quantities(magnetic)).toEqual({ 'ebs.standard.storage': 20, 'ebs.standard.io': 1_000_000 });
    expect(monthlyCost(magnetic).before).toBeCloseTo(1.05, 6);
  });

  it('defaults a volume to gp2, and reports types it does not price (io2) instead of guessing', () => {
    expect(quantities(componentsOf(ec2Instance, { Size: 10 }, {}, 'AWS::EC2::Volume'))).toEqual({
      'ebs.gp2.storage': 10,
    });
    expect(unpricedReason(ec2Instance, { VolumeType: 'io2', Size: 10 }, [], 'AWS::EC2::Volume')).toMatch(
      /io2 volumes are not priced/,
    );
  });
});

describe('Auto Scaling groups', () => {
  const template = neighbour('Template', 'AWS::EC2::LaunchTemplate', {
    LaunchTemplateData: { InstanceType: 't3.micro', BlockDeviceMappings: ROOT_GP2 },
  });
  const group = (extra: Record<string, unknown>) => ({
    LaunchTemplate: {
      LaunchTemplateId: { Ref: 'Template' },
      Version: { 'Fn::GetAtt': ['Template', 'LatestVersionNumber'] },
    },
    MinSize: 1,
    MaxSize: 4,
    ...extra,
  });

  it('bills desired capacity × the launch template instance and its volumes', () => {
    const c = componentsBeside(
      ec2Instance,
      group({ DesiredCapacity: 2 }),
      [template],
      {},
      'AWS::AutoScaling::AutoScalingGroup',
    );
    expect(quantities(c)).toEqual({ 'ec2.instance.t3.micro': 1460, 'ebs.gp2.storage': 16 });
    // 2 × ($7.592 + $0.80).
    expect(monthlyCost(c).before).toBeCloseTo(16.784, 6);
  });

  it('falls back to MinSize, reads launch configurations and mixed-instances overrides', () => {
    const configuration = neighbour('Config', 'AWS::AutoScaling::LaunchConfiguration', {
      InstanceType: 'm5.large',
    });
    const c = componentsBeside(
      ec2Instance,
      { LaunchConfigurationName: { Ref: 'Config' }, MinSize: 3, MaxSize: 6 },
      [configuration],
      { rootVolumeGb: 20 },
      'AWS::AutoScaling::AutoScalingGroup',
    );
    expect(quantities(c)).toMatchObject({ 'ec2.instance.m5.large': 2190, 'ebs.gp3.storage': 60 });
    const mixed = componentsBeside(
      ec2Instance,
      {
        MixedInstancesPolicy: {
          LaunchTemplate: {
            LaunchTemplateSpecification: { LaunchTemplateId: { Ref: 'Template' } },
            Overrides: [{ InstanceType: 't3.medium' }, { InstanceType: 't3.large' }],
          },
        },
        DesiredCapacity: 1,
      },
      [template],
      {},
      'AWS::AutoScaling::AutoScalingGroup',
    );
    expect(quantities(mixed)).toEqual({ 'ec2.instance.t3.medium': 730, 'ebs.gp2.storage': 8 });
  });

  it('is not priced, with the reason, when its launch template is in another stack or sets no instance type', () => {
    const type = 'AWS::AutoScaling::AutoScalingGroup';
    expect(unpricedReason(ec2Instance, group({}), [], type)).toMatch(/launch template is not in this stack/);
    const noType = neighbour('Template', 'AWS::EC2::LaunchTemplate', { LaunchTemplateData: {} });
    expect(unpricedReason(ec2Instance, group({}), [noType], type)).toMatch(/no fixed instance type/);
    expect(unpricedReason(ec2Instance, { LaunchConfigurationName: 'shared' }, [], type)).toMatch(
      /launch configuration is not in this stack/,
    );
    expect(unpricedReason(ec2Instance, group({}), [template], type)).toBeUndefined();
  });

  it('declares a learner-sized root volume and one million magnetic I/Os by default', () => {
    expect(usageDefaults(ec2Instance)).toEqual({ rootVolumeGb: 8, magneticIoRequests: 1_000_000 });
  });
});
