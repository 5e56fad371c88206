import { restApi } from './apigateway-rest-api.ts';
import { apiGatewayV2Api } from './apigatewayv2-api.ts';
import { appSyncGraphQlApi } from './appsync-graphql-api.ts';
import { athenaWorkGroup } from './athena-workgroup.ts';
import { budgetAction } from './budgets-action.ts';
import { cloudFrontDistribution } from './cloudfront-distribution.ts';
import { trail } from './cloudtrail-trail.ts';
import { alarm } from './cloudwatch-alarm.ts';
import { dashboard } from './cloudwatch-dashboard.ts';
import { codeBuildProject } from './codebuild-project.ts';
import { codePipeline } from './codepipeline-pipeline.ts';
import { cognitoUserPool } from './cognito-user-pool.ts';
import type { CostModel } from './cost-model.ts';
import { dmsReplicationInstance } from './dms-replication-instance.ts';
import { dynamoDbTable } from './dynamodb-table.ts';
import { elasticIp } from './ec2-eip.ts';
import { ec2Instance } from './ec2-instance.ts';
import { natGateway } from './ec2-nat-gateway.ts';
import { vpcEndpoint } from './ec2-vpc-endpoint.ts';
import { ecsService } from './ecs-service.ts';
import { efsFileSystem } from './efs-file-system.ts';
import { cacheCluster } from './elasticache-cluster.ts';
import { serverlessCache } from './elasticache-serverless-cache.ts';
import { classicLoadBalancer } from './elb-load-balancer.ts';
import { loadBalancer } from './elbv2-load-balancer.ts';
import { emrServerlessApplication } from './emrserverless-application.ts';
import { apiDestination } from './events-api-destination.ts';
import { eventBus } from './events-event-bus.ts';
import { firehoseDeliveryStream } from './firehose-delivery-stream.ts';
import { glueCatalog } from './glue-catalog.ts';
import { glueCrawler } from './glue-crawler.ts';
import { glueJob } from './glue-job.ts';
import { kinesisStream } from './kinesis-stream.ts';
import { kmsKey } from './kms-key.ts';
import { lambdaFunction } from './lambda-function.ts';
import { logGroup } from './logs-log-group.ts';
import { metricFilter } from './logs-metric-filter.ts';
import { mskCluster } from './msk-cluster.ts';
import { mwaaEnvironment } from './mwaa-environment.ts';
import { openSearchDomain } from './opensearch-domain.ts';
import { pipe } from './pipes-pipe.ts';
import type { PriceService, ServiceQuerySet } from './price-query.ts';
import { PRICE_SERVICES } from './price-services.ts';
import { quickSightDataSource } from './quicksight-data-source.ts';
import { dbCluster } from './rds-db-cluster.ts';
import { dbInstance } from './rds-db-instance.ts';
import { redshiftServerless } from './redshiftserverless-workgroup.ts';
import { healthCheck } from './route53-health-check.ts';
import { hostedZone } from './route53-hosted-zone.ts';
import { s3Bucket } from './s3-bucket.ts';
import { schedule } from './scheduler-schedule.ts';
import { secret } from './secretsmanager-secret.ts';
import { snsTopic } from './sns-topic.ts';
import { sqsQueue } from './sqs-queue.ts';
import { stateMachine } from './stepfunctions-state-machine.ts';
import { webAcl } from './wafv2-web-acl.ts';

/** Where the model files are, as the refresh's messages name them. */
export const MODELS_DIR = 'lib/cost/models';

/**
 * Every cost model, by the file that holds it (with its price queries and usage fields) and its test
 * (`<file>.test.ts`). The order is the order of the usage schema's fields and of queries within a service.
 */
