import { describe, expect, it } from 'vitest';
import type { InventoryStack } from '../assembly/types.ts';
import { buildGraph, stacksOf } from './build-graph.ts';
import {
  edgeList,
  fixtureGraph,
  fixtureStacks,
  foldedMap,
  nodeByLogicalId,
  nodeList,
} from './graph-test-kit.ts';

describe('S3 event notifications, access logs and replication', () => {
  const graph = fixtureGraph('s3-events.yaml');

  it('draws the buckets, queue, topic and functions, with their plumbing folded in', () => {
    expect(nodeList(graph)).toEqual([
      'Uploads',
      'AccessLogs',
      'Replica',
      'UploadQueue',
      'UploadTopic',
      'Thumbnailer',
      'Landing',
      'Indexer',
    ]);
    expect(foldedMap(graph)).toEqual({
      Uploads: ['ReplicationRole', 'UploadsPolicy'],
      Thumbnailer: ['ThumbnailerPermission', 'ThumbnailerPolicy', 'ThumbnailerRole'],
      Landing: ['LandingNotifications'],
      Indexer: ['IndexerRole'],
    });
  });

  it('reads the bucket notification configuration and CDK custom resource as triggers', () => {
    expect(edgeList(graph)).toEqual([
      'Landing --triggers--> Indexer',
      'Landing --triggers--> UploadQueue',
      'Uploads --logs to--> AccessLogs',
      'Uploads --reads--> Thumbnailer',
      'Uploads --replicates to--> Replica',
      'Uploads --triggers--> Thumbnailer',
      'Uploads --triggers--> UploadQueue',
      'Uploads --triggers--> UploadTopic',
    ]);
  });

  it('leaves out the notifications handler, its role and its policy', () => {
    expect(graph.dropped).toEqual([
      {
        stack: 's3-events',
        logicalId: 'BucketNotificationsHandler',
        type: 'AWS::Lambda::Function',
        reason: 'part of a custom-resource provider',
      },
      {
        stack: 's3-events',
        logicalId: 'BucketNotificationsHandlerRole',
        type: 'AWS::IAM::Role',
        reason: 'belongs to BucketNotificationsHandler, which is left out',
      },
      {
        stack: 's3-events',
        logicalId: 'BucketNotificationsHandlerPolicy',
        type: 'AWS::IAM::Policy',
        reason: 'belongs to BucketNotificationsHandlerRole, which is left out',
      },
    ]);
  });

  it('gives every edge its kind and origin', () => {
    const byLabel = (label: string) => graph.edges.filter((e) => e.label === label);
    expect(new Set(byLabel('triggers').map((e) => `${e.kind}/${e.origin}`))).toEqual(
      new Set(['trigger/configuration']),
    );
    expect(byLabel('reads').map((e) => `${e.kind}/${e.origin}`)).toEqual(['data/iam']);
    expect(byLabel('logs to').map((e) => `${e.kind}/${e.origin}`)).toEqual(['data/configuration']);
  });
});

describe('Lambda event sources and destinations', () => {
  const graph = fixtureGraph('event-sources.yaml');

  it('turns Kinesis, SQS and DynamoDB-stream mappings into triggers, and reads the dead-letter settings', () => {
    expect(edgeList(graph)).toEqual([
      'ClickCounter --dead-letters to--> OrdersDlq',
      'Clicks --reads--> ClickCounter',
      'Clicks --triggers--> ClickCounter',
      'OrderHandler --dead-letters to--> OrdersDlq',
      'OrderHandler --delivers to--> Done',
      'Orders --dead-letters to--> OrdersDlq',
      'Orders --triggers--> OrderHandler',
      'Profiles --triggers--> ProfileSync',
    ]);
  });

  it('folds mappings, roles, destinations and log groups (named by reference or literally) into the function', () => {
    expect(foldedMap(graph)).toEqual({
      ClickCounter: ['ClickCounterLogs', 'ClickCounterRole', 'ClickMapping'],
      OrderHandler: ['OrderHandlerDestinations', 'OrderHandlerLogs', 'OrderHandlerRole', 'OrderMapping'],
      ProfileSync: ['ProfileMapping', 'ProfileSyncRole'],
    });
  });
});

