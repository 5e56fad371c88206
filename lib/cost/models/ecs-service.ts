import type { InventoryResource, InventoryStack } from '../../assembly/types.ts';
import {
  type CostModel,
  formatCount,
  HOURS_PER_MONTH,
  nestedProperty,
  numberProperty,
  referencedResource,
} from './cost-model.ts';
import type { PriceQuery } from './price-query.ts';
import { PRICE_SERVICES } from './price-services.ts';

const ARCHITECTURES = {
  x86_64: { label: 'x86', usage: '' },
  arm64: { label: 'ARM', usage: 'ARM-' },
} as const;
type Architecture = keyof typeof ARCHITECTURES;

/** What a service runs: its task size, architecture and whether it runs on Fargate at all. */
interface Tasks {
  readonly fargate: boolean;
  readonly vcpu: number;
  readonly memoryGb: number;
  readonly architecture: Architecture;
}

/**
 * ECS services on Fargate: vCPU-hours and GB-hours of memory from the task definition's Cpu and Memory
 * × DesiredCount, by CPU architecture (x86 or ARM). Services on EC2 or external instances cost nothing
 * themselves (the instances are billed); Fargate Spot and Windows tasks are not priced here.
 *
 * Pricing: https://aws.amazon.com/fargate/pricing/
 */
export const ecsService: CostModel = {
  types: ['AWS::ECS::Service'],
  service: 'AWS Fargate',
  usage: {},
  prices: [
    {
      service: PRICE_SERVICES.fargate,
      queries: (
        Object.entries(ARCHITECTURES) as [Architecture, (typeof ARCHITECTURES)[Architecture]][]
      ).flatMap(([architecture, { label, usage }]): PriceQuery[] => [
        {
          id: `fargate.${architecture}.vcpu`,
          unit: 'vCPU-Hours',
          description: `Fargate Linux/${label} vCPU hour`,
          usageType: `Fargate-${usage}vCPU-Hours:perCPU`,
          apiUnits: { hours: 1, Hrs: 1 },
        },
        {
          id: `fargate.${architecture}.memory`,
          unit: 'GB-Hours',
          description: `Fargate Linux/${label} memory GB hour`,
          usageType: `Fargate-${usage}GB-Hours`,
        },
      ]),
    },
  ],
  unpriced: ({ resource, stack }) => {
    const strategy = capacityProviders(resource);
    if (strategy.includes('FARGATE_SPOT')) return 'Fargate Spot prices vary; not priced here';
    const definition = referencedResource(stack, resource.properties.TaskDefinition);
    if (!isFargate(resource, definition)) return undefined;
    if (definition?.type !== 'AWS::ECS::TaskDefinition')
      return 'its task definition is not in this stack, so its CPU and memory are unknown; not priced';
    const os = nestedProperty(definition, ['RuntimePlatform', 'OperatingSystemFamily']);
    if (typeof os === 'string' && os.startsWith('WINDOWS'))
      return 'Windows tasks on Fargate are not priced here';
    const task = taskSize(definition);
    return task.vcpu === undefined || task.memoryGb === undefined
      ? "its task definition's Cpu and Memory are not fixed values in the template; not priced"
      : undefined;
  },
  components: ({ resource, stack }) => {
    const tasks = runs(resource, stack);
    if (!tasks.fargate) return [];
    const count = numberProperty(resource, 'DesiredCount', 1);
    const times = `730 h × ${count} tasks (DesiredCount)`;
    return [
      {
        name: `vCPU (${ARCHITECTURES[tasks.architecture].label})`,
        priceId: `fargate.${tasks.architecture}.vcpu`,
        quantity: HOURS_PER_MONTH * count * tasks.vcpu,
        idle: true,
        basis: `${times} × ${formatCount(tasks.vcpu)} vCPU (Cpu)`,
      },
      {
        name: `Memory (${ARCHITECTURES[tasks.architecture].label})`,
        priceId: `fargate.${tasks.architecture}.memory`,
        quantity: HOURS_PER_MONTH * count * tasks.memoryGb,
        idle: true,
        basis: `${times} × ${formatCount(tasks.memoryGb)} GB (Memory)`,
      },
    ];
  },
};

function capacityProviders(service: InventoryResource): string[] {
  const strategy = service.properties.CapacityProviderStrategy;
  return Array.isArray(strategy)
    ? strategy
        .filter((s) => s && (s.Weight === undefined || Number(s.Weight) > 0 || Number(s.Base) > 0))
        .map((s) => String(s.CapacityProvider))
    : [];
}

/**
 * On Fargate: its launch type or capacity provider says so, or (with neither) its task definition can run
 * nowhere else. Without either ECS uses the cluster's default strategy, else the EC2 launch type.
 */
function isFargate(service: InventoryResource, definition: InventoryResource | undefined): boolean {
  const launchType = service.properties.LaunchType;
  if (launchType !== undefined) return launchType === 'FARGATE';
  const strategy = capacityProviders(service);
  if (strategy.length > 0) return strategy.includes('FARGATE');
  const compatibilities = definition?.properties.RequiresCompatibilities;
  return Array.isArray(compatibilities) && compatibilities.length === 1 && compatibilities[0] === 'FARGATE';
}

/** `256` CPU units or `0.25 vCPU`; `512` MiB or `0.5 GB`. */
function taskSize(definition: InventoryResource): { vcpu?: number; memoryGb?: number } {
  const read = (value: unknown, perUnit: number, suffix: RegExp): number | undefined => {
    if (typeof value === 'number') return value / perUnit;
    if (typeof value !== 'string') return undefined;
    const match = /^\s*([\d.]+)\s*(\w+)?\s*$/.exec(value);
    if (!match) return undefined;
    const n = Number(match[1]);
    return match[2] && suffix.test(match[2]) ? n : n / perUnit;
  };
  return {
    vcpu: read(definition.properties.Cpu, 1024, /^vcpu$/i),
    memoryGb: read(definition.properties.Memory, 1024, /^gb$/i),
  };
}

function runs(service: InventoryResource, stack: InventoryStack): Tasks {
  const definition = referencedResource(stack, service.properties.TaskDefinition);
  if (!definition || !isFargate(service, definition))
    return { fargate: false, vcpu: 0, memoryGb: 0, architecture: 'x86_64' };
  const { vcpu = 0, memoryGb = 0 } = taskSize(definition);
  const arm = nestedProperty(definition, ['RuntimePlatform', 'CpuArchitecture']) === 'ARM64';
  return { fargate: true, vcpu, memoryGb, architecture: arm ? 'arm64' : 'x86_64' };
}
