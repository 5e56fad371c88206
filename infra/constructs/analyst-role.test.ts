import { describe, expect, it } from 'vitest';
import { stackOf } from '../../test/assembly.ts';
import { actionsOf, bucketsIn, roleStatements, type Statement } from '../../test/iam.ts';

/** action → buckets it is allowed on, for S3 actions of a role. */
function s3Access(statements: Statement[], stack = stackOf('dev', 'foundation')): Record<string, string[]> {
  const access: Record<string, string[]> = {};
  for (const statement of statements.filter((s) => s.Effect === 'Allow')) {
    for (const action of actionsOf(statement).filter((a) => a.startsWith('s3:'))) {
      access[action] = [
        ...new Set([...(access[action] ?? []), ...bucketsIn(stack, statement.Resource)]),
      ].sort();
    }
  }
  return access;
}

const WRITE = [
  's3:AbortMultipartUpload',
  's3:ListBucketMultipartUploads',
  's3:ListMultipartUploadParts',
  's3:PutObject',
];
const READ = ['s3:GetBucketLocation', 's3:GetObject', 's3:GetObjectVersion', 's3:ListBucket'];

describe('the analyst role (dev)', () => {
  const stack = stackOf('dev', 'foundation');

  it('the analyst reads curated, keeps query results, and queries only in its own workgroup', () => {
    const statements = roleStatements(stack, 'launchpad-dev-analyst');
    const access = s3Access(statements);
    for (const action of READ) expect(access[action]).toEqual(['athena-results', 'curated']);
    for (const action of WRITE) expect(access[action]).toEqual(['athena-results']);
    expect(access['s3:DeleteObject']).toBeUndefined();
    const athena = statements.find((s) => actionsOf(s).includes('athena:StartQueryExecution'));
    expect(JSON.stringify(athena?.Resource)).toContain(':workgroup/launchpad-dev-analytics');
    const glue = statements.find((s) => actionsOf(s).includes('glue:GetTable'));
    expect(JSON.stringify(glue?.Resource)).toContain(':table/launchpad_dev_curated/*');
    expect(JSON.stringify(glue?.Resource)).not.toContain('launchpad_dev_*');
    expect(
      actionsOf(glue as Statement).every((a) => a.startsWith('glue:Get') || a.startsWith('glue:BatchGet')),
    ).toBe(true);
  });

  it('the analyst role can be assumed only from this account and only with MFA', () => {
    stack.assertions.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'launchpad-dev-analyst',
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { AWS: { 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':root']] } },
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
        ],
        Version: '2012-10-17',
      },
    });
  });
});

describe('the analyst role with a KMS-encrypted lake (prod)', () => {
  it('may use the key only through S3 in the region, to read', () => {
    const stack = stackOf('prod', 'foundation');
    const keyStatements = (role: string) =>
      roleStatements(stack, role).filter((s) => actionsOf(s).some((a) => a.startsWith('kms:')));
    for (const statement of keyStatements('launchpad-prod-analyst')) {
      expect(statement.Condition).toEqual({
        StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
      });
    }
    expect(keyStatements('launchpad-prod-analyst').flatMap(actionsOf)).toContain('kms:Decrypt');
  });
});
