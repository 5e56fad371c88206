import { describe, expect, it } from 'vitest';
import { codePipeline } from './codepipeline-pipeline.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

const V2 = { PipelineType: 'V2' };

describe('CodePipeline pipeline', () => {
  it('V1 per pipeline, V2 per action minute', () => {
    expect(quantities(componentsOf(codePipeline))).toEqual({ 'codepipeline.v1.active-pipeline': 1 });
    expect(
      quantities(componentsOf(codePipeline, V2, { executions: 10, actionMinutesPerExecution: 3 })),
    ).toEqual({ 'codepipeline.v2.action-minutes': 30 });
  });

  it('reads executions and their action minutes for V2; a V1 pipeline needs none', () => {
    expect(usageDefaults(codePipeline)).toEqual({ executions: 30, actionMinutesPerExecution: 10 });
    expect(usageRead(codePipeline)).toEqual([]);
    expect(usageRead(codePipeline, V2)).toEqual(['actionMinutesPerExecution', 'executions']);
  });

  it('bills nothing for one active V1 pipeline or 100 V2 action minutes a month', () => {
    expect(monthlyCost(componentsOf(codePipeline)).after).toBe(0);
    expect(monthlyCost([...componentsOf(codePipeline), ...componentsOf(codePipeline)]).after).toBeGreaterThan(
      0,
    );
    expect(monthlyCost(componentsOf(codePipeline, V2, { executions: 10 })).after).toBe(0);
    expect(monthlyCost(componentsOf(codePipeline, V2)).after).toBeGreaterThan(0);
  });
});
