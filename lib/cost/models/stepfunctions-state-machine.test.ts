import { describe, expect, it } from 'vitest';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';
import { stateMachine } from './stepfunctions-state-machine.ts';

const EXPRESS = { StateMachineType: 'EXPRESS' };
const TRACED = { TracingConfiguration: { Enabled: true } };

describe('Step Functions state machine', () => {
  it('standard: executions × transitions; X-Ray traces when tracing is on', () => {
    const c = componentsOf(stateMachine, TRACED, { executions: 100, transitionsPerExecution: 7 });
    expect(quantities(c)).toEqual({ 'sfn.standard.state-transitions': 700, 'xray.traces-recorded': 100 });
  });

  it('express: requests and GB-seconds in 64 MB steps and 100 ms increments', () => {
    const c = componentsOf(stateMachine, EXPRESS, {
      executions: 1000,
      averageDurationMs: 1050,
      memoryMb: 100,
    });
    expect(quantities(c)).toEqual({
      'sfn.express.requests': 1000,
      'sfn.express.duration': 1000 * 1.1 * 0.125,
    });
  });

  it('reads executions, and transitions (standard) or duration and memory (express); SAM state machines too', () => {
    expect(usageDefaults(stateMachine)).toEqual({
      executions: 100,
      transitionsPerExecution: 10,
      averageDurationMs: 1_000,
      memoryMb: 64,
    });
    expect(usageRead(stateMachine)).toEqual(['executions', 'transitionsPerExecution']);
    expect(usageRead(stateMachine, EXPRESS)).toEqual(['averageDurationMs', 'executions', 'memoryMb']);
    expect(
      quantities(componentsOf(stateMachine, { Type: 'EXPRESS' }, {}, 'AWS::Serverless::StateMachine')),
    ).toEqual({ 'sfn.express.requests': 100, 'sfn.express.duration': 6.25 });
  });

  it('bills nothing within 4,000 state transitions and 100,000 X-Ray traces a month', () => {
    const within = componentsOf(stateMachine, TRACED, { executions: 400, transitionsPerExecution: 10 });
    expect(monthlyCost(within).before).toBeGreaterThan(0);
    expect(monthlyCost(within).after).toBe(0);
    expect(monthlyCost(componentsOf(stateMachine, {}, { executions: 401 })).after).toBeGreaterThan(0);

    const traces = (executions: number) =>
      componentsOf(stateMachine, { ...TRACED, ...EXPRESS }, { executions }).filter(
        (c) => c.priceId === 'xray.traces-recorded',
      );
    expect(monthlyCost(traces(100_000)).after).toBe(0);
    expect(monthlyCost(traces(100_001)).after).toBeGreaterThan(0);
  });

  it('has no allowance for express workflows', () => {
    const cost = monthlyCost(componentsOf(stateMachine, EXPRESS));
    expect(cost.before).toBeGreaterThan(0);
    expect(cost.after).toBe(cost.before);
  });
});
