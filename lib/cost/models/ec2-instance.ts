import type { InventoryResource, InventoryStack } from '../../assembly/types.ts';
import {
  type ComponentSpec,
  type CostModel,
  formatCount,
  HOURS_PER_MONTH,
  nestedProperty,
  numberProperty,
  numberValue,
  referencedResource,
  stringProperty,
} from './cost-model.ts';
import type { PriceQuery } from './price-query.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * The instance types whose price is bundled (verified, see the catalog's notes). Every other type is looked
 * up under the same id scheme: `npm run prices:refresh` fills the catalog with {@link ec2InstanceQuery}.
 */
const BUNDLED_TYPES = [
  't2.micro',
  't2.small',
  't2.nano',
  't2.large',
  't3.micro',
  't3.small',
  't3.medium',
  't3.large',
  'm5.large',
  'm7g.large',
  'c4.xlarge',
  'c4.2xlarge',
  't4g.nano',
  't4g.micro',
  'm7i.xlarge',
] as const;

/** Catalog id of an instance type's on-demand Linux hour, e.g. `ec2.instance.t3.micro`. */
const ec2InstancePriceId = (instanceType: string) => `ec2.instance.${instanceType}`;

/** The Price List query of one instance type: on-demand, Linux, shared tenancy, no pre-installed software. */
export function ec2InstanceQuery(instanceType: string): PriceQuery {
  return {
    id: ec2InstancePriceId(instanceType),
    unit: 'Hrs',
    description: `EC2 ${instanceType}, on-demand Linux, shared tenancy`,
    usageType: `BoxUsage:${instanceType}`,
    attributes: { operatingSystem: 'Linux', tenancy: 'Shared', preInstalledSw: 'NA', capacitystatus: 'Used' },
  };
}

/** The root volume an AMI brings when the template does not map one (Amazon Linux 2023: 8 GB of gp3). */
const AMI_ROOT = { type: 'gp3', devices: ['/dev/xvda', '/dev/sda1'] } as const;
/** gp3 includes 3,000 IOPS and 125 MiB/s; only what is provisioned above them is billed. */
const GP3_FREE_IOPS = 3000;
const GP3_FREE_THROUGHPUT = 125;

/** One EBS volume as a template describes it. */
interface Volume {
  readonly label: string;
  readonly type: string;
  readonly sizeGb: number;
  readonly iops: number;
  readonly throughput: number;
}

/** Volume types with bundled queries; others (io2's IOPS price falls per volume above 32,000) are not priced. */
const PRICED_VOLUME_TYPES = ['gp2', 'gp3', 'io1', 'st1', 'sc1', 'standard'];

/**
 * EC2: instances (on-demand Linux hours by instance type, plus their EBS volumes), standalone EBS volumes,
 * and Auto Scaling groups (desired capacity × the instance of their launch template or configuration, when
 * it is in the same stack). One model for the three because they share the instance and volume prices.
 * The platform is taken as Linux: an AMI's operating system is not in the template.
 *
 * Pricing: https://aws.amazon.com/ec2/pricing/on-demand/ and https://aws.amazon.com/ebs/pricing/
 */
