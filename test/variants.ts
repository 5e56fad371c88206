/**
 * The app built from changed copies of the repository's configs, for settings those configs leave off.
 * The global setup synthesizes each variant once per test run (test/global-setup.ts); tests read them with
 * test/variant-app.ts.
 */
import type { EnvironmentConfig } from '../lib/config/environment-config.ts';
import { loadEnvironmentConfig } from '../lib/config/load-config.ts';

export const PERMISSIONS_BOUNDARY = 'arn:aws:iam::123456789012:policy/learner-boundary';

export const QUICKSIGHT_VIEWERS = 'arn:aws:quicksight:us-east-1:123456789012:group/default/viewers';
export const QUICKSIGHT_EUROPE = 'arn:aws:quicksight:us-east-1:123456789012:group/default/europe';
export const QUICKSIGHT_ANALYST = 'arn:aws:quicksight:us-east-1:123456789012:user/default/nyc-analyst';

/**
 * dev with every phase 4–5 switch on, DMS with CDC, KMS encryption, a schedule and the upload trigger,
 * QuickSight's fine-grained access and CloudTrail Insights, and the lake in Intelligent-Tiering with raw archived.
 */
export function everythingOn(): EnvironmentConfig {
  const base = loadEnvironmentConfig('dev');
  return {
    ...base,
    encryption: 'kms',
    costlyServices: { ...base.costlyServices, dms: true, mwaa: true, quicksight: true },
    lifecycle: {
      ...base.lifecycle,
      storageClasses: 'intelligent-tiering',
      archiveRaw: { storageClass: 'deep-archive', afterDays: 365 },
    },
    analytics: {
      ...base.analytics,
      quicksight: {
        ...base.analytics.quicksight,
        principalArn: 'arn:aws:quicksight:us-east-1:123456789012:user/default/learner',
        spice: true,
        viewerArns: [QUICKSIGHT_VIEWERS],
        rowLevelSecurity: [
          { principalArn: QUICKSIGHT_EUROPE, cities: ['London', 'Paris', 'Berlin'] },
          { principalArn: QUICKSIGHT_ANALYST, cities: ['New York'] },
        ],
        hideFaresFromViewers: true,
      },
    },
    ingestion: { ...base.ingestion, dmsSource: { ...base.ingestion.dmsSource, changeDataCapture: true } },
    orchestration: {
      ...base.orchestration,
      schedule: 'cron(0 3 * * ? *)',
      runOnRawArrival: true,
      cloudTrailInsights: true,
    },
  };
}

/** Phases 2 and 3 only, with every costly switch of theirs on (DMS, on-demand Kinesis) and their schedules. */
function costlyIngestion(environment: string): EnvironmentConfig {
  const base = loadEnvironmentConfig(environment);
  return {
    ...base,
    phases: {
      ...base.phases,
      ingestion: true,
      processing: true,
      analytics: false,
      orchestration: false,
      delivery: false,
    },
    costlyServices: { ...base.costlyServices, dms: true, kinesisProvisionedShards: 0 },
    ingestion: { ...base.ingestion, crawlerSchedule: 'cron(0 2 * * ? *)', lambdaReservedConcurrency: 2 },
  };
}

/** dev with the foundation's opt-in settings: IAM users, a permissions boundary, a budget of tagged costs. */
function foundationOptions(): EnvironmentConfig {
  const base = loadEnvironmentConfig('dev');
  return {
    ...base,
    iamUsers: ['alice', 'bob'],
    permissionsBoundaryArn: PERMISSIONS_BOUNDARY,
    budget: { monthlyLimitUsd: 5, filterByEnvironmentTag: true },
  };
}

/** dev in a region with no bundled price catalog, as a learner in Europe configures it. */
function unpricedRegion(): EnvironmentConfig {
  return { ...loadEnvironmentConfig('dev'), region: 'eu-west-1' };
}

/** The environments of each variant app. */
export const VARIANTS = {
  'all-switches-on': () => [everythingOn()],
  'costly-ingestion-everywhere': () => ['dev', 'stage', 'prod'].map(costlyIngestion),
  'foundation-options': () => [foundationOptions()],
  'unpriced-region': () => [unpricedRegion()],
} satisfies Record<string, () => EnvironmentConfig[]>;

export type VariantName = keyof typeof VARIANTS;
