import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeCheckov } from '../nag/acknowledge-checkov.ts';
import { removalPolicyOf } from './removal-policy.ts';

/** The event contract the API validates requests against (draft-04, as API Gateway models require). */
export const RIDE_EVENT_SCHEMA = path.resolve(
  import.meta.dirname,
  '../../pipeline/schemas/ride-event.schema.json',
);

export interface IngestApiProps {
  /** Physical name; the API key and the usage plan are named after it. */
  readonly restApiName: string;
  /** The stage: one per environment. */
  readonly stageName: string;
  /** The function `POST /events` calls once the body is valid. */
  readonly handler: lambda.IFunction;
  /** Steady requests per second, for the stage and for each key. */
  readonly rateLimit: number;
  /** Requests a burst may reach above the rate. */
  readonly burstLimit: number;
  /** Requests each key may make per month. */
  readonly monthlyQuota: number;
  /** How long the access logs are kept. */
  readonly logRetention: logs.RetentionDays;
}

/**
 * A REST API that takes ride events: `POST /events` with an API key, the body validated against the
 * RideEvent model before the function runs, a usage plan that throttles and caps each key, and JSON access logs.
 */
export class IngestApi extends Construct {
  readonly api: apigateway.RestApi;
  readonly apiKey: apigateway.IApiKey;

  constructor(scope: Construct, id: string, props: IngestApiProps) {
    super(scope, id);
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/apigateway/${props.restApiName}`,
      retention: props.logRetention,
      removalPolicy: removalPolicyOf(this),
    });
    this.api = new apigateway.RestApi(this, 'Api', {
      restApiName: props.restApiName,
      description: 'Takes ride events and puts them on the Kinesis stream',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // The account-wide CloudWatch role is one per account and region; environments would fight over it.
      cloudWatchRole: false,
      deployOptions: {
        stageName: props.stageName,
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
        metricsEnabled: true,
        // X-Ray traces each request through API Gateway to the function (100,000 traces a month are free).
        tracingEnabled: true,
        throttlingRateLimit: props.rateLimit,
        throttlingBurstLimit: props.burstLimit,
      },
    });
    const model = this.api.addModel('RideEvent', {
      modelName: 'RideEvent',
      contentType: 'application/json',
      schema: rideEventModel(),
    });
    const events = this.api.root.addResource('events');
    events.addMethod('POST', new apigateway.LambdaIntegration(props.handler), {
      apiKeyRequired: true,
      requestModels: { 'application/json': model },
      requestValidator: new apigateway.RequestValidator(this, 'BodyValidator', {
        restApi: this.api,
        requestValidatorName: 'body',
        validateRequestBody: true,
        validateRequestParameters: true,
      }),
    });
    this.apiKey = this.api.addApiKey('Key', { apiKeyName: `${props.restApiName}-key` });
    this.api
      .addUsagePlan('Plan', {
        name: `${props.restApiName}-plan`,
        throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
        quota: { limit: props.monthlyQuota, period: apigateway.Period.MONTH },
        apiStages: [{ api: this.api, stage: this.api.deploymentStage }],
      })
      .addApiKey(this.apiKey);

    const stage = this.api.deploymentStage;
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Callers identify with an API key and are throttled and capped by a usage plan; IAM or Cognito authorization is the next step once real users call it.',
    });
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-COG4',
      reason: 'No Cognito user pool: the API serves a data producer with an API key, not people.',
    });
    Validations.of(stage).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'AWS WAF costs at least $5 per web ACL and month plus requests; the usage plan throttles and caps each key instead. Add a web ACL before exposing the API widely.',
    });
    acknowledgeCheckov(
      stage,
      'CKV_AWS_120',
      'The API takes POST requests only, which API Gateway never caches; a cache cluster would cost from $0.02 an hour for nothing.',
    );
    Validations.of(stage).acknowledge({
      id: 'AwsSolutions-APIG6',
      reason:
        'Execution logging needs the account-wide API Gateway CloudWatch role, one per account and region, which several environments would overwrite; access logs are on.',
    });
  }
}

/** The RideEvent schema as an API Gateway model: draft-04 with its definitions inlined. */
function rideEventModel(): apigateway.JsonSchema {
  const schema = JSON.parse(readFileSync(RIDE_EVENT_SCHEMA, 'utf8'));
  const inline = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(inline);
    if (!value || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    if (typeof record.$ref === 'string')
      return inline(schema.definitions[record.$ref.replace('#/definitions/', '')]);
    return Object.fromEntries(
      Object.entries(record)
        .filter(([k]) => k !== 'definitions' && k !== '$schema')
        .map(([k, v]) => [k, inline(v)]),
    );
  };
  return {
    schema: apigateway.JsonSchemaVersion.DRAFT4,
    ...(inline(schema) as object),
  } as apigateway.JsonSchema;
}
