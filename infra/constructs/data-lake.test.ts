import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { loadEnvironmentConfig } from '../../lib/config/load-config.ts';
import { resourcesOfType, type SynthesizedStack, stackOf } from '../../test/assembly.ts';
import { policyDocuments } from '../../test/iam.ts';
import { variantStackOf } from '../../test/variant-app.ts';
import { everythingOn } from '../../test/variants.ts';

const ENVIRONMENTS = ['dev', 'stage', 'prod'] as const;
const PURPOSES = ['raw', 'clean', 'curated', 'athena-results', 'access-logs'];

/** The bucket whose name starts with `${project}-${env}-${purpose}-`, as [logicalId, resource]. */
function bucket(stack: SynthesizedStack, purpose: string) {
  const found = resourcesOfType(stack, 'AWS::S3::Bucket').find(([, r]) =>
    JSON.stringify(r.Properties?.BucketName).includes(`-${stack.environment}-${purpose}-`),
  );
  if (!found) throw new Error(`no ${purpose} bucket in ${stack.path}`);
  return { logicalId: found[0], ...found[1], props: found[1].Properties as Record<string, any> };
}

describe.each(ENVIRONMENTS)('the %s data lake', (environment) => {
  const stack = stackOf(environment, 'foundation');
  const config = loadEnvironmentConfig(environment);

  it('has the raw, clean, curated, Athena results and access-logs buckets, named for the environment', () => {
    const names = resourcesOfType(stack, 'AWS::S3::Bucket').map(([, r]) => r.Properties?.BucketName);
    expect(names).toHaveLength(PURPOSES.length);
    for (const purpose of PURPOSES) {
      expect(names).toContainEqual({
        'Fn::Join': ['', [`launchpad-${environment}-${purpose}-`, { Ref: 'AWS::AccountId' }]],
      });
    }
  });

  it('keeps every bucket private, versioned and owner-enforced', () => {
    for (const purpose of PURPOSES) {
      const { props } = bucket(stack, purpose);
      expect(props.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(props.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    }
  });

  it(`encrypts the lake as configured (${config.encryption}) and the logs with SSE-S3`, () => {
    const keys = resourcesOfType(stack, 'AWS::KMS::Key');
    for (const purpose of PURPOSES.filter((p) => p !== 'access-logs')) {
      const [rule] = bucket(stack, purpose).props.BucketEncryption.ServerSideEncryptionConfiguration;
      if (config.encryption === 'kms') {
        expect(rule.ServerSideEncryptionByDefault).toEqual({
          SSEAlgorithm: 'aws:kms',
          KMSMasterKeyID: { 'Fn::GetAtt': [keys[0]?.[0], 'Arn'] },
        });
        expect(rule.BucketKeyEnabled).toBe(true);
      } else {
        expect(rule.ServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
      }
    }
    expect(keys).toHaveLength(config.encryption === 'kms' ? 1 : 0);
    const [logsRule] = bucket(stack, 'access-logs').props.BucketEncryption.ServerSideEncryptionConfiguration;
    expect(logsRule.ServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'AES256' });
  });

  it('sends server access logs of every other bucket to the logs bucket, under its own prefix', () => {
    const logs = bucket(stack, 'access-logs');
    expect(logs.props.LoggingConfiguration).toBeUndefined();
    for (const purpose of PURPOSES.filter((p) => p !== 'access-logs')) {
      expect(bucket(stack, purpose).props.LoggingConfiguration).toEqual({
        DestinationBucketName: { Ref: logs.logicalId },
        LogFilePrefix: `${purpose}/`,
      });
    }
  });

  it('tiers the zones to Standard-IA and Glacier Instant Retrieval and tidies old versions and uploads', () => {
    const lc = config.lifecycle;
    for (const zone of ['raw', 'clean', 'curated']) {
      expect(bucket(stack, zone).props.LifecycleConfiguration.Rules).toEqual([
        {
          Id: 'tier-and-tidy',
          Status: 'Enabled',
          Transitions: [
            { StorageClass: 'STANDARD_IA', TransitionInDays: lc.transitionToInfrequentAccessDays },
            { StorageClass: 'GLACIER_IR', TransitionInDays: lc.transitionToGlacierInstantRetrievalDays },
          ],
          NoncurrentVersionExpiration: { NoncurrentDays: lc.noncurrentVersionExpirationDays },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: lc.abortIncompleteMultipartUploadDays },
          ExpiredObjectDeleteMarker: true,
        },
      ]);
    }
    expect(bucket(stack, 'athena-results').props.LifecycleConfiguration.Rules[0]).toMatchObject({
      ExpirationInDays: lc.queryResultsExpirationDays,
      NoncurrentVersionExpiration: { NoncurrentDays: lc.noncurrentVersionExpirationDays },
    });
    expect(bucket(stack, 'access-logs').props.LifecycleConfiguration.Rules[0]).toMatchObject({
      ExpirationInDays: lc.accessLogsExpirationDays,
    });
  });

  it('denies every request without TLS 1.2 or later, on the bucket and its objects', () => {
    for (const purpose of PURPOSES) {
      const { logicalId } = bucket(stack, purpose);
      const arn = { 'Fn::GetAtt': [logicalId, 'Arn'] };
      const bothArns = [arn, { 'Fn::Join': ['', [arn, '/*']] }];
      stack.assertions.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: logicalId },
        PolicyDocument: {
          Statement: Match.arrayWith([
            {
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              Resource: bothArns,
            },
            {
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 's3:*',
              Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
              Resource: bothArns,
            },
          ]),
        },
      });
    }
  });

  it(`${config.removalPolicy === 'retain' ? 'retains' : 'destroys'} buckets and their objects with the stack`, () => {
    const policy = config.removalPolicy === 'retain' ? 'Retain' : 'Delete';
    for (const purpose of PURPOSES) {
      const found = bucket(stack, purpose);
      expect(found.DeletionPolicy, purpose).toBe(policy);
      expect(found.UpdateReplacePolicy, purpose).toBe(policy);
    }
    const autoDelete = resourcesOfType(stack, 'Custom::S3AutoDeleteObjects');
    expect(autoDelete).toHaveLength(config.removalPolicy === 'retain' ? 0 : PURPOSES.length);
    for (const [, key] of resourcesOfType(stack, 'AWS::KMS::Key')) expect(key.DeletionPolicy).toBe(policy);
  });
});

