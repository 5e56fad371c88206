import { App, RemovalPolicy, Stack, Stage } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { decideRemovalPolicy, mayDestroyData, removalPolicyOf } from './removal-policy.ts';

describe('the removal policy, decided once per environment', () => {
  const deepIn = (removalPolicy?: 'destroy' | 'retain') => {
    const stage = new Stage(new App(), 'env');
    if (removalPolicy) decideRemovalPolicy(stage, { removalPolicy });
    return new Construct(new Stack(stage, 'phase'), 'Part');
  };

  it('lets everything below a "destroy" environment be destroyed', () => {
    expect(removalPolicyOf(deepIn('destroy'))).toBe(RemovalPolicy.DESTROY);
    expect(mayDestroyData(deepIn('destroy'))).toBe(true);
  });

  it('retains in a "retain" environment, and wherever no environment decided', () => {
    expect(removalPolicyOf(deepIn('retain'))).toBe(RemovalPolicy.RETAIN);
    expect(removalPolicyOf(deepIn())).toBe(RemovalPolicy.RETAIN);
    expect(mayDestroyData(deepIn())).toBe(false);
  });
});
