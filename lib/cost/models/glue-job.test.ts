import { describe, expect, it } from 'vitest';
import { glueJob } from './glue-job.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

const STREAMING = { Command: { Name: 'gluestreaming' }, WorkerType: 'G.025X', NumberOfWorkers: 2 };

describe('Glue job', () => {
  it('workers × DPU per worker × minutes, with the 1-minute minimum of Glue 2.0+', () => {
    const c = componentsOf(
      glueJob,
      { WorkerType: 'G.1X', NumberOfWorkers: 2, GlueVersion: '4.0' },
      { runs: 30, averageMinutes: 0.5 },
    );
    expect(quantities(c)).toEqual({ 'glue.etl.dpu-hour': (30 * 1 * 2) / 60 });
  });

  it('the 10-minute minimum of Glue 1.0, MaxCapacity, and Flex', () => {
    expect(
      quantities(
        componentsOf(glueJob, { MaxCapacity: 10, GlueVersion: '1.0' }, { runs: 6, averageMinutes: 2 }),
      ),
    ).toEqual({ 'glue.etl.dpu-hour': 10 });
    expect(
      quantities(
        componentsOf(
          glueJob,
          { WorkerType: 'G.2X', NumberOfWorkers: 3, ExecutionClass: 'FLEX' },
          { runs: 1, averageMinutes: 60 },
        ),
      ),
    ).toEqual({ 'glue.etl.flex.dpu-hour': 6 });
  });

  it('Python shell at 0.0625 DPU, streaming jobs around the clock (idle)', () => {
    expect(
      quantities(
        componentsOf(glueJob, { Command: { Name: 'pythonshell' } }, { runs: 60, averageMinutes: 1 }),
      ),
    ).toEqual({ 'glue.etl.dpu-hour': 0.0625 });
    const streaming = componentsOf(glueJob, STREAMING);
    expect(quantities(streaming)).toEqual({ 'glue.etl.dpu-hour': 365 });
    expect(streaming[0]?.idle).toBe(true);
  });

  it('reads runs and their duration for batch jobs, hours for streaming jobs; by default 30 runs of 5 minutes', () => {
    expect(usageDefaults(glueJob)).toEqual({ runs: 30, averageMinutes: 5, streamingHours: 730 });
    expect(usageRead(glueJob)).toEqual(['averageMinutes', 'runs']);
    expect(usageRead(glueJob, STREAMING)).toEqual(['streamingHours']);
    // 10 DPU when a job states no capacity: 30 runs × 5 min × 10 DPU.
    expect(quantities(componentsOf(glueJob))).toEqual({ 'glue.etl.dpu-hour': 25 });
  });

  it('has no always-free allowance', () => {
    const cost = monthlyCost(componentsOf(glueJob));
    expect(cost.before).toBeGreaterThan(0);
    expect(cost.after).toBe(cost.before);
  });
});
