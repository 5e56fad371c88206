import { CfnOutput } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AnalystRole } from '../constructs/analyst-role.ts';
import { AnalystsGroup } from '../constructs/analysts-group.ts';
import { DataLake } from '../constructs/data-lake.ts';
import { MonthlyBudget } from '../constructs/monthly-budget.ts';
import { PhaseStack, type PhaseStackProps } from './phase-stack.ts';

/**
 * Phase 1: the S3 data lake, the analyst role and group with MFA, and the budget. The pipeline's roles come with
 * the phases that use them: each function, crawler and Glue job has its own, allowed its one job.
 */
export class FoundationStack extends PhaseStack {
  readonly dataLake: DataLake;
  /** The role (construct id `Roles`, kept so the analyst role is not replaced) analysts assume. */
  readonly roles: AnalystRole;
  readonly analysts: AnalystsGroup;
  readonly budget: MonthlyBudget;

  constructor(scope: Construct, props: PhaseStackProps) {
    super(scope, 'foundation', props);
    const { config, names } = this;

    this.dataLake = new DataLake(this, 'DataLake', {
      names,
      encryption: config.encryption,
      lifecycle: config.lifecycle,
    });
    this.roles = new AnalystRole(this, 'Roles', { names, dataLake: this.dataLake });
    this.analysts = new AnalystsGroup(this, 'Analysts', {
      names,
      analystPolicy: this.roles.policy,
      userNames: config.iamUsers,
    });
    this.budget = new MonthlyBudget(this, 'Budget', {
      budgetName: names.resource('monthly'),
      limitUsd: config.budget.monthlyLimitUsd,
      email: config.alarmEmail,
      costAllocationTag: config.budget.filterByEnvironmentTag
        ? { key: 'environment', value: config.environment }
        : undefined,
    });
    this.addOutputs();
  }

  private addOutputs(): void {
    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    for (const [purpose, bucket] of Object.entries(this.dataLake.allBuckets)) {
      const title = purpose[0]?.toUpperCase() + purpose.slice(1);
      output(`${title}BucketName`, bucket.bucketName, `Name of the ${purpose} bucket`);
      output(`${title}BucketArn`, bucket.bucketArn, `ARN of the ${purpose} bucket`);
    }
    const { role, policy } = this.roles;
    output('AnalystRoleName', role.roleName, 'Name of the analyst role');
    output('AnalystRoleArn', role.roleArn, 'ARN of the analyst role');
    output('AnalystPolicyArn', policy.managedPolicyArn, 'ARN of the analyst managed policy');
    output('AnalystsGroupName', this.analysts.group.groupName, 'IAM group for analysts (MFA required)');
    if (this.dataLake.key) output('DataLakeKeyArn', this.dataLake.key.keyArn, 'KMS key of the data lake');
    output('BudgetName', this.names.resource('monthly'), 'AWS Budgets budget of this environment');
  }
}