export const ec2Instance: CostModel = {
  types: ['AWS::EC2::Instance', 'AWS::EC2::Volume', 'AWS::AutoScaling::AutoScalingGroup'],
  service: 'Amazon EC2',
  usage: {
    rootVolumeGb: {
      description: 'Size of the root volume the AMI brings, when the template maps none (gp3)',
      unit: 'GB',
      default: 8,
    },
    magneticIoRequests: {
      description: 'I/O requests per month on each magnetic (standard) volume',
      unit: 'requests',
      default: 1_000_000,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.ec2,
      queries: [
        ...BUNDLED_TYPES.map(ec2InstanceQuery),
        ...(['gp2', 'gp3'] as const).map(
          (type): PriceQuery => ({
            id: `ebs.${type}.storage`,
            unit: 'GB-Mo',
            description: `EBS ${type} storage`,
            usageType: `EBS:VolumeUsage.${type}`,
          }),
        ),
        {
          id: 'ebs.gp3.iops',
          unit: 'IOPS-Mo',
          description: 'EBS gp3 IOPS provisioned above the 3,000 included',
          usageType: 'EBS:VolumeP-IOPS.gp3',
        },
        {
          id: 'ebs.gp3.throughput',
          unit: 'MiBps-Mo',
          description: 'EBS gp3 throughput provisioned above the 125 MiB/s included',
          usageType: 'EBS:VolumeP-Throughput.gp3',
        },
        {
          id: 'ebs.io1.storage',
          unit: 'GB-Mo',
          description: 'EBS io1 (provisioned IOPS SSD) storage',
          usageType: 'EBS:VolumeUsage.piops',
        },
        {
          id: 'ebs.io1.iops',
          unit: 'IOPS-Mo',
          description: 'EBS io1 provisioned IOPS',
          usageType: 'EBS:VolumeP-IOPS.piops',
        },
        {
          id: 'ebs.st1.storage',
          unit: 'GB-Mo',
          description: 'EBS st1 (throughput optimized HDD) storage',
          usageType: 'EBS:VolumeUsage.st1',
        },
        {
          id: 'ebs.sc1.storage',
          unit: 'GB-Mo',
          description: 'EBS sc1 (cold HDD) storage',
          usageType: 'EBS:VolumeUsage.sc1',
        },
        {
          id: 'ebs.standard.storage',
          unit: 'GB-Mo',
          description: 'EBS magnetic (standard) storage',
          usageType: 'EBS:VolumeUsage',
        },
        {
          id: 'ebs.standard.io',
          unit: 'IOs',
          description: 'EBS magnetic (standard) I/O requests',
          usageType: 'EBS:VolumeIOUsage',
        },
      ],
    },
  ],
  unpriced: ({ resource, stack }) => {
    if (resource.type === 'AWS::AutoScaling::AutoScalingGroup') {
      const launch = groupLaunch(resource, stack);
      if (typeof launch === 'string') return launch;
      return volumeProblem(launch.volumes);
    }
    if (resource.type === 'AWS::EC2::Volume') return volumeProblem([volumeOf(resource.properties, 'Volume')]);
    if (resource.properties.Tenancy !== undefined && resource.properties.Tenancy !== 'default')
      return `${String(resource.properties.Tenancy)} tenancy is not priced here (only shared tenancy)`;
    return volumeProblem(instanceVolumes(resource.properties, 0));
  },
  components: ({ resource, stack, usage }) => {
    if (resource.type === 'AWS::EC2::Volume') {
      return volumeComponents(volumeOf(resource.properties, 'Volume'), 1, usage('magneticIoRequests'));
    }
    if (resource.type === 'AWS::AutoScaling::AutoScalingGroup') {
      const launch = groupLaunch(resource, stack);
      if (typeof launch === 'string') return [];
      const count = numberProperty(resource, 'DesiredCapacity', numberProperty(resource, 'MinSize', 0));
      const volumes = launch.mapsRoot
        ? launch.volumes
        : [...launch.volumes, rootVolume(usage('rootVolumeGb'))];
      return [
        instanceHours(launch.instanceType, count, `${count} instances (DesiredCapacity, else MinSize)`),
        ...volumes.flatMap((v) => volumeComponents(v, count, usage('magneticIoRequests'))),
      ];
    }
    const instanceType = stringProperty(resource, 'InstanceType', 'm1.small');
    const volumes = instanceVolumes(resource.properties, usage('rootVolumeGb'));
    return [
      instanceHours(instanceType, 1, `1 instance (InstanceType ${instanceType})`),
      ...volumes.flatMap((v) => volumeComponents(v, 1, usage('magneticIoRequests'))),
    ];
  },
};

function instanceHours(instanceType: string, count: number, basis: string): ComponentSpec {
  return {
    name: `Instance (${instanceType}, Linux, on-demand)`,
    priceId: ec2InstancePriceId(instanceType),
    quantity: HOURS_PER_MONTH * count,
    idle: true,
    basis: `730 h × ${basis}`,
  };
}

function volumeOf(ebs: Readonly<Record<string, unknown>>, label: string): Volume {
  return {
    label,
    // An AWS::EC2::Volume and a block device mapping both default to gp2.
    type: typeof ebs.VolumeType === 'string' ? ebs.VolumeType : 'gp2',
    sizeGb: numberValue(ebs.Size ?? ebs.VolumeSize) ?? 8,
    iops: numberValue(ebs.Iops) ?? 0,
    throughput: numberValue(ebs.Throughput) ?? 0,
  };
}

const rootVolume = (sizeGb: number): Volume => ({
  label: 'root volume (AMI)',
  type: AMI_ROOT.type,
  sizeGb,
  iops: 0,
  throughput: 0,
});

/** The EBS volumes of a block device mapping list, and whether one of them is the root device. */
function mappedVolumes(mappings: unknown): { volumes: Volume[]; mapsRoot: boolean } {
  const list = Array.isArray(mappings) ? (mappings as Record<string, unknown>[]) : [];
  const ebs = list.filter((m) => m && typeof m.Ebs === 'object' && m.Ebs !== null);
  return {
    volumes: ebs.map((m) => volumeOf(m.Ebs as Record<string, unknown>, String(m.DeviceName ?? 'volume'))),
    mapsRoot: ebs.some((m) => (AMI_ROOT.devices as readonly unknown[]).includes(m.DeviceName)),
  };
}

