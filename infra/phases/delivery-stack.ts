import { Annotations, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { AlertsTopic } from '../constructs/alerts-topic.ts';
import { DataLakeKey } from '../constructs/data-lake-key.ts';
import { LakeBucket } from '../constructs/lake-bucket.ts';
import type { PipelineBuildProject } from '../constructs/pipeline-build-project.ts';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';
import {
  type DeliveredFunction,
  type DeliveredObject,
  DeliveryBuildProjects,
} from './delivery/build-projects.ts';
import { logRetention, PhaseStack, type PhaseStackProps } from './phase-stack.ts';

/** Where the pipeline-run action uploads the source zip (the repository) in the artifact bucket. */
export const SOURCE_OBJECT_KEY = 'source/pipeline.zip';
/** Pipeline variable set per execution by the pipeline-run action; the builds see it as $COMMIT_SHA. */
export const COMMIT_SHA_VARIABLE = 'COMMIT_SHA';
/** Name of the test-and-package output: CodeBuild mounts it at $CODEBUILD_SRC_DIR_Package in later stages. */
export const PACKAGE_ARTIFACT = 'Package';

export interface DeliveryStackProps extends PhaseStackProps {
  /** The functions of the environment's stacks; empty when those phases are off. */
  readonly functions: readonly DeliveredFunction[];
  /** The Glue jobs' scripts and library; empty when processing is off. */
  readonly objects: readonly DeliveredObject[];
}

/**
 * Phase 6: a CodePipeline V2 that tests and ships the pipeline code of this environment. The
 * pipeline-run action uploads the repository zip to the artifact bucket and starts an execution pinned
 * to that object version; CodeBuild runs pytest and packages the Lambda zips and Glue files, replaces
 * the functions' code and the Glue files, then checks that what runs is what was packaged. Failures
 * mail the alarm address. Idle, it costs nothing: V2 bills action minutes and CodeBuild build minutes.
 */
export class DeliveryStack extends PhaseStack {
  readonly pipeline: codepipeline.Pipeline;
  readonly artifactBucket: LakeBucket;

  constructor(scope: Construct, props: DeliveryStackProps) {
    super(scope, 'delivery', props);
    const { config, names } = this;
    const key =
      config.encryption === 'kms'
        ? new DataLakeKey(this, 'Key', {
            alias: `alias/${names.resource('delivery')}`,
            description: `Encrypts the artifacts of ${names.resource('delivery')}`,
          })
        : undefined;

    this.artifactBucket = new LakeBucket(this, 'Artifacts', {
      bucketName: names.bucket('artifacts', Stack.of(this).account),
      encryptionKey: key,
      accessLogs: {
        bucket: s3.Bucket.fromBucketName(
          this,
          'AccessLogs',
          names.bucket('access-logs', Stack.of(this).account),
        ),
        prefix: 'artifacts/',
      },
      lifecycleRules: [
        {
          id: 'tidy-artifacts',
          // Each execution leaves its artifacts behind; a month covers any retry or investigation.
          expiration: Duration.days(30),
          noncurrentVersionExpiration: Duration.days(config.lifecycle.noncurrentVersionExpirationDays),
          abortIncompleteMultipartUploadAfter: Duration.days(
            config.lifecycle.abortIncompleteMultipartUploadDays,
          ),
        },
      ],
    });
    Annotations.of(this.artifactBucket).acknowledgeWarning(
      '@aws-cdk/aws-s3:accessLogsPolicyNotAdded',
      "The foundation's access-logs bucket accepts the logs of every bucket of this environment.",
    );
    const bucket = this.artifactBucket;
    const projects = new DeliveryBuildProjects(this, {
      names,
      environment: config.environment,
      bucket,
      key,
      functions: props.functions,
      objects: props.objects,
      logRetention: logRetention(config),
    });

    this.pipeline = this.buildPipeline(bucket, projects, key);
    this.notifyFailures();
    acknowledgeWildcardResource(
      this,
      bucket.arnForObjects('*'),
      'CodePipeline names each artifact object by pipeline, artifact and a random id; the keys of this stack’s own artifact bucket only.',
    );

    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output('PipelineName', this.pipeline.pipelineName, 'CodePipeline that tests and ships the pipeline code');
    output('ArtifactBucketName', bucket.bucketName, 'Bucket of the source zip and the pipeline artifacts');
    output('SourceObjectKey', SOURCE_OBJECT_KEY, 'Key the pipeline-run action uploads the source zip to');
    output('TestProjectName', projects.test.project.projectName, 'CodeBuild project: pytest, then package');
    output('DeployProjectName', projects.deploy.project.projectName, 'CodeBuild project: ship the package');
    output(
      'SmokeProjectName',
      projects.smoke.project.projectName,
      'CodeBuild project: check what was shipped',
    );
  }

  private buildPipeline(
    bucket: s3.IBucket,
    projects: Record<'test' | 'deploy' | 'smoke', PipelineBuildProject>,
    key: DataLakeKey | undefined,
  ): codepipeline.Pipeline {
    const { names } = this;
    const role = new iam.Role(this, 'PipelineRole', {
      assumedBy: new iam.ServicePrincipal('codepipeline.amazonaws.com'),
      description: `Runs ${names.resource('delivery')}`,
    });
    const statements = [
      new iam.PolicyStatement({
        sid: 'Artifacts',
        actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'],
        resources: [bucket.arnForObjects('*')],
      }),
      new iam.PolicyStatement({
        sid: 'ArtifactBucket',
        actions: ['s3:GetBucketVersioning', 's3:GetBucketLocation', 's3:ListBucket'],
        resources: [bucket.bucketArn],
      }),
      new iam.PolicyStatement({
        sid: 'RunBuilds',
        actions: ['codebuild:StartBuild', 'codebuild:BatchGetBuilds', 'codebuild:StopBuild'],
        resources: [projects.test, projects.deploy, projects.smoke].map((p) => p.project.projectArn),
      }),
    ];
    if (key) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'ArtifactKey',
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [key.keyArn],
        }),
      );
    }
    const policy = new iam.Policy(this, 'PipelinePolicy', { roles: [role], statements });

    const commitSha = new codepipeline.Variable({
      variableName: COMMIT_SHA_VARIABLE,
      defaultValue: 'unknown',
      description: 'Commit of the source zip, set by the pipeline-run action',
    });
    const environmentVariables = { [COMMIT_SHA_VARIABLE]: { value: commitSha.reference() } };
    const source = new codepipeline.Artifact('Source');
    const packaged = new codepipeline.Artifact(PACKAGE_ARTIFACT);
    const build = (
      actionName: string,
      project: PipelineBuildProject,
      extra: Partial<actions.CodeBuildActionProps>,
    ) =>
      new actions.CodeBuildAction({
        actionName,
        project: project.project,
        input: source,
        environmentVariables,
        ...extra,
      });
    const pipeline = new codepipeline.Pipeline(this, 'Pipeline', {
      pipelineName: names.resource('delivery'),
      pipelineType: codepipeline.PipelineType.V2,
      executionMode: codepipeline.ExecutionMode.QUEUED,
      artifactBucket: bucket,
      // CDK's grants use wildcard actions: the role gets the statements above instead, and every action
      // runs as the pipeline role (no role per action).
      role: role.withoutPolicyUpdates(),
      usePipelineRoleForActions: true,
      crossAccountKeys: false,
      restartExecutionOnUpdate: false,
      variables: [commitSha],
      stages: [
        {
          stageName: 'Source',
          actions: [
            new actions.S3SourceAction({
              actionName: 'Source',
              bucket,
              bucketKey: SOURCE_OBJECT_KEY,
              output: source,
              // The pipeline-run action starts each execution itself, pinned to the version it uploaded.
              trigger: actions.S3Trigger.NONE,
            }),
          ],
        },
        {
          stageName: 'TestAndPackage',
          actions: [build('TestAndPackage', projects.test, { outputs: [packaged] })],
        },
        {
          stageName: 'Deploy',
          actions: [build('Deploy', projects.deploy, { extraInputs: [packaged] })],
        },
        {
          stageName: 'SmokeTest',
          actions: [build('SmokeTest', projects.smoke, { extraInputs: [packaged] })],
        },
      ],
    });
    pipeline.node.addDependency(policy);
    return pipeline;
  }

  /** A failed execution mails the alarm address through a topic of this stack (orchestration may be off). */
  private notifyFailures(): void {
    const { config, names } = this;
    const alerts = new AlertsTopic(this, 'Alerts', {
      topicName: names.resource('delivery-alerts'),
      email: config.alarmEmail,
      encrypt: config.encryption === 'kms',
    });
    const detail = (field: string) => events.EventField.fromPath(`$.detail.${field}`);
    new events.Rule(this, 'OnFailure', {
      ruleName: names.resource('delivery-failed'),
      description: `Failed executions of ${this.pipeline.pipelineName}`,
      eventPattern: {
        source: ['aws.codepipeline'],
        detailType: ['CodePipeline Pipeline Execution State Change'],
        detail: { pipeline: [this.pipeline.pipelineName], state: ['FAILED'] },
      },
      targets: [
        new targets.SnsTopic(alerts.topic, {
          message: events.RuleTargetInput.fromText(
            `Pipeline ${detail('pipeline')} execution ${detail('execution-id')} FAILED in ${config.environment}. ` +
              `aws codepipeline get-pipeline-execution --pipeline-name ${detail('pipeline')} --pipeline-execution-id ${detail('execution-id')}`,
          ),
        }),
      ],
    });
  }
}
