import { restApi } from './api-gateway.ts';
import { athenaWorkGroup } from './athena.ts';
import { codeBuildProject, codePipeline } from './ci-cd.ts';
import { trail } from './cloudtrail.ts';
import { alarm, dashboard, logGroup, metricFilter } from './cloudwatch.ts';
import type { CostModel } from './cost-model.ts';
import { dmsReplicationInstance } from './dms.ts';
import { eventBus, schedule } from './events.ts';
import { firehoseDeliveryStream } from './firehose.ts';
import { glueCatalog, glueCrawler, glueJob } from './glue.ts';
import { kinesisStream } from './kinesis.ts';
import { lambdaFunction } from './lambda.ts';
import { snsTopic, sqsQueue } from './messaging.ts';
import { mwaaEnvironment } from './mwaa.ts';
import { quickSightDataSource } from './quicksight.ts';
import { dbInstance } from './rds.ts';
import { s3Bucket } from './s3.ts';
import { budgetAction, kmsKey, secret } from './security.ts';
import { stateMachine } from './step-functions.ts';
import { elasticIp, natGateway, vpcEndpoint } from './vpc.ts';

export const COST_MODELS: readonly CostModel[] = [
  s3Bucket,
  lambdaFunction,
  kinesisStream,
  firehoseDeliveryStream,
  glueJob,
  glueCrawler,
  glueCatalog,
  athenaWorkGroup,
  stateMachine,
  logGroup,
  metricFilter,
  alarm,
  dashboard,
  trail,
  restApi,
  dmsReplicationInstance,
  mwaaEnvironment,
  quickSightDataSource,
  codePipeline,
  codeBuildProject,
  snsTopic,
  sqsQueue,
  kmsKey,
  secret,
  budgetAction,
  eventBus,
  schedule,
  dbInstance,
  natGateway,
  vpcEndpoint,
  elasticIp,
];

const BY_TYPE = new Map(COST_MODELS.flatMap((model) => model.types.map((type) => [type, model] as const)));

export function modelFor(type: string): CostModel | undefined {
  return BY_TYPE.get(type);
}
