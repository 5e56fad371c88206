/**
 * Which buckets and log groups belong to an environment's stacks, asked of AWS itself rather than guessed
 * from names: CloudFormation's resource list of a stack while it exists, and after it is gone the standard
 * tags (project, environment, phase) that every resource of the app carries and that a retained resource
 * keeps. A bucket someone made by hand with the environment's prefix in its name is never one of them.
 */
import {
  type CloudFormationClient,
  ListStackResourcesCommand,
  ListStacksCommand,
  type StackStatus,
} from '@aws-sdk/client-cloudformation';
import {
  type CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { GetBucketTaggingCommand, ListBucketsCommand, type S3Client } from '@aws-sdk/client-s3';

export type DataKind = 'bucket' | 'log-group';

/** A bucket or log group and the phase its tags (or its stack) give it. */
export interface DataResource {
  readonly kind: DataKind;
  readonly name: string;
  /** The `phase` tag; undefined when only the stack's resource list named it. */
  readonly phase?: string;
  /** Stored bytes as the listing reports them (log groups). */
  readonly bytes?: number;
}

export interface EnvironmentScope {
  readonly project: string;
  readonly environment: string;
}

const RESOURCE_KINDS: Record<string, DataKind> = {
  'AWS::S3::Bucket': 'bucket',
  'AWS::Logs::LogGroup': 'log-group',
};
const GONE: StackStatus[] = ['DELETE_COMPLETE'];

/** One of an environment's stacks, as CloudFormation's ListStacks summarizes it. */
export interface EnvironmentStack {
  readonly name: string;
  readonly status: string;
  readonly createdAt: Date;
  /** The last change (a deploy or a rollback); the creation when it was never updated. */
  readonly lastChangedAt: Date;
}

/**
 * The environment's stacks that CloudFormation still has (`<project>-<env>-*`, not deleted), page by page.
 * A stack that failed to create or is being deleted counts: it may hold resources that bill.
 */
export async function liveEnvironmentStacks(
  cfn: CloudFormationClient,
  scope: EnvironmentScope,
): Promise<EnvironmentStack[]> {
  const prefix = `${scope.project}-${scope.environment}-`;
  const stacks: EnvironmentStack[] = [];
  let token: string | undefined;
  do {
    const page = await cfn.send(new ListStacksCommand({ NextToken: token }));
    for (const stack of page.StackSummaries ?? []) {
      const name = stack.StackName ?? '';
      if (!name.startsWith(prefix) || GONE.includes(stack.StackStatus as StackStatus)) continue;
      const createdAt = stack.CreationTime ?? new Date(0);
      stacks.push({
        name,
        status: stack.StackStatus ?? 'UNKNOWN',
        createdAt,
        lastChangedAt: stack.LastUpdatedTime ?? createdAt,
      });
    }
    token = page.NextToken;
  } while (token);
  return stacks;
}

/**
 * The buckets and log groups in these stacks' own resource lists, page by page. A stack that does not
 * exist (never deployed, or deleted already) has none.
 */
export async function stackDataResources(
  cfn: CloudFormationClient,
  stackNames: readonly string[],
): Promise<DataResource[]> {
  const found: DataResource[] = [];
  for (const stackName of stackNames) {
    let token: string | undefined;
    try {
      do {
        const page = await cfn.send(
          new ListStackResourcesCommand({ StackName: stackName, NextToken: token }),
        );
        for (const resource of page.StackResourceSummaries ?? []) {
          const kind = RESOURCE_KINDS[resource.ResourceType ?? ''];
          if (kind && resource.PhysicalResourceId) found.push({ kind, name: resource.PhysicalResourceId });
        }
        token = page.NextToken;
      } while (token);
    } catch (error) {
      if (!isMissingStack(error)) throw error;
    }
  }
  return found;
}

const isMissingStack = (error: unknown): boolean =>
  (error as Error).name === 'ValidationError' && /does not exist/.test((error as Error).message);

/**
 * Buckets tagged with the environment's project and environment. The listing asks only for names with
 * the environment's prefix (every bucket of the app is named so, by its config or by CDK from the stack
 * name), but the tags decide.
 */
export async function taggedBuckets(s3: S3Client, scope: EnvironmentScope): Promise<DataResource[]> {
  const prefix = `${scope.project}-${scope.environment}-`;
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListBucketsCommand({ Prefix: prefix, ContinuationToken: token }));
    names.push(...(page.Buckets ?? []).map((b) => b.Name ?? '').filter((n) => n.startsWith(prefix)));
    token = page.ContinuationToken;
  } while (token);
  const found: DataResource[] = [];
  for (const name of names.sort()) {
    const tags = await bucketTags(s3, name);
    if (belongs(tags, scope)) found.push({ kind: 'bucket', name, phase: tags.phase });
  }
  return found;
}

async function bucketTags(s3: S3Client, bucket: string): Promise<Record<string, string>> {
  try {
    const answer = await s3.send(new GetBucketTaggingCommand({ Bucket: bucket }));
    return Object.fromEntries((answer.TagSet ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  } catch (error) {
    if ((error as Error).name === 'NoSuchTagSet') return {};
    throw error;
  }
}

/** Log groups tagged with the environment's project and environment, among those named for it. */
export async function taggedLogGroups(
  logs: CloudWatchLogsClient,
  scope: EnvironmentScope,
): Promise<DataResource[]> {
  const named = new RegExp(`(^|/)${scope.project}-${scope.environment}(-|/|$)`);
  const found: DataResource[] = [];
  let token: string | undefined;
  do {
    const page = await logs.send(new DescribeLogGroupsCommand({ nextToken: token }));
    for (const group of page.logGroups ?? []) {
      const name = group.logGroupName ?? '';
      if (!named.test(name)) continue;
      // `arn` ends in `:*`, which ListTagsForResource refuses; logGroupArn does not.
      const arn = group.logGroupArn ?? (group.arn ?? '').replace(/:\*$/, '');
      const answer = await logs.send(new ListTagsForResourceCommand({ resourceArn: arn }));
      const tags = answer.tags ?? {};
      if (belongs(tags, scope))
        found.push({ kind: 'log-group', name, phase: tags.phase, bytes: group.storedBytes ?? 0 });
    }
    token = page.nextToken;
  } while (token);
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

const belongs = (tags: Record<string, string | undefined>, scope: EnvironmentScope): boolean =>
  tags.project === scope.project && tags.environment === scope.environment;

/** The environment's data that no live stack holds: what a retain policy left when its stack went. */
export async function retainedData(
  clients: { cfn: CloudFormationClient; s3: S3Client; logs: CloudWatchLogsClient },
  scope: EnvironmentScope,
): Promise<DataResource[]> {
  const live = (await liveEnvironmentStacks(clients.cfn, scope)).map((s) => s.name);
  const held = new Set((await stackDataResources(clients.cfn, live)).map(key));
  const tagged = [
    ...(await taggedBuckets(clients.s3, scope)),
    ...(await taggedLogGroups(clients.logs, scope)),
  ];
  return tagged.filter((r) => !held.has(key(r)));
}

export const key = (r: DataResource): string => `${r.kind}:${r.name}`;
