import type { CostModel } from './cost-model.ts';

/** SNS topics: publish requests and e-mail deliveries (deliveries to SQS and Lambda are free). */
export const snsTopic: CostModel = {
  types: ['AWS::SNS::Topic'],
  service: 'Amazon SNS',
  usage: {
    publishes: { description: 'Messages published per month', unit: 'requests', default: 1_000 },
    emailDeliveries: {
      description: 'E-mail notifications delivered per month',
      unit: 'notifications',
      default: 100,
    },
  },
  components: ({ usage }) => [
    { name: 'Publish requests', priceId: 'sns.requests', quantity: usage('publishes'), basis: 'publishes' },
    {
      name: 'E-mail deliveries',
      priceId: 'sns.email',
      quantity: usage('emailDeliveries'),
      basis: 'emailDeliveries',
    },
  ],
};

/** SQS queues: requests (every 64 KB chunk of a request counts as one), standard or FIFO. */
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
