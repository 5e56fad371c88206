import type { PhaseName } from './phases.ts';

/** One environment's settings, as validated against config/schema.json (which documents every field). */
export interface EnvironmentConfig {
  /** Environment name, taken from the file name (config/<environment>.json). */
  readonly environment: string;
  /** Path of the file it was read from, relative to the working directory. */
  readonly file: string;
  readonly project: string;
  readonly owner: string;
  readonly costCenter: string;
  readonly region: string;
  readonly account?: string;
  readonly alarmEmail: string;
  readonly removalPolicy: 'destroy' | 'retain';
  readonly encryption: 's3-managed' | 'kms';
  readonly permissionsBoundaryArn?: string;
  readonly iamUsers: readonly string[];
  readonly phases: Readonly<Record<PhaseName, boolean>>;
  readonly costlyServices: {
    readonly dms: boolean;
    readonly mwaa: boolean;
    readonly quicksight: boolean;
    readonly kinesisProvisionedShards: number;
  };
  readonly logRetentionDays: number;
  readonly lifecycle: {
    readonly transitionToInfrequentAccessDays: number;
    readonly transitionToGlacierInstantRetrievalDays: number;
    readonly noncurrentVersionExpirationDays: number;
    readonly abortIncompleteMultipartUploadDays: number;
    readonly accessLogsExpirationDays: number;
    readonly queryResultsExpirationDays: number;
    readonly storageClasses: 'by-age' | 'intelligent-tiering';
    readonly archiveRaw: {
      readonly storageClass: 'glacier-flexible-retrieval' | 'deep-archive';
      readonly afterDays: number;
    } | null;
  };
  readonly ingestion: {
    readonly streamRetentionHours: number;
    readonly lambdaReservedConcurrency: number | null;
    readonly crawlerSchedule: string | null;
    readonly apiRateLimit: number;
    readonly apiBurstLimit: number;
    readonly apiMonthlyQuota: number;
    readonly dmsSource: {
      readonly host: string;
      readonly port: number;
      readonly database: string;
      readonly tables: readonly string[];
      /** Keep replicating changes after the full load (full-load-and-cdc): the source needs binlog access. */
      readonly changeDataCapture: boolean;
    };
  };
  readonly processing: {
    readonly workerType: 'G.1X' | 'G.2X' | 'G.4X' | 'G.8X';
    readonly numberOfWorkers: number;
    readonly timeoutMinutes: number;
    readonly maxRetries: number;
  };
  readonly analytics: {
    readonly bytesScannedCutoffMb: number;
    readonly quicksight: {
      readonly principalArn: string | null;
      readonly spice: boolean;
      /** Daily SPICE refresh, HH:MM UTC, or null. */
      readonly refreshSchedule: string | null;
      readonly viewerArns: readonly string[];
      readonly rowLevelSecurity: readonly {
        readonly principalArn: string;
        readonly cities: readonly string[];
      }[];
      readonly hideFaresFromViewers: boolean;
    };
  };
  readonly orchestration: {
    readonly schedule: string | null;
    readonly runOnRawArrival: boolean;
    readonly mwaaEnvironmentClass: 'mw1.micro' | 'mw1.small';
    readonly cloudTrail: boolean;
    readonly cloudTrailInsights: boolean;
    readonly dashboard: boolean;
  };
  /** Days without a deploy after which the idle-bill workflow tears dev down; null (default): never. */
  readonly autoTeardownAfterDays: number | null;
  readonly budget: {
    readonly monthlyLimitUsd: number;
    readonly filterByEnvironmentTag: boolean;
  };
}