describe('Firehose', () => {
  it('reads its source stream and delivers to its bucket, backup bucket and transformation', () => {
    const graph = fixtureGraph('firehose.yaml');
    expect(edgeList(graph)).toEqual([
      'Events --reads--> ToLake',
      'ToLake --backs up to--> Backup',
      'ToLake --delivers to--> Raw',
      'ToLake --invokes--> Transform',
    ]);
    // The role's s3:PutObject says the same as the destination: the configured word wins.
    expect(graph.edges.filter((e) => e.origin === 'iam')).toEqual([]);
    expect(foldedMap(graph).ToLake).toEqual(['DeliveryLogs', 'DeliveryPolicy', 'DeliveryRole']);
  });

  it('draws its logging as an edge when log groups are kept', () => {
    const graph = fixtureGraph('firehose.yaml', { fold: { 'AWS::Logs::LogGroup': 'keep' } });
    expect(edgeList(graph)).toContain('ToLake --logs to--> DeliveryLogs');
  });
});

describe('Glue', () => {
  const graph = fixtureGraph('glue.yaml');

  it('reads crawler targets, job script and arguments, connections, triggers and table locations', () => {
    expect(edgeList(graph)).toEqual([
      'AfterCrawl --starts--> CleanJob',
      'Catalog -.describes.-> CuratedZone',
      'CleanJob --writes--> CuratedZone',
      'CleanJob --writes--> Scripts',
      'CleanJob -.uses.-> Warehouse',
      'RawCrawler --catalogs--> Catalog',
      'RawCrawler --triggers--> AfterCrawl',
      'RawZone --reads--> CleanJob',
      'RawZone --reads--> RawCrawler',
      'Scripts --reads--> CleanJob',
      'Scripts -.script.-> CleanJob',
    ]);
  });

  it('folds the table into its database (named literally) and the roles into crawler and job', () => {
    expect(foldedMap(graph)).toEqual({
      Catalog: ['OrdersTable'],
      RawCrawler: ['CrawlerRole'],
      CleanJob: ['JobRole'],
    });
  });
});

describe('Step Functions', () => {
  const graph = fixtureGraph('step-functions.yaml');

  it('reads task states of Fn::Sub, Fn::Join (with substitutions) and object definitions', () => {
    expect(edgeList(graph)).toEqual([
      'Nightly --invokes--> Validate',
      'Nightly --starts--> Pipeline',
      'Pipeline --invokes--> Validate',
      'Pipeline --queries--> Reports',
      'Pipeline --starts--> Transform',
      'Pipeline --writes--> Alerts',
      'Pipeline --writes--> Results',
      'Pipeline --writes--> Runs',
      'Runs --reads--> Nightly',
      'Sweeper --invokes--> Validate',
    ]);
  });

  it('folds a role shared by three state machines into each, and links them through nothing', () => {
    expect(foldedMap(graph)).toEqual({
      Validate: ['ValidateRole'],
      Pipeline: ['PipelineLogs', 'PipelineRole'],
      Nightly: ['PipelineRole'],
      Sweeper: ['PipelineRole'],
    });
  });
});

describe('API Gateway', () => {
  const graph = fixtureGraph('api-gateway.yaml');

  it('goes from the API through its methods to functions and services', () => {
    expect(edgeList(graph)).toEqual([
      'Api --invokes--> Authorize',
      'Api --invokes--> Collector',
      'Api --writes--> Clicks',
      'Archive --reads--> Api',
      'HttpApi --writes--> OrderQueue',
    ]);
  });

  it('folds resources, methods, deployment, stage, access log and credentials role into the API', () => {
    expect(foldedMap(graph).Api).toEqual([
      'AccessLog',
      'ApiKinesisRole',
      'Deployment',
      'EventsResource',
      'GetArchive',
      'PostEvent',
      'PutClick',
      'Stage',
      'TokenAuthorizer',
    ]);
    expect(foldedMap(graph).HttpApi).toEqual(['HttpApiRole', 'OrderRoute', 'SendOrder']);
  });
});