export const MODEL_FILES: Readonly<Record<string, CostModel>> = {
  's3-bucket.ts': s3Bucket,
  'lambda-function.ts': lambdaFunction,
  'kinesis-stream.ts': kinesisStream,
  'firehose-delivery-stream.ts': firehoseDeliveryStream,
  'glue-job.ts': glueJob,
  'glue-crawler.ts': glueCrawler,
  'glue-catalog.ts': glueCatalog,
  'athena-workgroup.ts': athenaWorkGroup,
  'stepfunctions-state-machine.ts': stateMachine,
  'logs-log-group.ts': logGroup,
  'logs-metric-filter.ts': metricFilter,
  'cloudwatch-alarm.ts': alarm,
  'cloudwatch-dashboard.ts': dashboard,
  'cloudtrail-trail.ts': trail,
  'apigateway-rest-api.ts': restApi,
  'dms-replication-instance.ts': dmsReplicationInstance,
  'mwaa-environment.ts': mwaaEnvironment,
  'quicksight-data-source.ts': quickSightDataSource,
  'codepipeline-pipeline.ts': codePipeline,
  'codebuild-project.ts': codeBuildProject,
  'sns-topic.ts': snsTopic,
  'sqs-queue.ts': sqsQueue,
  'kms-key.ts': kmsKey,
  'secretsmanager-secret.ts': secret,
  'budgets-action.ts': budgetAction,
  'events-event-bus.ts': eventBus,
  'scheduler-schedule.ts': schedule,
  'rds-db-instance.ts': dbInstance,
  'ec2-nat-gateway.ts': natGateway,
  'ec2-vpc-endpoint.ts': vpcEndpoint,
  'ec2-eip.ts': elasticIp,
  'ec2-instance.ts': ec2Instance,
  'elbv2-load-balancer.ts': loadBalancer,
  'elb-load-balancer.ts': classicLoadBalancer,
  'dynamodb-table.ts': dynamoDbTable,
  'ecs-service.ts': ecsService,
  'rds-db-cluster.ts': dbCluster,
  'elasticache-cluster.ts': cacheCluster,
  'elasticache-serverless-cache.ts': serverlessCache,
  'opensearch-domain.ts': openSearchDomain,
  'msk-cluster.ts': mskCluster,
  'apigatewayv2-api.ts': apiGatewayV2Api,
  'cloudfront-distribution.ts': cloudFrontDistribution,
  'cognito-user-pool.ts': cognitoUserPool,
  'appsync-graphql-api.ts': appSyncGraphQlApi,
  'pipes-pipe.ts': pipe,
  'events-api-destination.ts': apiDestination,
  'redshiftserverless-workgroup.ts': redshiftServerless,
  'emrserverless-application.ts': emrServerlessApplication,
  'route53-hosted-zone.ts': hostedZone,
  'route53-health-check.ts': healthCheck,
  'wafv2-web-acl.ts': webAcl,
  'efs-file-system.ts': efsFileSystem,
};

export const COST_MODELS: readonly CostModel[] = Object.values(MODEL_FILES);

const BY_TYPE = new Map(COST_MODELS.flatMap((model) => model.types.map((type) => [type, model] as const)));

export function modelFor(type: string): CostModel | undefined {
  return BY_TYPE.get(type);
}

/**
 * The models' price queries gathered per service, services in {@link PRICE_SERVICES} order and each
 * service's queries in model order: what `npm run prices:refresh` reads, one set at a time.
 */
export const PRICE_QUERY_SETS: readonly ServiceQuerySet[] = querySets();

function querySets(): ServiceQuerySet[] {
  const byService = new Map<PriceService, ServiceQuerySet['queries'][number][]>(
    Object.values(PRICE_SERVICES).map((service) => [service, []]),
  );
  for (const [file, model] of Object.entries(MODEL_FILES)) {
    for (const { service, queries } of model.prices) {
      const collected = byService.get(service);
      if (!collected) throw new Error(`${MODELS_DIR}/${file} prices a service missing from PRICE_SERVICES`);
      collected.push(...queries.map((query) => ({ ...query, declaredIn: `${MODELS_DIR}/${file}` })));
    }
  }
  return [...byService]
    .filter(([, queries]) => queries.length > 0)
    .map(([service, queries]) => ({ ...service, queries }));
}

/** Every price id the models query, in query-set order: the order of the catalog files. */
export function allPriceIds(sets: readonly ServiceQuerySet[] = PRICE_QUERY_SETS): string[] {
  return sets.flatMap((set) => set.queries.map((query) => query.id));
}
