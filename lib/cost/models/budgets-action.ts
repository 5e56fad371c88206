import { type CostModel, DAYS_PER_MONTH } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * Budget actions make their budget action-enabled: a budget-day each day of the month (the account's first
 * two action-enabled budgets are free). Budgets that only notify cost nothing (listed as free).
 *
 * Pricing: https://aws.amazon.com/aws-cost-management/aws-budgets/pricing/
 */
export const budgetAction: CostModel = {
  types: ['AWS::Budgets::BudgetsAction'],
  service: 'AWS Budgets',
  usage: {},
  prices: [
    {
      service: PRICE_SERVICES.budgets,
      queries: [
        {
          id: 'budgets.budget-days',
          unit: 'Budget-days',
          description: 'AWS Budgets action-enabled budget, per budget-day',
          usageType: 'ActionEnabledBudgetsUsage',
          global: true,
          alwaysFree: {
            quantity: 60.8333,
            note: 'The first two budgets of an account are free: 2 × 730/24 budget-days',
          },
        },
      ],
    },
  ],
  components: () => [
    {
      name: 'Budget',
      priceId: 'budgets.budget-days',
      quantity: DAYS_PER_MONTH,
      idle: true,
      basis: '30.42 budget-days',
    },
  ],
};
