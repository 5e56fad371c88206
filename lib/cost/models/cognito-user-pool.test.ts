import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { cognitoUserPool } from './cognito-user-pool.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

describe('Cognito user pool', () => {
  it('bills monthly active users at the pool’s plan, Essentials when unset', () => {
    expect(quantities(componentsOf(cognitoUserPool))).toEqual({ 'cognito.mau.essentials': 100 });
    expect(
      quantities(componentsOf(cognitoUserPool, { UserPoolTier: 'PLUS' }, { monthlyActiveUsers: 7 })),
    ).toEqual({
      'cognito.mau.plus': 7,
    });
    expect(quantities(componentsOf(cognitoUserPool, { UserPoolTier: 'LITE' }))).toEqual({
      'cognito.mau.lite': 100,
    });
    expect(quantities(componentsOf(cognitoUserPool, { UserPoolTier: { Ref: 'Tier' } }))).toEqual({
      'cognito.mau.essentials': 100,
    });
    expect(usageDefaults(cognitoUserPool)).toEqual({ monthlyActiveUsers: 100 });
    expect(usageRead(cognitoUserPool)).toEqual(['monthlyActiveUsers']);
  });

  it('prices by hand: 50,000 Essentials MAUs = 40,000 × $0.015 = $600 after the 10,000 free', () => {
    const cost = monthlyCost(componentsOf(cognitoUserPool, {}, { monthlyActiveUsers: 50_000 }));
    expect(cost.before).toBeCloseTo(750, 6);
    expect(cost.after).toBeCloseTo(600, 6);
    expect(monthlyCost(componentsOf(cognitoUserPool)).after).toBe(0);
  });

  it('has no free MAUs on Plus: 1,000 MAUs = $20', () => {
    const cost = monthlyCost(
      componentsOf(cognitoUserPool, { UserPoolTier: 'PLUS' }, { monthlyActiveUsers: 1_000 }),
    );
    expect(cost.after).toBeCloseTo(20, 6);
  });

  it('leaves the Lite price out of the bundled catalog (not verified): refresh fetches it', () => {
    expect(loadCatalog('us-east-1').prices['cognito.mau.lite']).toBeUndefined();
  });
});
