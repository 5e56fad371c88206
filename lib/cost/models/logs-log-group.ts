import type { AlwaysFree } from '../catalog/price-catalog.ts';
import { type CostModel, numberProperty } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/** Months of logs kept when a log group never expires them: an assumption, stated in the basis. */
const NEVER_EXPIRE_MONTHS = 12;

/** One allowance covers ingestion, storage and Insights scans together. */
const LOGS_FREE: AlwaysFree = {
  quantity: 5,
  pool: 'cloudwatch.logs',
  note: 'CloudWatch free tier: 5 GB of Logs ingestion, storage and Insights scans together',
};

/**
 * CloudWatch Logs log groups: ingestion, and storage that grows to ingestion × retention.
 *
 * Pricing: https://aws.amazon.com/cloudwatch/pricing/
 */
export const logGroup: CostModel = {
  types: ['AWS::Logs::LogGroup'],
  service: 'Amazon CloudWatch',
  usage: {
    ingestedGb: { description: 'Log data ingested per month', unit: 'GB', default: 0.1 },
    compressionRatio: {
      description:
        'How many times smaller logs are once archived (CloudWatch stores them compressed; 1 assumes no gain)',
      unit: 'ratio',
      default: 1,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.cloudWatch,
      queries: [
        {
          id: 'cloudwatch.logs.ingestion',
          unit: 'GB',
          description: 'CloudWatch Logs ingestion (Standard class)',
          usageType: 'DataProcessing-Bytes',
          alwaysFree: LOGS_FREE,
        },
        {
          id: 'cloudwatch.logs.storage',
          unit: 'GB-Mo',
          description: 'CloudWatch Logs archived storage',
          usageType: 'TimedStorage-ByteHrs',
          alwaysFree: LOGS_FREE,
        },
      ],
    },
  ],
  components: ({ resource, usage }) => {
    const ingested = usage('ingestedGb');
    const retentionDays = numberProperty(resource, 'RetentionInDays', 0);
    const months =
      retentionDays > 0 ? Math.min(retentionDays / 30, NEVER_EXPIRE_MONTHS) : NEVER_EXPIRE_MONTHS;
    const ratio = Math.max(usage('compressionRatio'), 1);
    const kept =
      retentionDays > 0
        ? `RetentionInDays ${retentionDays}`
        : `never expires, ${NEVER_EXPIRE_MONTHS} months assumed`;
    return [
      {
        name: 'Log ingestion',
        priceId: 'cloudwatch.logs.ingestion',
        quantity: ingested,
        basis: 'ingestedGb',
      },
      {
        name: 'Log storage',
        priceId: 'cloudwatch.logs.storage',
        quantity: (ingested * months) / ratio,
        basis: `ingestedGb × ${Number(months.toFixed(2))} months kept (${kept})${ratio > 1 ? ` ÷ ${ratio} (compressed)` : ''}`,
      },
    ];
  },
};
