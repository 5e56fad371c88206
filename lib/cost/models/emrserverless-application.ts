import { type CostModel, stringProperty } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

const UNVERIFIED = 'no AWS page read here states the EMR Serverless rates';

/**
 * EMR Serverless applications: the vCPU-hours and GB-hours of memory their workers use while jobs run (per
 * second, 1 minute minimum per worker), at the rates of the application's architecture (Graviton ARM64 is
 * cheaper than X86_64), and ephemeral storage beyond the 20 GB each worker gets free. Pre-initialized
 * capacity kept warm between jobs is not priced here.
 *
 * Pricing: https://aws.amazon.com/emr/pricing/
 */
export const emrServerlessApplication: CostModel = {
  types: ['AWS::EMRServerless::Application'],
  service: 'Amazon EMR',
  usage: {
    vcpuHours: { description: 'vCPU-hours of workers per month', unit: 'vCPU-hours', default: 10 },
    memoryGbHours: {
      description: 'GB-hours of worker memory per month',
      unit: 'GB-hours',
      default: 40,
    },
    storageGbHours: {
      description: 'GB-hours of ephemeral storage beyond the 20 GB free per worker',
      unit: 'GB-hours',
      default: 0,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.emr,
      queries: [
        {
          id: 'emr-serverless.vcpu-hours.x86_64',
          unit: 'vCPU-Hours',
          description: 'EMR Serverless vCPU-hour, x86_64',
          usageType: 'EMR-SERVERLESS-vCPUHours',
          unverified: UNVERIFIED,
        },
        {
          id: 'emr-serverless.memory-gb-hours.x86_64',
          unit: 'GB-Hours',
          description: 'EMR Serverless memory GB-hour, x86_64',
          usageType: 'EMR-SERVERLESS-MemoryGBHours',
          unverified: UNVERIFIED,
        },
        {
          id: 'emr-serverless.vcpu-hours.arm64',
          unit: 'vCPU-Hours',
          description: 'EMR Serverless vCPU-hour, ARM64',
          usageType: 'EMR-SERVERLESS-ARM-vCPUHours',
          unverified: UNVERIFIED,
        },
        {
          id: 'emr-serverless.memory-gb-hours.arm64',
          unit: 'GB-Hours',
          description: 'EMR Serverless memory GB-hour, ARM64',
          usageType: 'EMR-SERVERLESS-ARM-MemoryGBHours',
          unverified: UNVERIFIED,
        },
        {
          id: 'emr-serverless.storage-gb-hours',
          unit: 'GB-Hours',
          description: 'EMR Serverless ephemeral storage GB-hour beyond 20 GB per worker',
          usageType: 'EMR-SERVERLESS-StorageGBHours',
          unverified: UNVERIFIED,
        },
      ],
    },
  ],
  components: ({ resource, usage }) => {
    const arch = stringProperty(resource, 'Architecture', 'X86_64') === 'ARM64' ? 'arm64' : 'x86_64';
    const basis = (field: string) => `${field}, Architecture ${arch === 'arm64' ? 'ARM64' : 'X86_64'}`;
    return [
      {
        name: `vCPU-hours (${arch})`,
        priceId: `emr-serverless.vcpu-hours.${arch}`,
        quantity: usage('vcpuHours'),
        basis: basis('vcpuHours'),
      },
      {
        name: `Memory GB-hours (${arch})`,
        priceId: `emr-serverless.memory-gb-hours.${arch}`,
        quantity: usage('memoryGbHours'),
        basis: basis('memoryGbHours'),
      },
      {
        name: 'Ephemeral storage beyond 20 GB per worker',
        priceId: 'emr-serverless.storage-gb-hours',
        quantity: usage('storageGbHours'),
        basis: 'storageGbHours',
      },
    ];
  },
};
