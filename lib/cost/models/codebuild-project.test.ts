import { describe, expect, it } from 'vitest';
import { codeBuildProject } from './codebuild-project.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

const MEDIUM = { Environment: { ComputeType: 'BUILD_GENERAL1_MEDIUM', Type: 'LINUX_CONTAINER' } };

describe('CodeBuild project', () => {
  it('bills build minutes by compute type, each build rounded up to a whole minute', () => {
    expect(quantities(componentsOf(codeBuildProject, MEDIUM, { builds: 10, averageMinutes: 2.1 }))).toEqual({
      'codebuild.build_general1_medium.linux': 30,
    });
    const arm = { Environment: { ComputeType: 'BUILD_GENERAL1_SMALL', Type: 'ARM_CONTAINER' } };
    expect(Object.keys(quantities(componentsOf(codeBuildProject, arm)))).toEqual([
      'codebuild.build_arm1_small.linux',
    ]);
  });

  it('reads builds and their duration; by default 30 builds of 5 minutes on general1.small', () => {
    expect(usageDefaults(codeBuildProject)).toEqual({ builds: 30, averageMinutes: 5 });
    expect(usageRead(codeBuildProject)).toEqual(['averageMinutes', 'builds']);
    expect(quantities(componentsOf(codeBuildProject))).toEqual({
      'codebuild.build_general1_small.linux': 150,
    });
  });

  it('bills nothing within 100 general1.small minutes; larger machines have no allowance', () => {
    expect(monthlyCost(componentsOf(codeBuildProject, {}, { builds: 20 })).after).toBe(0);
    expect(monthlyCost(componentsOf(codeBuildProject)).after).toBeGreaterThan(0);
    const medium = monthlyCost(componentsOf(codeBuildProject, MEDIUM, { builds: 1 }));
    expect(medium.after).toBe(medium.before);
    expect(medium.before).toBeGreaterThan(0);
  });
});
