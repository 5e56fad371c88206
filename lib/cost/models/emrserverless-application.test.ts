import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { emrServerlessApplication } from './emrserverless-application.ts';
import { componentsOf, declaredPriceIds, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

describe('EMR Serverless application', () => {
  it('bills vCPU-hours and memory GB-hours at the x86_64 rates unless the application is ARM64', () => {
    expect(quantities(componentsOf(emrServerlessApplication))).toEqual({
      'emr-serverless.vcpu-hours.x86_64': 10,
      'emr-serverless.memory-gb-hours.x86_64': 40,
      'emr-serverless.storage-gb-hours': 0,
    });
    expect(
      quantities(
        componentsOf(
          emrServerlessApplication,
          { Architecture: 'ARM64' },
          { vcpuHours: 2, storageGbHours: 5 },
        ),
      ),
    ).toEqual({
      'emr-serverless.vcpu-hours.arm64': 2,
      'emr-serverless.memory-gb-hours.arm64': 40,
      'emr-serverless.storage-gb-hours': 5,
    });
    expect(usageDefaults(emrServerlessApplication)).toEqual({
      vcpuHours: 10,
      memoryGbHours: 40,
      storageGbHours: 0,
    });
    expect(usageRead(emrServerlessApplication)).toEqual(['memoryGbHours', 'storageGbHours', 'vcpuHours']);
  });

  it('leaves every rate out of the bundled catalog (not verified): the estimate says so until a refresh', () => {
    const prices = loadCatalog('us-east-1').prices;
    expect(declaredPriceIds(emrServerlessApplication).filter((id) => prices[id])).toEqual([]);
  });
});
