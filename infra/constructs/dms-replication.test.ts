import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { ResourceNames } from '../../lib/config/resource-names.ts';
import { DmsReplication, LOGIN_PLACEHOLDER, RFAM_PUBLIC_LOGIN } from './dms-replication.ts';

/** The secret of a DMS replication of this source, synthesized in a stack of its own (no other phase needed). */
function sourceSecret(host: string, port: number): Record<string, unknown> {
  const stack = new Stack(new App(), 'Dms', { env: { account: '123456789012', region: 'us-east-1' } });
  new DmsReplication(stack, 'Dms', {
    names: new ResourceNames('launchpad', 'dev'),
    source: { host, port, database: 'rides', tables: ['trips'], changeDataCapture: false },
    bucket: new s3.Bucket(stack, 'Raw'),
    logRetention: logs.RetentionDays.ONE_WEEK,
  });
  const secrets = Template.fromStack(stack).findResources('AWS::SecretsManager::Secret');
  const [secret] = Object.values(secrets) as { Properties: Record<string, unknown> }[];
  return secret?.Properties ?? {};
}

describe('the DMS source login', () => {
  it('of a private source is never in the template: generated once, then left to the console', () => {
    const secret = sourceSecret('mysql.rides.example.com', 3306);

    expect(secret.SecretString).toBeUndefined();
    expect(secret.GenerateSecretString).toEqual({
      SecretStringTemplate: JSON.stringify({
        username: LOGIN_PLACEHOLDER,
        host: 'mysql.rides.example.com',
        port: '3306',
      }),
      GenerateStringKey: 'password',
      ExcludePunctuation: true,
      PasswordLength: 32,
    });
  });

  it("of the public Rfam source is EMBL-EBI's published read-only login, so the default works at once", () => {
    const secret = sourceSecret(RFAM_PUBLIC_LOGIN.host, 4497);

    expect(secret.GenerateSecretString).toBeUndefined();
    expect(JSON.parse(String(secret.SecretString))).toEqual({
      username: 'rfamro',
      password: '',
      host: 'mysql-rfam-public.ebi.ac.uk',
      port: '4497',
    });
  });
});
