/** The edges each resource type's configuration states, by type. */
import { quickSightDataSourceEdges, workGroupEdges } from './analytics.ts';
import { authorizerEdges, methodEdges, v2IntegrationEdges } from './api-gateway.ts';
import { pipelineEdges } from './delivery.ts';
import { endpointEdges, replicationTaskEdges } from './dms.ts';
import type { Extractor } from './extractor.ts';
import { glueCrawlerEdges, glueJobEdges, glueTableEdges, glueTriggerEdges } from './glue.ts';
import { groupAdditionEdges, userEdges } from './identity.ts';
import { pipeEdges, ruleEdges, scheduleEdges, subscriptionEdges, topicEdges } from './messaging.ts';
import { alarmEdges, subscriptionFilterEdges, trailEdges } from './monitoring.ts';
import { samEventEdges } from './sam-events.ts';
import { stateMachineEdges } from './step-functions.ts';
import { bucketEdges, bucketNotificationsEdges } from './storage.ts';
import {
  airflowEdges,
  deliveryStreamEdges,
  eventInvokeConfigEdges,
  eventSourceMappingEdges,
  functionEdges,
  queueEdges,
} from './streaming.ts';

export type { Emit, Extractor, IamEvidence } from './extractor.ts';
export { iamEdges } from './iam.ts';

export const EXTRACTORS: Readonly<Record<string, Extractor>> = {
  'AWS::S3::Bucket': bucketEdges,
  'Custom::S3BucketNotifications': bucketNotificationsEdges,
  'AWS::Lambda::EventSourceMapping': eventSourceMappingEdges,
  'AWS::Lambda::Function': functionEdges,
  'AWS::Serverless::Function': samEventEdges,
  'AWS::Lambda::EventInvokeConfig': eventInvokeConfigEdges,
  'AWS::SQS::Queue': queueEdges,
  'AWS::KinesisFirehose::DeliveryStream': deliveryStreamEdges,
  'AWS::Glue::Job': glueJobEdges,
  'AWS::Glue::Crawler': glueCrawlerEdges,
  'AWS::Glue::Trigger': glueTriggerEdges,
  'AWS::Glue::Table': glueTableEdges,
  'AWS::StepFunctions::StateMachine': stateMachineEdges,
  'AWS::ApiGateway::Method': methodEdges,
  'AWS::ApiGateway::Authorizer': authorizerEdges,
  'AWS::ApiGatewayV2::Integration': v2IntegrationEdges,
  'AWS::ApiGatewayV2::Authorizer': authorizerEdges,
  'AWS::DMS::ReplicationTask': replicationTaskEdges,
  'AWS::DMS::ReplicationConfig': replicationTaskEdges,
  'AWS::DMS::Endpoint': endpointEdges,
  'AWS::Athena::WorkGroup': workGroupEdges,
  'AWS::QuickSight::DataSource': quickSightDataSourceEdges,
  'AWS::CloudTrail::Trail': trailEdges,
  'AWS::CloudWatch::Alarm': alarmEdges,
  'AWS::Logs::SubscriptionFilter': subscriptionFilterEdges,
  'AWS::SNS::Subscription': subscriptionEdges,
  'AWS::SNS::Topic': topicEdges,
  'AWS::Events::Rule': ruleEdges,
  'AWS::Scheduler::Schedule': scheduleEdges,
  'AWS::Pipes::Pipe': pipeEdges,
  'AWS::MWAA::Environment': airflowEdges,
  'AWS::CodePipeline::Pipeline': pipelineEdges,
  'AWS::IAM::User': userEdges,
  'AWS::IAM::UserToGroupAddition': groupAdditionEdges,
};
