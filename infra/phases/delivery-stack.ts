import { Annotations, ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
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
import { PipelineBuildProject } from '../constructs/pipeline-build-project.ts';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';
import { logRetention, PhaseStack, type PhaseStackProps } from './phase-stack.ts';

/** Where the pipeline-run action uploads the source zip (the repository) in the artifact bucket. */
export const SOURCE_OBJECT_KEY = 'source/pipeline.zip';
/** Pipeline variable set per execution by the pipeline-run action; the builds see it as $COMMIT_SHA. */
export const COMMIT_SHA_VARIABLE = 'COMMIT_SHA';
/** Name of the test-and-package output: CodeBuild mounts it at $CODEBUILD_SRC_DIR_Package in later stages. */
export const PACKAGE_ARTIFACT = 'Package';

/** A function whose code the pipeline replaces: its name and its zip in the package (lambdas/<dir>.zip). */
export interface DeliveredFunction {
  readonly name: string;
  readonly artifact: string;
}

/** A file the Glue jobs read (script or library): its path in the package and the S3 object to overwrite. */
export interface DeliveredObject {
  readonly artifact: string;
  readonly url: string;
  readonly objectArn: string;
}

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
    const removalPolicy = config.removalPolicy === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const retention = logRetention(config);
    const key =
      config.encryption === 'kms'
        ? new DataLakeKey(this, 'Key', {
            alias: `alias/${names.resource('delivery')}`,
            description: `Encrypts the artifacts of ${names.resource('delivery')}`,
            removalPolicy,
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
      removalPolicy,
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
    const artifactObjects = bucket.arnForObjects('*');

    const deployTargets = Stack.of(this).toJsonString({
      functions: props.functions.map(({ name, artifact }) => ({ name, artifact })),
      objects: props.objects.map(({ artifact, url }) => ({ artifact, url })),
    });
    const project = (id: string, purpose: string, description: string, buildSpec: string) =>
      new PipelineBuildProject(this, id, {
        projectName: names.resource(purpose),
        description,
        buildSpec,
        environmentVariables: { DEPLOY_TARGETS: deployTargets, ENVIRONMENT: config.environment },
        logRetention: retention,
        removalPolicy,
        key,
      });
    const test = project(
      'TestAndPackage',
      'test-and-package',
      'Runs the pipeline code’s tests, then packages the Lambda zips and the Glue files',
      'test-and-package',
    );
    const deploy = project(
      'Deploy',
      'deploy',
      'Replaces the functions’ code and the Glue files with the package',
      'deploy',
    );
    const smoke = project(
      'Smoke',
      'smoke',
      'Checks the deployed functions and Glue files are the package’s, and healthy',
      'smoke',
    );

    // Every project reads its input artifacts; only test-and-package writes one.
    for (const p of [test, deploy, smoke]) {
      p.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'ReadArtifacts',
          actions: ['s3:GetObject', 's3:GetObjectVersion'],
          resources: [artifactObjects],
        }),
      );
      p.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'ArtifactBucket',
          actions: ['s3:GetBucketAcl', 's3:GetBucketLocation'],
          resources: [bucket.bucketArn],
        }),
      );
    }
    test.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'WritePackage',
        actions: ['s3:PutObject'],
        resources: [artifactObjects],
      }),
    );
    if (key) {
      for (const p of [test, deploy, smoke]) {
        p.addToRolePolicy(
          new iam.PolicyStatement({
            sid: 'ArtifactKey',
            actions: p === test ? ['kms:Decrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'],
            resources: [key.keyArn],
          }),
        );
      }
    }
    const functionArns = props.functions.map((fn) =>
      this.formatArn({
        service: 'lambda',
        resource: 'function',
        resourceName: fn.name,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    );
    const objectArns = props.objects.map((o) => o.objectArn);
    if (functionArns.length > 0) {
      deploy.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'UpdateFunctionCode',
          actions: ['lambda:UpdateFunctionCode', 'lambda:GetFunctionConfiguration'],
          resources: functionArns,
        }),
      );
      smoke.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'CheckFunctions',
          actions: ['lambda:GetFunctionConfiguration'],
          resources: functionArns,
        }),
      );
    }
    if (objectArns.length > 0) {
      deploy.addToRolePolicy(
        new iam.PolicyStatement({
          sid: 'PublishGlueFiles',
          actions: ['s3:PutObject'],
          resources: objectArns,
        }),
      );
      smoke.addToRolePolicy(
        new iam.PolicyStatement({ sid: 'CheckGlueFiles', actions: ['s3:GetObject'], resources: objectArns }),
      );
    }

    this.pipeline = this.buildPipeline(bucket, { test, deploy, smoke }, key);
    this.notifyFailures(removalPolicy);
    acknowledgeWildcardResource(
      this,
      artifactObjects,
      'CodePipeline names each artifact object by pipeline, artifact and a random id; the keys of this stack’s own artifact bucket only.',
    );

    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output('PipelineName', this.pipeline.pipelineName, 'CodePipeline that tests and ships the pipeline code');
    output('ArtifactBucketName', bucket.bucketName, 'Bucket of the source zip and the pipeline artifacts');
    output('SourceObjectKey', SOURCE_OBJECT_KEY, 'Key the pipeline-run action uploads the source zip to');
    output('TestProjectName', test.project.projectName, 'CodeBuild project: pytest, then package');
    output('DeployProjectName', deploy.project.projectName, 'CodeBuild project: ship the package');
    output('SmokeProjectName', smoke.project.projectName, 'CodeBuild project: check what was shipped');
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
        resources: Object.values(projects).map((p) => p.project.projectArn),
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
  private notifyFailures(removalPolicy: RemovalPolicy): void {
    const { config, names } = this;
    const alerts = new AlertsTopic(this, 'Alerts', {
      topicName: names.resource('delivery-alerts'),
      email: config.alarmEmail,
      encrypt: config.encryption === 'kms',
      removalPolicy,
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
