import { describe, expect, it } from 'vitest';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';
import { s3Bucket } from './s3-bucket.ts';

/** Bucket properties whose lifecycle rule moves objects into these storage classes. */
const lifecycle = (...classes: string[]) => ({
  LifecycleConfiguration: {
    Rules: [
      {
        Status: 'Enabled',
        Transitions: classes.map((StorageClass, i) => ({ StorageClass, TransitionInDays: i * 90 })),
      },
    ],
  },
});

describe('S3 bucket', () => {
  it('bills storage by class, requests, retrievals and transitions from usage', () => {
    const c = componentsOf(
      s3Bucket,
      {},
      { standardGb: 100, glacierIrGb: 10, writeRequests: 1000, readRequests: 5, transitionsToGlacierIr: 7 },
    );
    expect(quantities(c)).toMatchObject({
      's3.storage.standard': 100,
      's3.storage.glacier-ir': 10,
      's3.requests.tier1': 1000,
      's3.requests.tier2': 5,
      's3.transition.glacier-ir': 7,
    });
  });

  it('bills Standard-IA storage, requests and retrievals, and Glacier IR retrievals, from usage', () => {
    const c = componentsOf(
      s3Bucket,
      {},
      {
        standardIaGb: 50,
        standardIaWriteRequests: 4,
        standardIaReadRequests: 6,
        standardIaRetrievalGb: 2,
        glacierIrRetrievalGb: 3,
        transitionsToStandardIa: 8,
      },
    );
    expect(quantities(c)).toMatchObject({
      's3.storage.standard-ia': 50,
      's3.requests.standard-ia.tier1': 4,
      's3.requests.standard-ia.tier2': 6,
      's3.retrieval.standard-ia': 2,
      's3.retrieval.glacier-ir': 3,
      's3.transition.standard-ia': 8,
    });
  });

  it('bills Intelligent-Tiering and the archive classes only when the lifecycle rules move objects there', () => {
    const names = (properties: Record<string, unknown>) =>
      componentsOf(s3Bucket, properties)
        .map((c) => c.priceId)
        .filter((id) => /intelligent|flexible|deep/.test(id));
    expect(names({})).toEqual([]);
    expect(names(lifecycle('INTELLIGENT_TIERING', 'DEEP_ARCHIVE'))).toEqual([
      's3.storage.intelligent-tiering.frequent',
      's3.storage.intelligent-tiering.infrequent',
      's3.storage.intelligent-tiering.archive-instant',
      's3.intelligent-tiering.monitoring',
      's3.transition.intelligent-tiering',
      's3.storage.deep-archive',
      's3.transition.deep-archive',
    ]);
    expect(names(lifecycle('GLACIER'))).toEqual([
      's3.storage.glacier-flexible',
      's3.transition.glacier-flexible',
    ]);
  });

  // One line per price: the scenario of Infracost's us-east-1 golden output (s3_bucket_test.golden), or the
  // rate stated on the catalog entry where no published figure was found.
  it.each([
    [
      's3.storage.intelligent-tiering.frequent',
      'intelligentTieringFrequentGb',
      20_000,
      460,
      'INTELLIGENT_TIERING',
    ],
    [
      's3.storage.intelligent-tiering.infrequent',
      'intelligentTieringInfrequentGb',
      20_000,
      250,
      'INTELLIGENT_TIERING',
    ],
    [
      's3.storage.intelligent-tiering.archive-instant',
      'intelligentTieringArchiveInstantGb',
      1_000,
      4,
      'INTELLIGENT_TIERING',
    ],
    ['s3.intelligent-tiering.monitoring', 'intelligentTieringObjects', 20_000, 0.05, 'INTELLIGENT_TIERING'],
    [
      's3.transition.intelligent-tiering',
      'transitionsToIntelligentTiering',
      20_000,
      0.2,
      'INTELLIGENT_TIERING',
    ],
    ['s3.storage.glacier-flexible', 'glacierFlexibleGb', 50_000, 180, 'GLACIER'],
    ['s3.transition.glacier-flexible', 'transitionsToGlacierFlexible', 50_000, 1.5, 'GLACIER'],
    ['s3.storage.deep-archive', 'deepArchiveGb', 60_000, 59.4, 'DEEP_ARCHIVE'],
    ['s3.transition.deep-archive', 'transitionsToDeepArchive', 60_000, 3, 'DEEP_ARCHIVE'],
  ] as const)('prices %s: %s = %d costs $%d', (priceId, field, quantity, usd, storageClass) => {
    const line = componentsOf(s3Bucket, lifecycle(storageClass), { [field]: quantity }).filter(
      (c) => c.priceId === priceId,
    );
    expect(line).toHaveLength(1);
    expect(line[0]?.quantity).toBe(quantity);
    expect(monthlyCost(line).before).toBeCloseTo(usd, 6);
  });

  it('reads every usage field; by default a learner’s bucket: 1 GB in Standard, 2,000 writes, 20,000 reads', () => {
    expect(usageDefaults(s3Bucket)).toEqual({
      standardGb: 1,
      standardIaGb: 0,
      glacierIrGb: 0,
      writeRequests: 2_000,
      readRequests: 20_000,
      standardIaWriteRequests: 0,
      standardIaReadRequests: 0,
      standardIaRetrievalGb: 0,
      glacierIrRetrievalGb: 0,
      transitionsToStandardIa: 0,
      transitionsToGlacierIr: 0,
      intelligentTieringFrequentGb: 0,
      intelligentTieringInfrequentGb: 0,
      intelligentTieringArchiveInstantGb: 0,
      intelligentTieringObjects: 1_000,
      transitionsToIntelligentTiering: 1_000,
      glacierFlexibleGb: 0,
      transitionsToGlacierFlexible: 0,
      deepArchiveGb: 0,
      transitionsToDeepArchive: 0,
    });
    const allClasses = lifecycle('INTELLIGENT_TIERING', 'GLACIER', 'DEEP_ARCHIVE');
    expect(usageRead(s3Bucket, allClasses)).toEqual(Object.keys(s3Bucket.usage).sort());
    expect(quantities(componentsOf(s3Bucket))).toMatchObject({
      's3.storage.standard': 1,
      's3.requests.tier1': 2_000,
      's3.requests.tier2': 20_000,
    });
  });

  it('has no always-free allowance (the S3 free tier is a 12-month offer for new accounts)', () => {
    const cost = monthlyCost(componentsOf(s3Bucket));
    expect(cost.before).toBeGreaterThan(0);
    expect(cost.after).toBe(cost.before);
  });
});
