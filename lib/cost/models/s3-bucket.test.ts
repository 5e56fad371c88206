import { describe, expect, it } from 'vitest';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';
import { s3Bucket } from './s3-bucket.ts';

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
    });
    expect(usageRead(s3Bucket)).toEqual(Object.keys(s3Bucket.usage).sort());
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