describe('the customer-managed key (prod)', () => {
  const stack = stackOf('prod', 'foundation');

  it('rotates yearly and is usable through IAM only, with no wildcard action', () => {
    stack.assertions.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: [
          Match.objectLike({
            Effect: 'Allow',
            Principal: { AWS: { 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':root']] } },
            Action: Match.arrayWith(['kms:Decrypt', 'kms:GenerateDataKey', 'kms:PutKeyPolicy']),
          }),
        ],
      },
    });
    stack.assertions.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/launchpad-prod-data-lake',
    });
  });
});

describe('emptying dev buckets on teardown', () => {
  it('grants the auto-delete function exact actions, not CDK’s wildcards', () => {
    const stack = stackOf('dev', 'foundation');
    const autoDeleteStatements = policyDocuments(stack)
      .filter((d) => d.where.includes('PolicyDocument'))
      .flatMap((d) => d.statements)
      .filter((s) =>
        JSON.stringify(s.Principal ?? {}).includes('CustomS3AutoDeleteObjectsCustomResourceProviderRole'),
      );
    expect(autoDeleteStatements).toHaveLength(PURPOSES.length);
    for (const statement of autoDeleteStatements) {
      expect(statement.Action).toEqual([
        's3:GetBucketPolicy',
        's3:PutBucketPolicy',
        's3:GetBucketTagging',
        's3:ListBucket',
        's3:ListBucketVersions',
        's3:DeleteObject',
        's3:DeleteObjectVersion',
      ]);
    }
  });
});

describe('the data lake with Intelligent-Tiering and raw archived (every switch on)', () => {
  const stack = variantStackOf('all-switches-on', 'dev', 'foundation');
  const transitionsOf = (purpose: string) =>
    bucket(stack, purpose).props.LifecycleConfiguration.Rules.flatMap(
      (rule: { Transitions?: object[] }) => rule.Transitions ?? [],
    );

  it('moves every zone into Intelligent-Tiering on the first day, instead of by age', () => {
    for (const purpose of ['raw', 'clean', 'curated']) {
      expect(transitionsOf(purpose)[0], purpose).toEqual({
        StorageClass: 'INTELLIGENT_TIERING',
        TransitionInDays: 0,
      });
    }
  });

  it('archives raw only, to Deep Archive after the configured days: Athena and the Delta log need the rest', () => {
    const archive = everythingOn().lifecycle.archiveRaw;
    expect(transitionsOf('raw')).toContainEqual({
      StorageClass: 'DEEP_ARCHIVE',
      TransitionInDays: archive?.afterDays,
    });
    for (const purpose of ['clean', 'curated']) {
      expect(JSON.stringify(transitionsOf(purpose)), purpose).not.toMatch(/GLACIER"|DEEP_ARCHIVE/);
    }
  });
});