describe('DMS', () => {
  it('goes from the database through the endpoints and task to the bucket', () => {
    const graph = fixtureGraph('dms.yaml');
    expect(edgeList(graph)).toEqual([
      'FullLoad --writes--> Target',
      'FullLoad -.runs on.-> Instance',
      'Orders --reads--> Source',
      'Source --reads--> FullLoad',
      'Target --delivers to--> Landing',
    ]);
    expect(foldedMap(graph)).toEqual({
      Orders: ['DbSubnets'],
      Instance: ['ReplicationSubnets'],
      Target: ['TargetRole'],
    });
  });
});

describe('Athena and CloudTrail', () => {
  it('reads the workgroup output location and the trail destinations', () => {
    const graph = fixtureGraph('analytics-audit.yaml');
    expect(edgeList(graph)).toEqual([
      'Analytics --writes--> Results',
      'Audit --logs to--> Trails',
      'Audit --notifies--> TrailNews',
      'Audit -.watches.-> Raw',
    ]);
    expect(foldedMap(graph)).toEqual({
      Analytics: ['DailyReport'],
      Trails: ['TrailsPolicy'],
      Audit: ['TrailLogs', 'TrailLogsRole'],
    });
  });

  it('draws the trail log group when log groups are kept', () => {
    const graph = fixtureGraph('analytics-audit.yaml', { fold: { 'AWS::Logs::LogGroup': 'keep' } });
    expect(edgeList(graph)).toContain('Audit --logs to--> TrailLogs');
  });
});

describe('IAM statements', () => {
  const graph = fixtureGraph('iam-literals.yaml');

  it('turns actions into reads and writes the way data moves, resolving literal and partly unknown ARNs', () => {
    expect(edgeList(graph)).toEqual([
      'Archive --reads--> Auditor',
      'Archive --reads--> Operator',
      'Auditor -.member of.-> Readers',
      'Operator --writes--> Alerts',
      'Operator --writes--> Archive',
      'Operator --writes--> Clicks',
      'Operator --writes--> Curated',
      'Operator --writes--> ToLake',
      'Orders --reads--> Operator',
      'Profiles --reads--> Operator',
      'Raw --reads--> LoaderFunction',
      'Raw --reads--> Operator',
      'Raw --reads--> Readers',
    ]);
  });

  it('keeps a role nothing assumes, the group and the user as nodes; a managed policy folds into each holder', () => {
    expect(nodeByLogicalId(graph, 'Operator').kind).toBe('IAM role');
    expect(nodeByLogicalId(graph, 'Readers').kind).toBe('IAM group');
    expect(nodeByLogicalId(graph, 'Auditor').kind).toBe('IAM user');
    expect(foldedMap(graph)).toEqual({ Readers: ['ReadRaw'], LoaderFunction: ['Loader', 'ReadRaw'] });
  });
});

describe('cross-stack references', () => {
  it('follows Fn::ImportValue to the exporting stack, by hand-written and CDK export names', () => {
    const graph = fixtureGraph(['cross-stack/foundation.yaml', 'cross-stack/ingestion.yaml']);
    expect(edgeList(graph)).toEqual(['Collector --writes--> Raw', 'Collector -.uses.-> Curated']);
    expect(graph.nodes.map((n) => `${n.phase}:${n.logicalId}`)).toEqual([
      'foundation:Raw',
      'foundation:Curated',
      'ingestion:Collector',
    ]);
    expect(graph.phases).toEqual(['foundation', 'ingestion']);
  });
});

