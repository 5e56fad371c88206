import * as budgets from 'aws-cdk-lib/aws-budgets';
import { Construct } from 'constructs';

/** Alert when spend crosses these shares of the budget, both actual and forecast. */
const THRESHOLDS_PERCENT = [50, 80, 100];

export interface MonthlyBudgetProps {
  /** Name of the budget, `${project}-${environment}-monthly`. */
  readonly budgetName: string;
  /** Monthly cost, in US dollars, the thresholds are shares of. */
  readonly limitUsd: number;
  /** Who is e-mailed at each threshold. */
  readonly email: string;
  /** Count only costs carrying this cost allocation tag, e.g. `{ environment: 'dev' }`. @default - the whole account's costs */
  readonly costAllocationTag?: { readonly key: string; readonly value: string };
}

/** A monthly AWS Budgets cost budget that e-mails at 50/80/100 % of actual and of forecast spend. */
export class MonthlyBudget extends Construct {
  readonly budget: budgets.CfnBudget;

  constructor(scope: Construct, id: string, props: MonthlyBudgetProps) {
    super(scope, id);
    const tag = props.costAllocationTag;
    this.budget = new budgets.CfnBudget(this, 'Resource', {
      budget: {
        budgetName: props.budgetName,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.limitUsd, unit: 'USD' },
        costFilters: tag ? { TagKeyValue: [`user:${tag.key}$${tag.value}`] } : undefined,
      },
      notificationsWithSubscribers: ['ACTUAL', 'FORECASTED'].flatMap((notificationType) =>
        THRESHOLDS_PERCENT.map((threshold) => ({
          notification: {
            notificationType,
            comparisonOperator: 'GREATER_THAN',
            threshold,
            thresholdType: 'PERCENTAGE',
          },
          subscribers: [{ subscriptionType: 'EMAIL', address: props.email }],
        })),
      ),
    });
  }
}
