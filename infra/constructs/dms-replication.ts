import { RemovalPolicy, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import * as dms from 'aws-cdk-lib/aws-dms';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../lib/config/environment-config.ts';
import type { ResourceNames } from '../../lib/config/resource-names.ts';
import { acknowledgeCheckov } from '../nag/acknowledge-checkov.ts';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';
import { loggedVpc } from './logged-vpc.ts';
import { removalPolicyOf } from './removal-policy.ts';

/** Folder of the raw zone the replication writes to. */
export const DMS_PREFIX = 'dms/';

const AWS_MANAGED_SECRET =
  'The environment encrypts with "s3-managed": the secret uses the AWS-managed Secrets Manager key, free; encryption "kms" puts it under the data lake key.';

export interface DmsReplicationProps {
  /** Names of this environment's resources. */
  readonly names: ResourceNames;
  /** The MySQL database to replicate: host, port, database and tables. */
  readonly source: EnvironmentConfig['ingestion']['dmsSource'];
  /** The raw zone's bucket, written under `dms/`. */
  readonly bucket: s3.IBucket;
  /** The data lake key, for the instance's storage and the Parquet files. @default - AWS-managed keys, SSE-S3 */
  readonly key?: kms.IKey;
  /** How long the VPC's flow logs are kept. */
  readonly logRetention: logs.RetentionDays;
}

/** EMBL-EBI's public Rfam database, the default source: its read-only login is published (no password). */
export const RFAM_PUBLIC_LOGIN = { host: 'mysql-rfam-public.ebi.ac.uk', username: 'rfamro', password: '' };

/** Stands for the user name in a new secret until the learner sets the source's real login in the console. */
export const LOGIN_PLACEHOLDER = 'set-in-secrets-manager';

/**
 * The secret's value. The public demo login is written as published, so the default works at once. Any
 * other source's login is never in the template: CloudFormation generates a placeholder password when it
 * creates the secret and leaves the value alone on every later update, so the username and password a
 * learner sets in the console stay (only a change of host or port makes a new secret value).
 */
function sourceLogin(
  source: DmsReplicationProps['source'],
): Pick<secretsmanager.SecretProps, 'secretObjectValue' | 'generateSecretString'> {
  const { host, port } = source;
  if (host === RFAM_PUBLIC_LOGIN.host) {
    return {
      secretObjectValue: {
        username: SecretValue.unsafePlainText(RFAM_PUBLIC_LOGIN.username),
        password: SecretValue.unsafePlainText(RFAM_PUBLIC_LOGIN.password),
        host: SecretValue.unsafePlainText(host),
        port: SecretValue.unsafePlainText(String(port)),
      },
    };
  }
  return {
    generateSecretString: {
      secretStringTemplate: JSON.stringify({ username: LOGIN_PLACEHOLDER, host, port: String(port) }),
      generateStringKey: 'password',
      excludePunctuation: true,
      passwordLength: 32,
    },
  };
}

/**
 * AWS DMS replicating a MySQL database into the raw zone as date-partitioned Parquet: a small VPC with
 * public subnets only (no NAT gateway to pay for), the smallest replication instance, the source credentials
 * in Secrets Manager, an S3 target endpoint and a task that copies the tables once, or keeps replicating their
 * changes after that (CDC) when the source allows it. Opt-in: the instance bills by the hour while it exists.
 */
export class DmsReplication extends Construct {
  readonly instance: dms.CfnReplicationInstance;
  readonly task: dms.CfnReplicationTask;

  constructor(scope: Construct, id: string, props: DmsReplicationProps) {
    super(scope, id);
    const { names, source } = props;
    const stack = Stack.of(this);

    const vpc = loggedVpc(this, 'Vpc', {
      vpcName: names.resource('dms'),
      natGateways: 0,
      subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 }],
      logRetention: props.logRetention,
    });
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: 'DMS replication instance: outbound to the source database and AWS only',
      allowAllOutbound: false,
    });
    securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(source.port), 'MySQL source');
    securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'AWS APIs (S3, Secrets Manager)');

    const subnets = new dms.CfnReplicationSubnetGroup(this, 'Subnets', {
      replicationSubnetGroupIdentifier: names.resource('dms'),
      replicationSubnetGroupDescription: 'Public subnets of the DMS VPC',
      subnetIds: vpc.publicSubnets.map((s) => s.subnetId),
    });
    this.instance = new dms.CfnReplicationInstance(this, 'Instance', {
      replicationInstanceIdentifier: names.resource('dms'),
      replicationInstanceClass: 'dms.t3.micro',
      allocatedStorage: 20,
      multiAz: false,
      // Reaches a source on the internet without a NAT gateway ($33 a month) through its public address.
      publiclyAccessible: true,
      replicationSubnetGroupIdentifier: subnets.ref,
      vpcSecurityGroupIds: [securityGroup.securityGroupId],
      kmsKeyId: props.key?.keyArn,
    });
    this.instance.applyRemovalPolicy(RemovalPolicy.DESTROY);
    acknowledgeCheckov(
      this.instance,
      'CKV_AWS_89',
      'A public address lets the instance reach a source on the internet without a NAT gateway ($33 a month); its security group allows no inbound traffic at all.',
    );

    const secret = new secretsmanager.Secret(this, 'SourceLogin', {
      secretName: names.resource('dms-source'),
      description: `Login DMS uses for ${source.host}`,
      ...sourceLogin(source),
      removalPolicy: removalPolicyOf(this),
    });
    // Under the lake key without `encryptionKey`, which would add wildcard actions (kms:ReEncrypt*) to the
    // key policy: the key is used through IAM, the access role below may decrypt through Secrets Manager only.
    const cfnSecret = secret.node.defaultChild as secretsmanager.CfnSecret;
    if (props.key) cfnSecret.kmsKeyId = props.key.keyArn;
    else acknowledgeCheckov(secret, 'CKV_AWS_149', AWS_MANAGED_SECRET);
    const secretRole = new iam.Role(this, 'SecretAccess', {
      assumedBy: new iam.ServicePrincipal(`dms.${stack.region}.amazonaws.com`),
      description: 'Lets DMS read the source login',
    });
    secretRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [secret.secretArn],
      }),
    );
    if (props.key) {
      secretRole.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [props.key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${stack.region}.amazonaws.com` } },
        }),
      );
    }
    const sourceEndpoint = new dms.CfnEndpoint(this, 'Source', {
      endpointIdentifier: names.resource('dms-source'),
      endpointType: 'source',
      engineName: 'mysql',
      databaseName: source.database,
      mySqlSettings: {
        secretsManagerSecretId: secret.secretArn,
        secretsManagerAccessRoleArn: secretRole.roleArn,
      },
    });

    const targetRole = new iam.Role(this, 'TargetAccess', {
      assumedBy: new iam.ServicePrincipal('dms.amazonaws.com'),
      description: 'Lets DMS write the replicated tables into the raw zone',
    });
    targetRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:DeleteObject', 's3:PutObjectTagging'],
        resources: [props.bucket.arnForObjects(`${DMS_PREFIX}*`)],
      }),
    );
    targetRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [props.bucket.bucketArn] }),
    );
    if (props.key) {
      targetRole.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.key.keyArn],
        }),
      );
    }
    const targetEndpoint = new dms.CfnEndpoint(this, 'Target', {
      endpointIdentifier: names.resource('dms-target'),
      endpointType: 'target',
      engineName: 's3',
      s3Settings: {
        bucketName: props.bucket.bucketName,
        bucketFolder: `${DMS_PREFIX}${source.database.toLowerCase()}`,
        serviceAccessRoleArn: targetRole.roleArn,
        dataFormat: 'parquet',
        parquetVersion: 'parquet-2-0',
        datePartitionEnabled: true,
        datePartitionSequence: 'YYYYMMDD',
        datePartitionDelimiter: 'SLASH',
        encryptionMode: props.key ? 'SSE_KMS' : 'SSE_S3',
        serverSideEncryptionKmsKeyId: props.key?.keyArn,
      },
    });

    this.task = new dms.CfnReplicationTask(this, 'Task', {
      replicationTaskIdentifier: names.resource('dms'),
      // CDC reads the binary log, which a read-only public source (the default) does not expose.
      migrationType: source.changeDataCapture ? 'full-load-and-cdc' : 'full-load',
      replicationInstanceArn: this.instance.ref,
      sourceEndpointArn: sourceEndpoint.ref,
      targetEndpointArn: targetEndpoint.ref,
      tableMappings: JSON.stringify({
        rules: source.tables.map((table, i) => ({
          'rule-type': 'selection',
          'rule-id': String(i + 1),
          'rule-name': `include-${table}`,
          'object-locator': { 'schema-name': source.database, 'table-name': table },
          'rule-action': 'include',
        })),
      }),
    });

    acknowledgeWildcardResource(
      targetRole,
      props.bucket.arnForObjects(`${DMS_PREFIX}*`),
      'DMS names the Parquet files it writes under the dms/ folder of the raw zone.',
    );
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The login belongs to the source database, which DMS cannot rotate; rotate it where the database is managed.',
    });
  }
}
