import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { ResourceNames } from '../../../lib/config/resource-names.ts';
import { PipelineBuildProject } from '../../constructs/pipeline-build-project.ts';

/** A function whose code the pipeline replaces: its name and its zip in the package (lambdas/<dir>.zip). */
export interface DeliveredFunction {
  /** Physical name of the function. */
  readonly name: string;
  /** Path of its zip in the package. */
  readonly artifact: string;
}

/** A file the Glue jobs read (script or library): its path in the package and the S3 object to overwrite. */
export interface DeliveredObject {
  /** Path of the file in the package. */
  readonly artifact: string;
  /** `s3://` URL of the object the jobs read. */
  readonly url: string;
  /** ARN of that object, for the deploy role. */
  readonly objectArn: string;
}

export interface DeliveryBuildProjectsProps {
  /** Names of this environment's resources. */
  readonly names: ResourceNames;
  /** The environment the builds ship to, passed to them as ENVIRONMENT. */
  readonly environment: string;
  /** The pipeline's artifact bucket. */
  readonly bucket: s3.IBucket;
  /** The delivery key. @default - the AWS-managed S3 key */
  readonly key?: kms.IKey;
  /** The functions of the environment's stacks; empty when those phases are off. */
  readonly functions: readonly DeliveredFunction[];
  /** The Glue jobs' scripts and library; empty when processing is off. */
  readonly objects: readonly DeliveredObject[];
  /** How long the build logs are kept. */
  readonly logRetention: logs.RetentionDays;
}

/**
 * The pipeline's three CodeBuild projects (test and package, deploy, smoke test), each allowed exactly its
 * step: all read their input artifacts, only test-and-package writes one, only deploy replaces code.
 * A named part of the delivery stack, defined in the stack's own scope: as a construct of its own it would
 * add its id to the projects' logical ids, and CloudFormation would replace them.
 */
export class DeliveryBuildProjects {
  readonly test: PipelineBuildProject;
  readonly deploy: PipelineBuildProject;
  readonly smoke: PipelineBuildProject;

  constructor(stack: Construct, props: DeliveryBuildProjectsProps) {
    const { names, bucket, key } = props;
    const deployTargets = Stack.of(stack).toJsonString({
      functions: props.functions.map(({ name, artifact }) => ({ name, artifact })),
      objects: props.objects.map(({ artifact, url }) => ({ artifact, url })),
    });
    const project = (id: string, purpose: string, description: string, buildSpec: string) =>
      new PipelineBuildProject(stack, id, {
        projectName: names.resource(purpose),
        description,
        buildSpec,
        environmentVariables: { DEPLOY_TARGETS: deployTargets, ENVIRONMENT: props.environment },
        logRetention: props.logRetention,
        key,
      });
    this.test = project(
      'TestAndPackage',
      'test-and-package',
      'Runs the pipeline code’s tests, then packages the Lambda zips and the Glue files',
      'test-and-package',
    );
    this.deploy = project(
      'Deploy',
      'deploy',
      'Replaces the functions’ code and the Glue files with the package',
      'deploy',
    );
    this.smoke = project(
      'Smoke',
      'smoke',
      'Checks the deployed functions and Glue files are the package’s, and healthy',
      'smoke',
    );
    const { test, deploy, smoke } = this;

    const artifactObjects = bucket.arnForObjects('*');
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
      Stack.of(stack).formatArn({
        service: 'lambda',
        resource: 'function',
        resourceName: fn.name,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    );
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
    const objectArns = props.objects.map((o) => o.objectArn);
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
  }
}
