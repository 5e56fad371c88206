import { type CostModel, nestedProperty } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * Glue crawlers: DPU-hours with a 10-minute minimum per run.
 *
 * Pricing: https://aws.amazon.com/glue/pricing/
 */
export const glueCrawler: CostModel = {
  types: ['AWS::Glue::Crawler'],
  service: 'AWS Glue',
  usage: {
    scheduledRunsPerMonth: {
      description: 'Runs per month when the crawler has a schedule',
      unit: 'runs',
      default: 30,
    },
    manualRunsPerMonth: {
      description: 'Runs per month when it has none (started by hand or a workflow)',
      unit: 'runs',
      default: 4,
    },
    averageMinutes: {
      description: 'Average duration of one run (10 minutes are billed at least)',
      unit: 'minutes',
      default: 2,
    },
    dpus: { description: 'DPUs a run uses', unit: 'DPU', default: 2 },
  },
  prices: [
    {
      service: PRICE_SERVICES.glue,
      queries: [
        {
          id: 'glue.crawler.dpu-hour',
          unit: 'DPU-Hour',
          description: 'Glue crawler DPU-hour',
          usageType: 'Crawler-DPU-Hour',
          attributes: { operation: 'CrawlerRun' },
        },
      ],
    },
  ],
  components: ({ resource, usage }) => {
    const scheduled = typeof nestedProperty(resource, ['Schedule', 'ScheduleExpression']) === 'string';
    const runs = scheduled ? usage('scheduledRunsPerMonth') : usage('manualRunsPerMonth');
    const minutes = Math.max(usage('averageMinutes'), 10);
    const dpus = usage('dpus');
    return [
      {
        name: 'Crawler DPU-hours',
        priceId: 'glue.crawler.dpu-hour',
        quantity: (runs * minutes * dpus) / 60,
        basis: `${runs} ${scheduled ? 'scheduled' : 'manual'} runs × ${minutes} min × ${dpus} DPU`,
      },
    ];
  },
};
