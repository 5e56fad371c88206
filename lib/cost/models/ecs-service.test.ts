import { describe, expect, it } from 'vitest';
import { ecsService } from './ecs-service.ts';
import { componentsBeside, monthlyCost, neighbour, quantities, unpricedReason } from './model-test-kit.ts';

const task = (properties: Record<string, unknown>) =>
  neighbour('Task', 'AWS::ECS::TaskDefinition', properties);
const service = (extra: Record<string, unknown> = {}) => ({
  TaskDefinition: { Ref: 'Task' },
  LaunchType: 'FARGATE',
  ...extra,
});

describe('ECS services on Fargate', () => {
  it("matches Infracost's Fargate service: 2 vCPU and 4 GB for a month = $59.10 + $12.98", () => {
    const c = componentsBeside(ecsService, service(), [task({ Cpu: '2048', Memory: '4096' })]);
    expect(quantities(c)).toEqual({ 'fargate.x86_64.vcpu': 1460, 'fargate.x86_64.memory': 2920 });
    expect(monthlyCost(c).before).toBeCloseTo(1460 * 0.04048 + 2920 * 0.004445, 6);
    expect(monthlyCost(c).before).toBeCloseTo(59.1 + 12.98, 1);
  });

  it('multiplies by DesiredCount, reads "0.25 vCPU" / "0.5 GB" spellings and prices ARM at its own rate', () => {
    const c = componentsBeside(ecsService, service({ DesiredCount: 2 }), [
      task({ Cpu: '0.25 vCPU', Memory: '0.5 GB', RuntimePlatform: { CpuArchitecture: 'ARM64' } }),
    ]);
    expect(quantities(c)).toEqual({ 'fargate.arm64.vcpu': 365, 'fargate.arm64.memory': 730 });
    // 365 × $0.03238 + 730 × $0.00356.
    expect(monthlyCost(c).before).toBeCloseTo(11.8187 + 2.5988, 6);
  });

  it('runs on Fargate through a capacity provider, or a Fargate-only task definition with no launch type', () => {
    const fargateTask = task({ Cpu: 256, Memory: 512, RequiresCompatibilities: ['FARGATE'] });
    const byProvider = componentsBeside(
      ecsService,
      {
        TaskDefinition: { Ref: 'Task' },
        CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Weight: 1 }],
      },
      [fargateTask],
    );
    expect(quantities(byProvider)).toEqual({ 'fargate.x86_64.vcpu': 182.5, 'fargate.x86_64.memory': 365 });
    expect(componentsBeside(ecsService, { TaskDefinition: { Ref: 'Task' } }, [fargateTask])).toHaveLength(2);
  });

  it('bills nothing itself on EC2 instances (they are billed), and says why Spot, Windows or unknown tasks are not priced', () => {
    expect(
      componentsBeside(ecsService, service({ LaunchType: 'EC2' }), [task({ Cpu: '256', Memory: '512' })]),
    ).toEqual([]);
    expect(unpricedReason(ecsService, service({ LaunchType: 'EC2' }), [])).toBeUndefined();
    expect(
      unpricedReason(ecsService, {
        CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }],
      }),
    ).toMatch(/Fargate Spot/);
    expect(unpricedReason(ecsService, service(), [])).toMatch(/task definition is not in this stack/);
    expect(
      unpricedReason(ecsService, service(), [
        task({
          Cpu: '1024',
          Memory: '2048',
          RuntimePlatform: { OperatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' },
        }),
      ]),
    ).toMatch(/Windows/);
    expect(unpricedReason(ecsService, service(), [task({ Cpu: { Ref: 'Cpu' }, Memory: '512' })])).toMatch(
      /Cpu and Memory are not fixed/,
    );
  });
});
