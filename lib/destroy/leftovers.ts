/**
 * What an environment leaves behind after its stacks are gone, found with real calls: its buckets and log
 * groups that no live stack holds (known by their tags, never by their names: see owned-data.ts), stacks
 * that did not delete, the deploy-role stack and the account's CDK bootstrap stack. Each with a monthly cost
 * hint and the command that removes it.
 */
import { CloudFormationClient, ListStacksCommand, type StackStatus } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { type AwsClientOptions, awsClientConfig } from '../aws/client-config.ts';
import { PHASE_NAMES } from '../config/phases.ts';
import { type DataResource, retainedData } from './owned-data.ts';

export type RemainingKind = 'bucket' | 'log-group' | 'stack' | 'deploy-role-stack' | 'bootstrap-stack';

export interface Remaining {
  readonly kind: RemainingKind;
  readonly name: string;
  /** `~$0.02/month (1.1 GB in 3,200 object versions)`. */
  readonly monthlyCostHint: string;
  /** The command that removes it. */
  readonly removeWith: string;
  /** Bytes stored, when known (buckets, log groups). */
  readonly bytes?: number;
  /** Object versions and delete markers (buckets). */
  readonly objects?: number;
}

export interface LeftoverQuery extends AwsClientOptions {
  readonly project: string;
  readonly environment: string;
  /** The CDK bootstrap stack. Default CDKToolkit. */
  readonly toolkitStackName?: string;
}

// us-east-1 list prices, enough for a hint: S3 Standard storage, CloudWatch Logs archived storage.
const S3_USD_PER_GB_MONTH = 0.023;
const LOGS_USD_PER_GB_MONTH = 0.03;
const GB = 1024 ** 3;
/** Pages of 1,000 versions counted per bucket: a hint needs no exact count of a huge bucket. */
const MAX_VERSION_PAGES = 20;
const GONE: StackStatus[] = ['DELETE_COMPLETE'];

export async function findLeftovers(query: LeftoverQuery): Promise<Remaining[]> {
  const config = awsClientConfig(query);
  const s3 = new S3Client({ ...config, forcePathStyle: query.endpoint !== undefined });
  const logs = new CloudWatchLogsClient(config);
  const cfn = new CloudFormationClient(config);
  try {
    const [data, stacks] = await Promise.all([
      retainedData({ cfn, s3, logs }, query),
      leftoverStacks(cfn, `${query.project}-${query.environment}`, query),
    ]);
    const buckets = await retainedBuckets(
      s3,
      data.filter((r) => r.kind === 'bucket'),
      query,
    );
    return [...stacks, ...buckets, ...data.filter((r) => r.kind === 'log-group').map(logGroupLeft)];
  } finally {
    s3.destroy();
    logs.destroy();
    cfn.destroy();
  }
}

async function retainedBuckets(
  s3: S3Client,
  buckets: readonly DataResource[],
  query: LeftoverQuery,
): Promise<Remaining[]> {
  const remaining: Remaining[] = [];
  for (const bucket of buckets) {
    const { objects, bytes, complete } = await bucketContents(s3, bucket.name);
    const count = `${complete ? '' : 'over '}${objects.toLocaleString('en-US')} object version${objects === 1 ? '' : 's'}`;
    remaining.push({
      kind: 'bucket',
      name: bucket.name,
      bytes,
      objects,
      monthlyCostHint: `${usd((bytes / GB) * S3_USD_PER_GB_MONTH)}/month (${formatBytes(bytes)} in ${count})`,
      removeWith: `${destroyCommand(query, bucket.phase)} --delete-retained-data`,
    });
  }
  return remaining;
}

export async function bucketContents(
  s3: S3Client,
  bucket: string,
): Promise<{ objects: number; bytes: number; complete: boolean }> {
  let objects = 0;
  let bytes = 0;
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  for (let page = 0; page < MAX_VERSION_PAGES; page++) {
    const answer = await s3.send(
      new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker: keyMarker, VersionIdMarker: versionMarker }),
    );
    for (const version of answer.Versions ?? []) bytes += version.Size ?? 0;
    objects += (answer.Versions ?? []).length + (answer.DeleteMarkers ?? []).length;
    if (!answer.IsTruncated) return { objects, bytes, complete: true };
    keyMarker = answer.NextKeyMarker;
    versionMarker = answer.NextVersionIdMarker;
  }
  return { objects, bytes, complete: false };
}

function logGroupLeft({ name, bytes = 0 }: DataResource): Remaining {
  return {
    kind: 'log-group',
    name,
    bytes,
    monthlyCostHint: `${usd((bytes / GB) * LOGS_USD_PER_GB_MONTH)}/month (${formatBytes(bytes)} stored)`,
    removeWith: `aws logs delete-log-group --log-group-name ${name}`,
  };
}

async function leftoverStacks(
  cfn: CloudFormationClient,
  prefix: string,
  query: LeftoverQuery,
): Promise<Remaining[]> {
  const toolkitStack = query.toolkitStackName ?? 'CDKToolkit';
  const deployRole = `${query.project}-github-${query.environment}`;
  const remaining: Remaining[] = [];
  let token: string | undefined;
  do {
    const page = await cfn.send(new ListStacksCommand({ NextToken: token }));
    for (const stack of page.StackSummaries ?? []) {
      const name = stack.StackName ?? '';
      if (GONE.includes(stack.StackStatus as StackStatus)) continue;
      const deleteStack = `aws cloudformation delete-stack --stack-name ${name}`;
      if (name.startsWith(`${prefix}-`)) {
        remaining.push({
          kind: 'stack',
          name: `${name} (${stack.StackStatus})`,
          monthlyCostHint: 'what its resources cost (see npm run cost)',
          removeWith:
            stack.StackStatus === 'DELETE_FAILED'
              ? `fix or empty what its events name, then ${deleteStack}`
              : `${destroyCommand(query)} (or ${deleteStack})`,
        });
      } else if (name === deployRole) {
        remaining.push({
          kind: 'deploy-role-stack',
          name,
          monthlyCostHint: '$0 (IAM roles are free); keep it to deploy again',
          removeWith: deleteStack,
        });
      } else if (name === toolkitStack) {
        remaining.push({
          kind: 'bootstrap-stack',
          name,
          monthlyCostHint:
            'a few cents: the storage of its staging bucket; shared by every CDK app in this account and region',
          removeWith: `only when nothing here deploys with CDK any more: empty its staging bucket (cdk-*-assets-*), then ${deleteStack}`,
        });
      }
    }
    token = page.NextToken;
  } while (token);
  return remaining.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

/** The teardown command; for data of one phase, of that phase only (its stack is gone already). */
function destroyCommand(query: LeftoverQuery, phase?: string): string {
  const confirm = query.environment === 'dev' ? '' : ` --confirm ${query.environment}`;
  const phases = (PHASE_NAMES as readonly (string | undefined)[]).includes(phase) ? ` --phases ${phase}` : '';
  return `npm run destroy -- --env ${query.environment}${confirm}${phases}`;
}

const usd = (amount: number): string => (amount > 0 && amount < 0.01 ? '<$0.01' : `~$${amount.toFixed(2)}`);

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
