import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../../lib/config/environment-config.ts';
import type { ResourceNames } from '../../../lib/config/resource-names.ts';

export interface PipelineTriggersProps {
  /** Names of this environment's resources. */
  readonly names: ResourceNames;
  /** `schedule` (a cron or rate expression, or null) and `runOnRawArrival`. */
  readonly settings: EnvironmentConfig['orchestration'];
  /** The pipeline the rules start. */
  readonly stateMachine: sfn.StateMachine;
}

/**
 * What starts the pipeline by itself: a schedule, and/or each file uploaded to the raw bucket under
 * uploads/. A named part of the orchestration stack, defined in the stack's own scope: as a construct of
 * its own it would add its id to the rules' logical ids, and CloudFormation would replace them.
 */
export class PipelineTriggers {
  constructor(stack: Construct, props: PipelineTriggersProps) {
    const { names, settings, stateMachine } = props;
    if (settings.schedule) {
      new events.Rule(stack, 'Schedule', {
        ruleName: names.resource('pipeline-schedule'),
        description: `Starts ${stateMachine.stateMachineName} on ${settings.schedule}`,
        schedule: events.Schedule.expression(settings.schedule),
        targets: [new targets.SfnStateMachine(stateMachine)],
      });
    }
    if (settings.runOnRawArrival) {
      new events.Rule(stack, 'OnUpload', {
        ruleName: names.resource('pipeline-on-upload'),
        description: 'Starts the pipeline when a file is uploaded to the raw bucket under uploads/',
        eventPattern: {
          source: ['aws.s3'],
          detailType: ['Object Created'],
          detail: {
            bucket: { name: [names.bucket('raw', Stack.of(stack).account)] },
            object: { key: [{ prefix: 'uploads/' }] },
          },
        },
        targets: [new targets.SfnStateMachine(stateMachine)],
      });
    }
  }
}