describe('CDK machinery', () => {
  const graph = fixtureGraph('custom-resources.yaml');

  it('folds custom resources into what they act on and leaves out providers and metadata', () => {
    expect(nodeList(graph)).toEqual(['Data', 'DataKey', 'Worker']);
    expect(foldedMap(graph)).toEqual({
      Data: ['DeployDags', 'SeedData', 'TagData'],
      DataKey: ['DataKeyAlias'],
      Worker: ['WorkerLogRetention', 'WorkerRole'],
    });
    expect((graph.dropped ?? []).map((d) => d.logicalId)).toEqual([
      'SeedProviderOnEvent',
      'SeedProviderRole',
      'SeedHandler',
      'SeedHandlerRole',
      'AWS679f53fac002430cb0da5b7982bd22872D164C4C',
      'AWS679f53fac002430cb0da5b7982bd2287ServiceRoleC1EA0FF2',
      'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A',
      'CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C81C01536',
      'DeployAwsCliLayer',
      'CDKMetadata',
    ]);
    // The provider's user handler writes to the bucket, but it is machinery: no edge.
    expect(edgeList(graph)).toEqual(['Data -.encrypted by.-> DataKey', 'Worker -.uses.-> Data']);
  });

  it('labels nodes with their construct names', () => {
    expect(graph.nodes.map((n) => n.label)).toEqual(['Data', 'Lake Key', 'Worker']);
  });

  it('leaves the plain references out on request', () => {
    expect(edgeList(fixtureGraph('custom-resources.yaml', { referenceEdges: false }))).toEqual([]);
  });
});

describe('EventBridge, SNS, pipes, alarms, MWAA and CodePipeline', () => {
  it('reads subscriptions, rules, schedules, pipes, alarm actions, DAG buckets and pipeline stages', () => {
    // Airflow's execution role may start the flow: an IAM edge; its DAG reads repeat the configured one.
    const graph = fixtureGraph('messaging.yaml');
    expect(edgeList(graph)).toEqual([
      'Airflow --starts--> Flow',
      'Arrivals --delivers to--> Work',
      'Arrivals --triggers--> Notifier',
      'Dags --reads--> Airflow',
      'Dags --triggers--> Delivery',
      'Delivery --starts--> Build',
      'Delivery --writes--> Artifacts',
      'Landing --triggers--> OnLanding',
      'Nightly --triggers--> Notifier',
      'NotifierErrors --notifies--> Arrivals',
      'NotifierErrors -.watches.-> Notifier',
      'OnLanding --triggers--> Flow',
      'Work --reads--> WorkToFlow',
      'WorkToFlow --delivers to--> Flow',
    ]);
    expect(foldedMap(graph)).toEqual({
      Arrivals: ['ArrivalsPolicy', 'NotifierSubscription'],
      Work: ['WorkPolicy'],
      OnLanding: ['RuleRole'],
      Airflow: ['AirflowRole'],
    });
  });
});

describe('buildGraph', () => {
  it('refuses stacks of two environments', () => {
    const [stack] = fixtureStacks('s3-events.yaml') as [InventoryStack];
    const dev = { ...stack, id: 'dev/a', environment: 'dev' };
    const prod = { ...stack, id: 'prod/a', environment: 'prod' };
    expect(() => buildGraph([dev, prod])).toThrow(/one environment.*dev, prod.*stacksOf/);
    expect(stacksOf([dev, prod], 'prod')).toEqual([prod]);
    expect(buildGraph([prod]).environment).toBe('prod');
  });

  it('leaves out resources whose condition is false', () => {
    const [stack] = fixtureStacks('s3-events.yaml') as [InventoryStack];
    const resources = stack.resources.map((r) =>
      r.logicalId === 'Replica' ? { ...r, conditionMet: false } : r,
    );
    const graph = buildGraph([{ ...stack, resources }]);
    expect(nodeList(graph)).not.toContain('Replica');
    expect(edgeList(graph)).not.toContain('Uploads --replicates to--> Replica');
  });

  it('derives ids from the phase and the logical id, and keeps them apart when two stacks share a phase', () => {
    const [stack] = fixtureStacks('dms.yaml') as [InventoryStack];
    const a = { ...stack, id: 'dev/one', phase: 'ingestion' };
    const b = { ...stack, id: 'dev/two', phase: 'ingestion' };
    const graph = buildGraph([a, b]);
    const ids = graph.nodes.filter((n) => n.logicalId === 'Landing').map((n) => n.id);
    expect(ids).toEqual(['ingestion_Landing', 'dev_two_Landing']);
  });
});
