import { describe, expect, it } from 'vitest';
import { loadEnvironmentConfig } from '../../lib/config/load-config.ts';
import { resourcesOfType, stackOf } from '../../test/assembly.ts';
import { variantStackOf } from '../../test/variant-app.ts';

describe('the monthly budget', () => {
  it.each(['dev', 'stage', 'prod'])(
    '%s: e-mails at 50, 80 and 100 %% of actual and forecast spend',
    (environment) => {
      const config = loadEnvironmentConfig(environment);
      const [[, budget] = []] = resourcesOfType(stackOf(environment, 'foundation'), 'AWS::Budgets::Budget');
      const props = budget?.Properties as Record<string, any>;
      expect(props.Budget).toEqual({
        BudgetName: `launchpad-${environment}-monthly`,
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: config.budget.monthlyLimitUsd, Unit: 'USD' },
      });
      const alerts = props.NotificationsWithSubscribers.map((n: any) => [
        n.Notification.NotificationType,
        n.Notification.Threshold,
        n.Notification.ThresholdType,
        n.Notification.ComparisonOperator,
        n.Subscribers,
      ]);
      const subscribers = [{ SubscriptionType: 'EMAIL', Address: config.alarmEmail }];
      expect(alerts).toEqual(
        ['ACTUAL', 'FORECASTED'].flatMap((type) =>
          [50, 80, 100].map((threshold) => [type, threshold, 'PERCENTAGE', 'GREATER_THAN', subscribers]),
        ),
      );
    },
  );

  it('counts only the environment’s tagged costs when asked to', () => {
    const template = variantStackOf('foundation-options', 'dev', 'foundation').assertions;
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        CostFilters: { TagKeyValue: ['user:environment$dev'] },
        BudgetLimit: { Amount: 5, Unit: 'USD' },
      },
    });
  });
});
