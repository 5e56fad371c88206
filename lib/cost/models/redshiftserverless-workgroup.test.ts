import { describe, expect, it } from 'vitest';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';
import { redshiftServerless } from './redshiftserverless-workgroup.ts';

describe('Redshift Serverless', () => {
  it('bills a workgroup RPU-hours: base capacity × active hours, 128 RPUs when unset', () => {
    expect(quantities(componentsOf(redshiftServerless))).toEqual({ 'redshift.serverless.rpu-hours': 1_280 });
    const [compute] = componentsOf(redshiftServerless, { BaseCapacity: 8 }, { activeHours: 10 });
    expect(compute).toMatchObject({ quantity: 80, basis: '8 RPUs (BaseCapacity) × 10 h (activeHours)' });
    expect(compute?.idle).toBeUndefined();
    expect(usageRead(redshiftServerless)).toEqual(['activeHours']);
  });

  it('prices by hand: 8 RPUs for 10 hours = 80 RPU-hours × $0.375 = $30.00', () => {
    expect(monthlyCost(componentsOf(redshiftServerless, { BaseCapacity: '8' })).after).toBeCloseTo(30, 6);
  });

  it('bills a namespace its managed storage: 100 GB × $0.024 = $2.40', () => {
    const type = 'AWS::RedshiftServerless::Namespace';
    expect(quantities(componentsOf(redshiftServerless, {}, {}, type))).toEqual({
      'redshift.managed-storage': 1,
    });
    expect(usageRead(redshiftServerless, {}, {}, type)).toEqual(['storageGb']);
    expect(monthlyCost(componentsOf(redshiftServerless, {}, { storageGb: 100 }, type)).after).toBeCloseTo(
      2.4,
      6,
    );
    expect(usageDefaults(redshiftServerless)).toEqual({ activeHours: 10, storageGb: 1 });
  });
});
