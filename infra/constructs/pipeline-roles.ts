import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { ResourceNames } from '../../lib/config/resource-names.ts';
import { AnalystPolicy } from './analyst-policy.ts';
import type { DataLake } from './data-lake.ts';

export interface PipelineRolesProps {
  /** Names of this environment's resources. */
  readonly names: ResourceNames;
  /** The lake whose zones the roles read and write. */
  readonly dataLake: DataLake;
}

/**
 * The data pipeline's roles, one per job to do, each allowed exactly that job:
 * ingest writes raw; ETL reads raw and writes clean and curated; the analyst reads curated and queries it.
 */
export class PipelineRoles extends Construct {
  readonly ingest: iam.Role;
  readonly etl: iam.Role;
  readonly analyst: iam.Role;
  readonly analystPolicy: AnalystPolicy;

  constructor(scope: Construct, id: string, props: PipelineRolesProps) {
    super(scope, id);
    const { names, dataLake } = props;

    this.ingest = new iam.Role(this, 'Ingest', {
      roleName: names.resource('ingest'),
      description: 'Ingestion functions: put objects into the raw zone, nothing more',
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    dataLake.grantWrite(this.ingest, 'raw');

    this.etl = new iam.Role(this, 'Etl', {
      roleName: names.resource('etl'),
      description: 'Glue ETL jobs: read the raw zone, read and write the clean and curated zones',
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
    });
    dataLake.grantRead(this.etl, 'raw');
    dataLake.grantReadWrite(this.etl, 'clean');
    dataLake.grantReadWrite(this.etl, 'curated');

    this.analystPolicy = new AnalystPolicy(this, 'AnalystPolicy', { names, dataLake });
    this.analyst = new iam.Role(this, 'Analyst', {
      roleName: names.resource('analyst'),
      description: 'Analysts: read the curated zone and query it with Athena; assumable with MFA only',
      assumedBy: new iam.AccountPrincipal(Stack.of(this).account).withConditions({
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      }),
      managedPolicies: [this.analystPolicy],
    });
  }
}