function instanceVolumes(properties: Readonly<Record<string, unknown>>, rootGb: number): Volume[] {
  const { volumes, mapsRoot } = mappedVolumes(properties.BlockDeviceMappings);
  return mapsRoot ? volumes : [...volumes, rootVolume(rootGb)];
}

function volumeProblem(volumes: readonly Volume[]): string | undefined {
  const other = volumes.find((v) => !PRICED_VOLUME_TYPES.includes(v.type));
  return other
    ? `EBS ${other.type} volumes are not priced here (priced: ${PRICED_VOLUME_TYPES.join(', ')})`
    : undefined;
}

function volumeComponents(volume: Volume, count: number, magneticIos: number): ComponentSpec[] {
  const times = count === 1 ? '' : ` × ${count} instances`;
  const storage: ComponentSpec = {
    name: `EBS ${volume.type} storage (${volume.label})`,
    priceId: `ebs.${volume.type}.storage`,
    quantity: volume.sizeGb * count,
    idle: true,
    basis: `${volume.sizeGb} GB${times}`,
  };
  if (volume.type === 'gp3') {
    const iops = Math.max(0, volume.iops - GP3_FREE_IOPS);
    const throughput = Math.max(0, volume.throughput - GP3_FREE_THROUGHPUT);
    return [
      storage,
      {
        name: `EBS gp3 IOPS above 3,000 (${volume.label})`,
        priceId: 'ebs.gp3.iops',
        quantity: iops * count,
        idle: true,
        basis: `${formatCount(volume.iops)} IOPS − 3,000 included${times}`,
      },
      {
        name: `EBS gp3 throughput above 125 MiB/s (${volume.label})`,
        priceId: 'ebs.gp3.throughput',
        quantity: throughput * count,
        idle: true,
        basis: `${volume.throughput} MiB/s − 125 included${times}`,
      },
    ];
  }
  if (volume.type === 'io1') {
    return [
      storage,
      {
        name: `EBS io1 provisioned IOPS (${volume.label})`,
        priceId: 'ebs.io1.iops',
        quantity: volume.iops * count,
        idle: true,
        basis: `${formatCount(volume.iops)} IOPS (Iops)${times}`,
      },
    ];
  }
  if (volume.type === 'standard') {
    return [
      storage,
      {
        name: `EBS magnetic I/O requests (${volume.label})`,
        priceId: 'ebs.standard.io',
        quantity: magneticIos * count,
        basis: `magneticIoRequests${times}`,
      },
    ];
  }
  return [storage];
}

/**
 * The instance type and volumes an Auto Scaling group launches, read from its launch template or launch
 * configuration in the same stack, or the reason they cannot be read.
 */
function groupLaunch(
  group: InventoryResource,
  stack: InventoryStack,
): { instanceType: string; volumes: Volume[]; mapsRoot: boolean } | string {
  const mixed = nestedProperty(group, ['MixedInstancesPolicy', 'LaunchTemplate']) as
    | Record<string, unknown>
    | undefined;
  const override = Array.isArray(mixed?.Overrides)
    ? (mixed.Overrides as Record<string, unknown>[]).find((o) => typeof o?.InstanceType === 'string')
    : undefined;
  const spec = (mixed?.LaunchTemplateSpecification ?? group.properties.LaunchTemplate) as
    | Record<string, unknown>
    | undefined;
  if (spec) {
    const template = referencedResource(stack, spec.LaunchTemplateId ?? spec.LaunchTemplateName);
    if (template?.type !== 'AWS::EC2::LaunchTemplate')
      return 'its launch template is not in this stack, so its instance type is unknown; not priced';
    const data = (template.properties.LaunchTemplateData ?? {}) as Record<string, unknown>;
    const instanceType = override?.InstanceType ?? data.InstanceType;
    if (typeof instanceType !== 'string')
      return 'its launch template names no fixed instance type (or uses instance requirements); not priced';
    return { instanceType, ...mappedVolumes(data.BlockDeviceMappings) };
  }
  const configuration = referencedResource(stack, group.properties.LaunchConfigurationName);
  if (configuration?.type !== 'AWS::AutoScaling::LaunchConfiguration')
    return 'its launch configuration is not in this stack, so its instance type is unknown; not priced';
  const instanceType = configuration.properties.InstanceType;
  if (typeof instanceType !== 'string')
    return 'its launch configuration names no fixed instance type; not priced';
  return { instanceType, ...mappedVolumes(configuration.properties.BlockDeviceMappings) };
}
