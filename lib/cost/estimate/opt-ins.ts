import type { EnvironmentConfig } from '../../config/environment-config.ts';
import type { PriceCatalog } from '../catalog/price-catalog.ts';
import { tieredCost } from '../catalog/tiered-cost.ts';
import { HOURS_PER_MONTH } from '../models/cost-model.ts';
import type { OptInCost } from './estimate-types.ts';

/** The priced switches of one environment's config (config/<env>.json: costlyServices, CloudTrail Insights). */
export interface OptInSettings {
  readonly environment: string;
  readonly dms: boolean;
  readonly mwaa: boolean;
  readonly quicksight: boolean;
  readonly kinesisProvisionedShards: number;
  /** orchestration.cloudTrailInsights, on a trail that exists (orchestration.cloudTrail). */
  readonly cloudTrailInsights: boolean;
  /** Which phases the environment deploys: a switch only matters when its phase is on. */
  readonly phases: Readonly<Record<string, boolean>>;
}

/** The priced switches of a loaded config. */
export function optInSettingsOf(config: EnvironmentConfig): OptInSettings {
  const { cloudTrail, cloudTrailInsights } = config.orchestration;
  return {
    environment: config.environment,
    ...config.costlyServices,
    cloudTrailInsights: cloudTrail && cloudTrailInsights,
    phases: config.phases,
  };
}

interface OptIn {
  readonly setting: string;
  readonly what: string;
  /** The phase whose stack the switch adds to. */
  readonly phase: string;
  readonly enabled: (s: OptInSettings) => boolean;
  /** Price id and monthly quantity of the smallest configuration the switch deploys. */
  readonly prices: readonly (readonly [string, number])[];
}

const OPT_INS: readonly OptIn[] = [
  {
    setting: 'costlyServices.dms',
    what: 'DMS replication instance dms.t3.micro, single-AZ, every hour of the month',
    phase: 'ingestion',
    enabled: (s) => s.dms,
    prices: [['dms.instance.dms.t3.micro', HOURS_PER_MONTH]],
  },
  {
    setting: 'costlyServices.mwaa',
    what: 'MWAA environment of the smallest class (mw1.micro) and the NAT gateway its private subnets reach AWS through, every hour of the month',
    phase: 'orchestration',
    enabled: (s) => s.mwaa,
    prices: [
      ['mwaa.environment.mw1.micro', HOURS_PER_MONTH],
      ['mwaa.metadb-storage', 1],
      ['vpc.nat-gateway.hours', HOURS_PER_MONTH],
      ['vpc.public-ipv4', HOURS_PER_MONTH],
    ],
  },
  {
    setting: 'costlyServices.quicksight',
    what: 'one QuickSight author subscription (SPICE refreshes cost nothing more; each runs an Athena query, billed by data scanned)',
    phase: 'analytics',
    enabled: (s) => s.quicksight,
    prices: [['quicksight.author', 1]],
  },
  {
    setting: 'costlyServices.kinesisProvisionedShards',
    what: 'each shard of the provisioned Kinesis stream, every hour of the month',
    phase: 'ingestion',
    enabled: (s) => s.kinesisProvisionedShards > 0,
    prices: [['kinesis.provisioned.shard-hour', HOURS_PER_MONTH]],
  },
  {
    setting: 'costlyServices.kinesisProvisionedShards = 0',
    what: 'the Kinesis stream in on-demand mode instead, every hour of the month, before per-GB charges',
    phase: 'ingestion',
    enabled: (s) => s.kinesisProvisionedShards === 0,
    prices: [['kinesis.on-demand.stream-hour', HOURS_PER_MONTH]],
  },
  {
    setting: 'orchestration.cloudTrailInsights',
    what: "CloudTrail Insights of both types on the trail, for the trail model's default 50,000 management events a month, 10,000 of them writes: 60,000 events analyzed",
    phase: 'orchestration',
    enabled: (s) => s.cloudTrailInsights,
    prices: [['cloudtrail.insights-events-analyzed', 60_000]],
  },
];

/** What each costly-service switch adds per month, at list price (no allowances), for each environment. */
export function optInCosts(
  settings: readonly OptInSettings[],
  catalogOf: (environment: string) => PriceCatalog,
): OptInCost[] {
  return settings.flatMap((s) =>
    OPT_INS.map((optIn) => {
      const catalog = catalogOf(s.environment);
      const entries = optIn.prices.map(([id, quantity]) => [catalog.prices[id], quantity] as const);
      const available = entries.every(([entry]) => entry !== undefined);
      const monthly = available
        ? entries.reduce((t, [entry, q]) => t + (entry ? tieredCost(entry.tiers, q) : 0), 0)
        : null;
      return {
        environment: s.environment,
        setting: optIn.setting,
        state: !s.phases[optIn.phase]
          ? (`${optIn.phase} off` as const)
          : optIn.enabled(s)
            ? ('on' as const)
            : ('off' as const),
        monthlyWhenOn: monthly === null ? null : Math.round(monthly * 100) / 100,
        what: optIn.what,
      };
    }),
  );
}
