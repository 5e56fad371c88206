/**
 * A small CDK app shaped like the real one (a Stage per environment, stacks `<env>/<phase>` named
 * `launchpad-<env>-<phase>`) whose resources moto's CloudFormation creates, so the deploy and destroy
 * engines run end to end against a local AWS in a few seconds.
 */
import type { AssemblyBuilder } from '@aws-cdk/toolkit-lib';
import { App, CfnOutput, DefaultStackSynthesizer, RemovalPolicy, Stack, Stage, Tags } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

export const MOTO_ACCOUNT = '123456789012';
export const MOTO_REGION = 'us-east-1';

export interface SmallAppOptions {
  readonly environment?: string;
  /** Changes the ingestion stack's template (a new output), to see a stack deploy again. */
  readonly revision?: number;
  /** The account the stage names, as config `account` does. @default MOTO_ACCOUNT */
  readonly account?: string;
  /** Buckets kept when their stack is deleted, as stage and prod keep them. Default: deleted with it. */
  readonly retainData?: boolean;
}

export function smallApp(options: SmallAppOptions = {}): AssemblyBuilder {
  const environment = options.environment ?? 'test';
  return async ({ outdir, context }) => {
    const app = new App({ outdir, context });
    const stage = new Stage(app, environment, {
      env: { account: options.account ?? MOTO_ACCOUNT, region: MOTO_REGION },
    });
    // moto answers the SSM-backed BootstrapVersion parameter with its resolved value, which the toolkit
    // reads as a changed parameter and never skips a deploy: the test stacks leave that check out.
    const removalPolicy = options.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    // The real app's standard tags, which tell a retained bucket's environment and phase after its stack is gone.
    Tags.of(stage).add('project', 'launchpad');
    Tags.of(stage).add('environment', environment);
    const synthesizer = () => new DefaultStackSynthesizer({ generateBootstrapVersionRule: false });
    const foundation = new Stack(stage, 'foundation', {
      stackName: `launchpad-${environment}-foundation`,
      synthesizer: synthesizer(),
    });
    Tags.of(foundation).add('phase', 'foundation');
    const raw = new s3.Bucket(foundation, 'RawBucket', { removalPolicy });
    new CfnOutput(foundation, 'RawBucketName', { value: raw.bucketName });
    const ingestion = new Stack(stage, 'ingestion', {
      stackName: `launchpad-${environment}-ingestion`,
      synthesizer: synthesizer(),
    });
    ingestion.addStackDependency(foundation);
    Tags.of(ingestion).add('phase', 'ingestion');
    const landing = new s3.Bucket(ingestion, 'LandingBucket', { removalPolicy });
    new CfnOutput(ingestion, 'LandingBucketName', { value: landing.bucketName });
    if (options.revision) new CfnOutput(ingestion, 'Revision', { value: String(options.revision) });
    return app.synth();
  };
}
