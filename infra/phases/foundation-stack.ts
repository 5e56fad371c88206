import { CfnOutput } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AnalystsGroup } from '../constructs/analysts-group.ts';
import { DataLake } from '../constructs/data-lake.ts';
import { MonthlyBudget } from '../constructs/monthly-budget.ts';
import { PipelineRoles } from '../constructs/pipeline-roles.ts';
import { PhaseStack, type PhaseStackProps } from './phase-stack.ts';

/** Phase 1: the S3 data lake, least-privilege roles, the analysts group with MFA, and the budget. */
export class FoundationStack extends PhaseStack {
  readonly dataLake: DataLake;
  readonly roles: PipelineRoles;
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
    this.roles = new PipelineRoles(this, 'Roles', { names, dataLake: this.dataLake });
    this.analysts = new AnalystsGroup(this, 'Analysts', {
      names,
      analystPolicy: this.roles.analystPolicy,
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
    const { ingest, etl, analyst, analystPolicy } = this.roles;
    for (const [title, role] of Object.entries({ Ingest: ingest, Etl: etl, Analyst: analyst })) {
      output(`${title}RoleName`, role.roleName, `Name of the ${title.toLowerCase()} role`);
      output(`${title}RoleArn`, role.roleArn, `ARN of the ${title.toLowerCase()} role`);
    }
    output('AnalystPolicyArn', analystPolicy.managedPolicyArn, 'ARN of the analyst managed policy');
    output('AnalystsGroupName', this.analysts.group.groupName, 'IAM group for analysts (MFA required)');
    if (this.dataLake.key) output('DataLakeKeyArn', this.dataLake.key.keyArn, 'KMS key of the data lake');
    output('BudgetName', this.names.resource('monthly'), 'AWS Budgets budget of this environment');
  }
}
