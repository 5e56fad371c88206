import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { ResourceNames } from '../../lib/config/resource-names.ts';
import { AnalystPolicy } from './analyst-policy.ts';
import type { DataLake } from './data-lake.ts';

export interface AnalystRoleProps {
  /** Names of this environment's resources. */
  readonly names: ResourceNames;
  /** The lake whose curated zone the analyst reads. */
  readonly dataLake: DataLake;
}

/**
 * The role people assume to read the curated zone and query it with Athena, with MFA only. The pipeline's own
 * roles sit beside what uses them, each allowed its one job: every function, crawler and Glue job has its own.
 */
export class AnalystRole extends Construct {
  readonly role: iam.Role;
  readonly policy: AnalystPolicy;

  constructor(scope: Construct, id: string, props: AnalystRoleProps) {
    super(scope, id);
    const { names, dataLake } = props;
    this.policy = new AnalystPolicy(this, 'AnalystPolicy', { names, dataLake });
    this.role = new iam.Role(this, 'Analyst', {
      roleName: names.resource('analyst'),
      description: 'Analysts: read the curated zone and query it with Athena; assumable with MFA only',
      assumedBy: new iam.AccountPrincipal(Stack.of(this).account).withConditions({
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      }),
      managedPolicies: [this.policy],
    });
  }
}
