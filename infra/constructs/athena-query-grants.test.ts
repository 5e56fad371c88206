import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { actionsOf, type Statement } from '../../test/iam.ts';
import { AthenaWorkgroup } from './athena-workgroup.ts';
import { ATHENA_RUN_QUERIES, GLUE_READ_TABLES } from './perms.ts';

/** A role in a stack of its own, and the workgroup of another phase found by name. */
function setUp(withResults: boolean) {
  const stack = new Stack(new App(), 'Later', { env: { account: '123456789012', region: 'us-east-1' } });
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
  const workgroup = AthenaWorkgroup.fromWorkgroupName(
    stack,
    'lp-dev-analytics',
    withResults
      ? {
          resultsBucket: s3.Bucket.fromBucketName(stack, 'Results', 'lp-dev-results'),
          key: kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:us-east-1:123456789012:key/lake'),
        }
      : {},
  );
  const statements = (): Statement[] =>
    Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement,
    );
  return { stack, role, workgroup, statements };
}

describe('AthenaWorkgroup.grantQueries', () => {
  it('grants the workgroup, the tables, the folders read and written, their buckets and the key', () => {
    const { stack, role, workgroup, statements } = setUp(true);
    const curated = s3.Bucket.fromBucketName(stack, 'Curated', 'lp-dev-curated');
    workgroup.grantQueries(role, {
      athena: ATHENA_RUN_QUERIES,
      glue: GLUE_READ_TABLES,
      databases: ['lp_dev_curated'],
      results: true,
      reads: [{ bucket: curated, prefix: 'rides/' }],
    });
    const on = (action: string) =>
      JSON.stringify(
        statements()
          .filter((s) => actionsOf(s).includes(action))
          .map((s) => s.Resource),
      );
    expect(on('athena:StopQueryExecution')).toContain('workgroup/lp-dev-analytics');
    expect(on('glue:GetTables')).toContain('table/lp_dev_curated/*');
    expect(on('s3:GetObject')).toContain('lp-dev-curated/rides/*');
    expect(on('s3:PutObject')).toContain('lp-dev-results/athena/*');
    expect(on('s3:PutObject')).not.toContain('lp-dev-curated');
    expect(on('s3:ListBucket')).toContain('lp-dev-curated');
    expect(on('kms:GenerateDataKey')).toContain('key/lake');
  });

  it('grants no S3 and no key when the queries touch no object through S3', () => {
    const { role, workgroup, statements } = setUp(true);
    workgroup.grantQueries(role, { athena: ATHENA_RUN_QUERIES, glue: GLUE_READ_TABLES, databases: ['db'] });
    const services = new Set(
      statements()
        .flatMap(actionsOf)
        .map((a) => a.split(':')[0]),
    );
    expect([...services].sort()).toEqual(['athena', 'glue']);
  });

  it('says how to fix a grant of results on a workgroup found without its bucket', () => {
    const { role, workgroup } = setUp(false);
    expect(() =>
      workgroup.grantQueries(role, {
        athena: ATHENA_RUN_QUERIES,
        glue: GLUE_READ_TABLES,
        databases: ['db'],
        results: true,
      }),
    ).toThrow(/lp-dev-analytics was found by name without its results bucket: pass resultsBucket/);
  });
});
