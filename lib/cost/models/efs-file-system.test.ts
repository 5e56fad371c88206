import { describe, expect, it } from 'vitest';
import { efsFileSystem } from './efs-file-system.ts';
import {
  componentsOf,
  monthlyCost,
  quantities,
  unpricedReason,
  usageDefaults,
  usageRead,
} from './model-test-kit.ts';

// Infracost's efs_file_system_test: 230 GB, and 100 MiB/s provisioned of which 11.5 come with the storage.
describe('EFS file systems', () => {
  it("bills Standard storage as Infracost's: 230 GB = $69.00", () => {
    const c = componentsOf(efsFileSystem, { PerformanceMode: 'generalPurpose' }, { storageGb: 230 });
    expect(quantities(c)).toEqual({ 'efs.storage.standard': 230 });
    expect(monthlyCost(c).before).toBeCloseTo(69, 6);
  });

  it('bills One Zone storage when an Availability Zone is named: 230 GB = $36.80', () => {
    const c = componentsOf(efsFileSystem, { AvailabilityZoneName: 'us-east-1a' }, { storageGb: 230 });
    expect(quantities(c)).toEqual({ 'efs.storage.one-zone': 230 });
    expect(monthlyCost(c).before).toBeCloseTo(36.8, 6);
  });

  it('bills provisioned throughput above the included 1 MiB/s per 20 GB: 88.5 MiB/s = $531.00', () => {
    const c = componentsOf(
      efsFileSystem,
      { ThroughputMode: 'provisioned', ProvisionedThroughputInMibps: 100 },
      { storageGb: 230 },
    );
    expect(quantities(c)).toEqual({ 'efs.storage.standard': 230, 'efs.provisioned-throughput': 88.5 });
    expect(monthlyCost(c).before).toBeCloseTo(69 + 531, 6);
    expect(c[1]?.idle).toBe(true);
  });

  it('leaves lifecycle policies and elastic throughput not priced, naming the setting', () => {
    expect(
      unpricedReason(efsFileSystem, { LifecyclePolicies: [{ TransitionToIA: 'AFTER_30_DAYS' }] }),
    ).toMatch(/LifecyclePolicies .* not priced/);
    expect(unpricedReason(efsFileSystem, { ThroughputMode: 'elastic' })).toMatch(/ThroughputMode: elastic/);
    expect(unpricedReason(efsFileSystem, { ThroughputMode: 'bursting' })).toBeUndefined();
  });

  it('assumes 1 GB stored', () => {
    expect(usageDefaults(efsFileSystem)).toEqual({ storageGb: 1 });
    expect(usageRead(efsFileSystem)).toEqual(['storageGb']);
  });
});
