import { describe, expect, it } from 'vitest';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';
import { mwaaEnvironment } from './mwaa-environment.ts';

describe('MWAA environment', () => {
  it('bills the environment class, workers above one, schedulers above two, metadata', () => {
    const c = componentsOf(mwaaEnvironment, { EnvironmentClass: 'mw1.medium', MinWorkers: 3, Schedulers: 3 });
    expect(quantities(c)).toEqual({
      'mwaa.environment.mw1.medium': 730,
      'mwaa.worker.mw1.medium': 1460,
      'mwaa.scheduler.mw1.medium': 730,
      'mwaa.metadb-storage': 1,
    });
  });

  it('reads extra workers on average and metadata storage; by default an mw1.small with none', () => {
    expect(usageDefaults(mwaaEnvironment)).toEqual({ averageExtraWorkers: 0, metadataGb: 1 });
    expect(usageRead(mwaaEnvironment)).toEqual(['averageExtraWorkers', 'metadataGb']);
    expect(quantities(componentsOf(mwaaEnvironment, {}, { averageExtraWorkers: 0.5 }))).toEqual({
      'mwaa.environment.mw1.small': 730,
      'mwaa.worker.mw1.small': 365,
      'mwaa.metadb-storage': 1,
    });
  });

  it('has no always-free allowance', () => {
    const cost = monthlyCost(componentsOf(mwaaEnvironment));
    expect(cost.before).toBeGreaterThan(0);
    expect(cost.after).toBe(cost.before);
  });
});
