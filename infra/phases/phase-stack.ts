import { DefaultStackSynthesizer, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../lib/config/environment-config.ts';
import { PHASES, type PhaseName } from '../../lib/config/phases.ts';
import { ResourceNames } from '../../lib/config/resource-names.ts';
import { BootstrapNames, cdkQualifier } from '../bootstrap/bootstrap-names.ts';

export interface PhaseStackProps extends StackProps {
  /** The environment's config/<environment>.json, validated. */
  readonly config: EnvironmentConfig;
}

/** One roadmap phase of one environment, deployed as the stack `${project}-${environment}-${phase}`. */
export abstract class PhaseStack extends Stack {
  readonly config: EnvironmentConfig;
  readonly names: ResourceNames;

  protected constructor(
    scope: Construct,
    readonly phase: PhaseName,
    props: PhaseStackProps,
  ) {
    const { config } = props;
    const names = new ResourceNames(config.project, config.environment);
    const info = PHASES[phase];
    super(scope, phase, {
      ...props,
      stackName: names.resource(phase),
      description: `aws-data-launchpad phase ${info.roadmapPhase}, ${info.title} (${config.environment})`,
      terminationProtection: config.environment === 'prod',
      // The environment's own CDK bootstrap (roles, asset bucket): `npm run bootstrap` creates it, and the
      // environment's GitHub role may assume only its roles.
      synthesizer: new DefaultStackSynthesizer({
        qualifier: cdkQualifier(config.project, config.environment),
      }),
    });
    this.config = config;
    this.names = names;
    // Every role and user carries a boundary: the organisation's from config, else the one `npm run
    // bootstrap` made for this environment, which its CloudFormation execution role must put on each of them.
    const boundary = config.permissionsBoundaryArn
      ? iam.ManagedPolicy.fromManagedPolicyArn(this, 'PermissionsBoundary', config.permissionsBoundaryArn)
      : iam.ManagedPolicy.fromManagedPolicyName(
          this,
          'PermissionsBoundary',
          new BootstrapNames(config.project, config.environment).cdkBoundaryPolicyName,
        );
    iam.PermissionsBoundary.of(this).apply(boundary);
  }
}

/** The environment's log retention as CDK's enum (whose values are the days; the schema allows only those). */
export function logRetention(config: EnvironmentConfig): logs.RetentionDays {
  return config.logRetentionDays as logs.RetentionDays;
}
