import type { PriceCatalog } from '../catalog/price-catalog.ts';
import { tieredCost } from '../catalog/tiered-cost.ts';
import { HOURS_PER_MONTH } from '../models/cost-model.ts';
import type { OptInCost } from './estimate-types.ts';

/** The costly-service switches of one environment's config (config/<env>.json, costlyServices). */
export interface OptInSettings {
  readonly environment: string;
  readonly dms: boolean;
  readonly mwaa: boolean;
  readonly quicksight: boolean;
  readonly kinesisProvisionedShards: number;
  /** Which phases the environment deploys: a switch only matters when its phase is on. */
  readonly phases: Readonly<Record<string, boolean>>;
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
    what: 'one QuickSight author subscription',
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
