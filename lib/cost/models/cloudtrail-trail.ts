import type { CostModel } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/** Insights types and the events each analyzes: call rate the writes, error rate every management event. */
const INSIGHTS = [
  { type: 'ApiCallRateInsight', name: 'Insights: API call rate', events: 'writeManagementEvents' },
  { type: 'ApiErrorRateInsight', name: 'Insights: API error rate', events: 'managementEvents' },
] as const;

/**
 * CloudTrail trails: the first copy of management events is free; data events, further copies and
 * Insights (per event analyzed, for each Insights type on the trail) are not.
 *
 * Pricing: https://aws.amazon.com/cloudtrail/pricing/
 */
export const trail: CostModel = {
  types: ['AWS::CloudTrail::Trail'],
  service: 'AWS CloudTrail',
  usage: {
    isAdditionalCopy: {
      description: '1 if the account already has a trail recording management events, else 0',
      unit: 'flag',
      default: 0,
    },
    managementEvents: {
      description: 'Management events recorded per month',
      unit: 'events',
      default: 50_000,
    },
    dataEvents: {
      description: 'Data events recorded per month (when the trail selects any)',
      unit: 'events',
      default: 10_000,
    },
    writeManagementEvents: {
      description:
        'Of the management events, those that are not read-only (what API call rate Insights analyze)',
      unit: 'events',
      default: 10_000,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.cloudTrail,
      queries: [
        {
          id: 'cloudtrail.management-events.additional',
          unit: 'Events',
          description: 'CloudTrail management events, additional copies (the first copy is free)',
          attributes: { productFamily: 'Management Tools - AWS CloudTrail Paid Events Recorded' },
        },
        {
          id: 'cloudtrail.data-events',
          unit: 'Events',
          description: 'CloudTrail data events',
          attributes: { productFamily: 'Management Tools - AWS CloudTrail Data Events Recorded' },
        },
        {
          id: 'cloudtrail.insights-events-analyzed',
          unit: 'Events',
          description: 'CloudTrail Insights, management events analyzed per Insights type',
          attributes: { productFamily: 'Management Tools - AWS CloudTrail Insights Events' },
        },
      ],
    },
  ],
  components: ({ resource, usage }) => {
    const selectors = JSON.stringify([
      resource.properties.EventSelectors ?? [],
      resource.properties.AdvancedEventSelectors ?? [],
    ]);
    const recordsData = /DataResources|"resources\.type"/.test(selectors);
    const insights = JSON.stringify(resource.properties.InsightSelectors ?? []);
    return [
      ...(usage('isAdditionalCopy') > 0
        ? [
            {
              name: 'Management events (additional copy)',
              priceId: 'cloudtrail.management-events.additional',
              quantity: usage('managementEvents'),
              basis: 'managementEvents',
            },
          ]
        : []),
      ...(recordsData
        ? [
            {
              name: 'Data events',
              priceId: 'cloudtrail.data-events',
              quantity: usage('dataEvents'),
              basis: 'dataEvents',
            },
          ]
        : []),
      ...INSIGHTS.filter(({ type }) => insights.includes(`"${type}"`)).map(({ name, events }) => ({
        name,
        priceId: 'cloudtrail.insights-events-analyzed',
        quantity: usage(events),
        basis: `${events} analyzed`,
      })),
    ];
  },
};
