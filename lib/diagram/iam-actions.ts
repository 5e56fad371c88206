/**
 * IAM actions that move data or set something going, and which way the edge they make points. An action
 * pattern (`s3:Get*`, `kinesis:*`, `*`) stands for every listed action it matches; actions that only
 * describe, list, delete or manage make no edge.
 */

/**
 * `writes`, `invokes`, `starts`, `queries`, `deploys`: the principal → the resource. `reads`: the resource →
 * the principal (the way the data goes).
 */
export type AccessVerb = 'writes' | 'reads' | 'invokes' | 'starts' | 'queries' | 'deploys';

export interface Access {
  /** IAM service prefix, lower case (`s3`). */
  readonly service: string;
  readonly verb: AccessVerb;
}

/** The data-moving actions, by verb. */
export const DATA_ACTIONS: Readonly<Record<AccessVerb, readonly string[]>> = {
  writes: [
    's3:PutObject',
    'kinesis:PutRecord',
    'kinesis:PutRecords',
    'firehose:PutRecord',
    'firehose:PutRecordBatch',
    'sqs:SendMessage',
    'sns:Publish',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:BatchWriteItem',
    'events:PutEvents',
    'glue:CreateTable',
    'glue:UpdateTable',
    'glue:CreatePartition',
    'glue:BatchCreatePartition',
    'glue:UpdatePartition',
    'es:ESHttpPost',
    'es:ESHttpPut',
    'timestream:WriteRecords',
  ],
  reads: [
    's3:GetObject',
    's3:GetObjectVersion',
    'kinesis:GetRecords',
    'kinesis:SubscribeToShard',
    'sqs:ReceiveMessage',
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:Scan',
    'dynamodb:GetRecords',
    'glue:GetTable',
    'glue:GetTables',
    'glue:GetPartition',
    'glue:GetPartitions',
    'secretsmanager:GetSecretValue',
    'ssm:GetParameter',
    'ssm:GetParameters',
    'es:ESHttpGet',
  ],
  invokes: ['lambda:InvokeFunction'],
  starts: [
    'glue:StartJobRun',
    'glue:StartCrawler',
    'glue:StartWorkflowRun',
    'glue:StartTrigger',
    'states:StartExecution',
    'states:StartSyncExecution',
    'codebuild:StartBuild',
    'dms:StartReplicationTask',
    'ecs:RunTask',
    'batch:SubmitJob',
    'codepipeline:StartPipelineExecution',
  ],
  queries: ['athena:StartQueryExecution'],
  // Shipping new code into a function (the delivery pipeline's deploy project).
  deploys: ['lambda:UpdateFunctionCode'],
};

const LISTED: readonly { action: string; access: Access }[] = Object.entries(DATA_ACTIONS).flatMap(
  ([verb, actions]) =>
    actions.map((action) => ({
      action: action.toLowerCase(),
      access: { service: (action.split(':')[0] as string).toLowerCase(), verb: verb as AccessVerb },
    })),
);

const cache = new Map<string, readonly Access[]>();

/** What an action (or action pattern) of a policy statement does to data; [] when nothing. Case-insensitive. */
export function accessOf(action: string): readonly Access[] {
  const key = action.toLowerCase();
  let found = cache.get(key);
  if (!found) {
    const regex = new RegExp(
      `^${key
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replaceAll('*', '.*')
        .replaceAll('?', '.')}$`,
    );
    const seen = new Set<string>();
    found = LISTED.filter(({ action: listed, access }) => {
      const id = `${access.service}:${access.verb}`;
      if (!regex.test(listed) || seen.has(id)) return false;
      seen.add(id);
      return true;
    }).map(({ access }) => access);
    cache.set(key, found);
  }
  return found;
}

/**
 * The IAM action behind a service integration's name, for the integrations that name an API call
 * (`lambda:invoke` → `lambda:InvokeFunction`, `glue:startJobRun` → `glue:StartJobRun`,
 * `aws-sdk:s3:putObject` → `s3:PutObject`).
 */
export function integrationAction(service: string, action: string): string {
  const name = action.replace(/\.(sync(:2)?|waitForTaskToken)$/, '');
  if (service === 'lambda' && name.toLowerCase() === 'invoke') return 'lambda:InvokeFunction';
  return `${service}:${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}
