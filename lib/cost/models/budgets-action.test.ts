import { describe, expect, it } from 'vitest';
import { budgetAction } from './budgets-action.ts';
import { freeReason } from './free-types.ts';
import { modelFor } from './index.ts';
import { componentsOf, monthlyCost, usageRead } from './model-test-kit.ts';

describe('Budgets action', () => {
  it('bills its budget by the day even when idle; budgets that only notify are free', () => {
    expect(componentsOf(budgetAction)).toEqual([
      expect.objectContaining({ priceId: 'budgets.budget-days', quantity: 730 / 24, idle: true }),
    ]);
    expect(modelFor('AWS::Budgets::Budget')).toBeUndefined();
    expect(freeReason('AWS::Budgets::Budget')).toMatch(/only notify cost nothing/);
  });

  it('needs no usage', () => {
    expect(budgetAction.usage).toEqual({});
    expect(usageRead(budgetAction)).toEqual([]);
  });

  it('bills nothing for the first two action-enabled budgets of an account', () => {
    const budgets = (count: number) => Array.from({ length: count }, () => componentsOf(budgetAction)).flat();
    expect(monthlyCost(budgets(1)).after).toBe(0);
    // The allowance is stated to 4 decimals: two whole months leave a fraction of a cent.
    expect(monthlyCost(budgets(2)).after).toBeLessThan(0.001);
    expect(monthlyCost(budgets(3)).after).toBeGreaterThan(1);
  });
});
