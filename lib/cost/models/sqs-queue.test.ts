import { describe, expect, it } from 'vitest';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';
import { sqsQueue } from './sqs-queue.ts';

const FIFO = { FifoQueue: true };

describe('SQS queue', () => {
  it('bills standard or FIFO requests', () => {
    expect(quantities(componentsOf(sqsQueue, FIFO, { requests: 4 }))).toEqual({ 'sqs.fifo.requests': 4 });
    expect(quantities(componentsOf(sqsQueue, { FifoQueue: 'true' }, { requests: 4 }))).toEqual({
      'sqs.fifo.requests': 4,
    });
    expect(quantities(componentsOf(sqsQueue, {}, { requests: 4 }))).toEqual({ 'sqs.standard.requests': 4 });
  });

  it('reads requests; by default 10,000 a month', () => {
    expect(usageDefaults(sqsQueue)).toEqual({ requests: 10_000 });
    expect(usageRead(sqsQueue, FIFO)).toEqual(['requests']);
  });

  it('bills nothing within 1M requests a month, standard and FIFO together', () => {
    const standard = componentsOf(sqsQueue, {}, { requests: 600_000 });
    const fifo = componentsOf(sqsQueue, FIFO, { requests: 600_000 });
    expect(monthlyCost(standard).after).toBe(0);
    expect(monthlyCost(fifo).after).toBe(0);
    expect(monthlyCost([...standard, ...fifo]).after).toBeGreaterThan(0);
  });
});
