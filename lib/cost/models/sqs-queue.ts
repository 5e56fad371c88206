import type { AlwaysFree } from '../catalog/price-catalog.ts';
import type { CostModel } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/** Standard and FIFO requests draw on one allowance. */
const REQUESTS_FREE: AlwaysFree = {
  quantity: 1_000_000,
  pool: 'sqs.requests',
  note: 'SQS free tier: 1M requests per month, standard and FIFO together',
};

/**
 * SQS queues: requests (every 64 KB chunk of a request counts as one), standard or FIFO.
 *
 * Pricing: https://aws.amazon.com/sqs/pricing/
 */
export const sqsQueue: CostModel = {
  types: ['AWS::SQS::Queue'],
  service: 'Amazon SQS',
  usage: {
    requests: {
      description: 'API requests per month (send, receive, delete, poll)',
      unit: 'requests',
      default: 10_000,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.sqs,
      queries: [
        {
          id: 'sqs.standard.requests',
          unit: 'Requests',
          description: 'SQS standard queue requests (64 KB chunks)',
          usageType: 'Requests-RBP',
          alwaysFree: REQUESTS_FREE,
        },
        {
          id: 'sqs.fifo.requests',
          unit: 'Requests',
          description: 'SQS FIFO queue requests (64 KB chunks)',
          usageType: 'Requests-FIFO-RBP',
          alwaysFree: REQUESTS_FREE,
        },
      ],
    },
  ],
  components: ({ resource, usage }) => {
    const fifo = resource.properties.FifoQueue === true || resource.properties.FifoQueue === 'true';
    return [
      {
        name: fifo ? 'FIFO requests' : 'Standard requests',
        priceId: fifo ? 'sqs.fifo.requests' : 'sqs.standard.requests',
        quantity: usage('requests'),
        basis: 'requests',
      },
    ];
  },
};
