import { describe, expect, it } from 'vitest';
import { resourcesOfType, stackOf, synthesizedStacks } from '../test/assembly.ts';
import { checkov } from '../test/checkov.ts';
import { variantStackOf, variantStacks } from '../test/variant-app.ts';
import { VARIANTS, type VariantName } from '../test/variants.ts';

type Statement = { Sid?: string; Principal?: { Service?: unknown }; Action: string | string[] };

describe('checkov', () => {
  it('fails no check in any template of any environment or variant that is not acknowledged with a reason', () => {
    // Every environment of config/ and every variant app (every switch on with KMS, costly ingestion in stage
    // and prod, the foundation's options), in one run.
    const variants = Object.keys(VARIANTS) as VariantName[];
    const stacks = [...synthesizedStacks(), ...variants.flatMap((variant) => variantStacks(variant))];
    expect(stacks.length).toBeGreaterThanOrEqual(20);
    const result = checkov(stacks.map((s) => s.templateFile));
    expect(result.failed).toEqual([]);
    expect(result.passed).toBeGreaterThan(1000);
    // checkov read the acknowledgements (infra/nag/acknowledge-checkov.ts), each with its reason.
    expect(result.skipped.length).toBeGreaterThan(0);
    expect(result.skipped.filter((s) => s.reason.length < 20)).toEqual([]);
    // One checkov run over ~900 resources: about 14 s of CPU, longer while the other workers are busy.
  }, 180_000);
});

describe('what checkov found and the stacks now do', () => {
  const kms = (phase: string) => variantStackOf('all-switches-on', 'dev', phase);
  const keyStatements = (): Statement[] => {
    const [[, key] = []] = resourcesOfType(kms('foundation'), 'AWS::KMS::Key');
    return (key?.Properties?.KeyPolicy as { Statement: Statement[] } | undefined)?.Statement ?? [];
  };

  it('puts every log group under the data lake key where the environment encrypts with KMS', () => {
    const groups = ['ingestion', 'processing', 'analytics', 'orchestration', 'delivery'].flatMap((phase) =>
      resourcesOfType(kms(phase), 'AWS::Logs::LogGroup').map(([id, group]) => ({
        id: `${phase}/${id}`,
        encrypted: group.Properties?.KmsKeyId !== undefined,
      })),
    );
    expect(groups.length).toBeGreaterThan(15);
    expect(groups.filter((g) => !g.encrypted)).toEqual([]);
    const logs = keyStatements().find((s) => s.Sid === 'CloudWatchLogsOfThisEnvironment');
    expect(logs?.Action).toContain('kms:GenerateDataKey');
    // With SSE-S3 ("s3-managed") CloudWatch Logs keeps its own encryption.
    const plain = resourcesOfType(stackOf('dev', 'ingestion'), 'AWS::Logs::LogGroup');
    expect(plain.filter(([, g]) => g.Properties?.KmsKeyId !== undefined)).toEqual([]);
  });

  it('encrypts the CloudTrail files and the DMS source login with the lake key under KMS', () => {
    const [[, trail] = []] = resourcesOfType(kms('orchestration'), 'AWS::CloudTrail::Trail');
    expect(trail?.Properties?.KMSKeyId).toBeDefined();
    expect(keyStatements().find((s) => s.Sid === 'CloudTrailEncryptsTheAuditTrail')?.Action).toBe(
      'kms:GenerateDataKey',
    );
    const [[, secret] = []] = resourcesOfType(kms('ingestion'), 'AWS::SecretsManager::Secret');
    expect(secret?.Properties?.KmsKeyId).toBeDefined();
    // Without CDK's automatic grant, whose kms:ReEncrypt* and kms:GenerateDataKey* this project avoids.
    const actions = keyStatements().flatMap((s) => [s.Action].flat());
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
  });

  it('keeps uploads whose validation failed every retry in an encrypted dead-letter queue', () => {
    const ingestion = stackOf('dev', 'ingestion');
    const [[, validator] = []] = resourcesOfType(ingestion, 'AWS::Lambda::Function').filter(([id]) =>
      id.startsWith('ValidatorFunction'),
    );
    const dlq = validator?.Properties?.DeadLetterConfig as
      | { TargetArn: { 'Fn::GetAtt': string[] } }
      | undefined;
    const target = dlq?.TargetArn['Fn::GetAtt'][0];
    const queue = ingestion.template.Resources[target ?? ''];
    expect(queue?.Properties).toMatchObject({
      QueueName: 'launchpad-dev-s3-validator-failures',
      SqsManagedSseEnabled: true,
    });
  });

  it('traces the ingest API with X-Ray', () => {
    const [[, stage] = []] = resourcesOfType(stackOf('dev', 'ingestion'), 'AWS::ApiGateway::Stage');
    expect(stage?.Properties?.TracingEnabled).toBe(true);
  });
});
