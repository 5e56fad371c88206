import type { CostModel } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * CloudFront distributions, pay-as-you-go: data transferred out to the internet (tiered) and HTTP and HTTPS
 * requests, at the rates of viewers in the United States, Mexico and Canada (other edge regions cost more;
 * not priced here). Fetches from AWS origins are free. Always free: 1 TB out and 10 million requests a month.
 * Invalidations beyond 1,000 paths, functions, real-time logs and dedicated-IP certificates are not priced.
 *
 * Pricing: https://aws.amazon.com/cloudfront/pricing/
 */
export const cloudFrontDistribution: CostModel = {
  types: ['AWS::CloudFront::Distribution'],
  service: 'Amazon CloudFront',
  usage: {
    dataOutGb: {
      description: 'Data transferred out to viewers per month',
      unit: 'GB',
      default: 1,
    },
    httpsRequests: { description: 'HTTPS requests per month', unit: 'requests', default: 10_000 },
    httpRequests: { description: 'HTTP (unencrypted) requests per month', unit: 'requests', default: 0 },
  },
  prices: [
    {
      service: PRICE_SERVICES.cloudFront,
      queries: [
        {
          id: 'cloudfront.data-out.us',
          unit: 'GB',
          description: 'CloudFront data transfer out to the internet, United States, Mexico and Canada',
          usageType: 'US-DataTransfer-Out-Bytes',
          global: true,
          alwaysFree: {
            quantity: 1024,
            note: 'Always free: 1 TB (1,024 GB) of data transfer out a month, new and existing accounts.',
          },
        },
        {
          id: 'cloudfront.requests.https.us',
          unit: 'Requests',
          description: 'CloudFront HTTPS requests, United States, Mexico and Canada',
          usageType: 'US-Requests-Tier2-HTTPS',
          global: true,
          alwaysFree: {
            quantity: 10_000_000,
            pool: 'cloudfront.requests',
            note: 'Always free: 10,000,000 HTTP or HTTPS requests a month, new and existing accounts.',
          },
        },
        {
          id: 'cloudfront.requests.http.us',
          unit: 'Requests',
          description: 'CloudFront HTTP requests, United States, Mexico and Canada',
          usageType: 'US-Requests-Tier1',
          global: true,
          alwaysFree: {
            quantity: 10_000_000,
            pool: 'cloudfront.requests',
            note: 'Always free: 10,000,000 HTTP or HTTPS requests a month, new and existing accounts.',
          },
        },
      ],
    },
  ],
  components: ({ usage }) => [
    {
      name: 'Data transfer out (US, Mexico, Canada)',
      priceId: 'cloudfront.data-out.us',
      quantity: usage('dataOutGb'),
      basis: 'dataOutGb',
    },
    {
      name: 'HTTPS requests',
      priceId: 'cloudfront.requests.https.us',
      quantity: usage('httpsRequests'),
      basis: 'httpsRequests',
    },
    {
      name: 'HTTP requests',
      priceId: 'cloudfront.requests.http.us',
      quantity: usage('httpRequests'),
      basis: 'httpRequests',
    },
  ],
};
