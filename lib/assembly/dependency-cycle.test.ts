// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub strings, not JavaScript templates.
import { describe, expect, it } from 'vitest';
import { dependencyCycle } from './dependency-cycle.ts';
import type { CloudFormationTemplate } from './types.ts';

const template = (Resources: Record<string, unknown>) => ({ Resources }) as CloudFormationTemplate;

// An API whose OpenAPI definition invokes the function, and the function's Api event naming that API: the
// shape of ~10 serverless-patterns templates that CloudFormation deploys after the SAM transform.
const apiAndFunction = (functionExtra: Record<string, unknown> = {}) => ({
  Api: {
    Type: 'AWS::Serverless::Api',
    Properties: {
      StageName: 'Prod',
      DefinitionBody: {
        paths: {
          '/send': {
            post: {
              'x-amazon-apigateway-integration': {
                uri: { 'Fn::Sub': 'arn:aws:apigateway:lambda:path/functions/${Handler.Arn}/invocations' },
              },
            },
          },
        },
      },
    },
  },
  Handler: {
    Type: 'AWS::Serverless::Function',
    Properties: {
      Runtime: 'python3.13',
      Events: {
        Send: { Type: 'Api', Properties: { Path: '/send', Method: 'POST', RestApiId: { Ref: 'Api' } } },
      },
      ...functionExtra,
    },
  },
});

describe('dependencyCycle', () => {
  it('finds a cycle of plain CloudFormation references, DependsOn included', () => {
    expect(
      dependencyCycle(
        template({
          Role: { Type: 'AWS::IAM::Role', Properties: { Name: { 'Fn::Sub': 'arn:aws:s3:::${Bucket}' } } },
          Bucket: { Type: 'AWS::S3::Bucket', DependsOn: 'Role' },
        }),
      ),
    ).toEqual(['Bucket', 'Role', 'Bucket']);
  });

  // Failed before the fix: "circular dependency between resources: Api → Handler → Api".
  it('accepts a SAM function whose Api event names the API that invokes it (SAM moves events out)', () => {
    expect(dependencyCycle(template(apiAndFunction()))).toBeUndefined();
  });

  it('still refuses the API event when the function also references its API (a real cycle after the transform)', () => {
    const cycle = dependencyCycle(
      template(
        apiAndFunction({
          Environment: { Variables: { URL: { 'Fn::Sub': 'https://${Api}.execute-api.amazonaws.com/Prod' } } },
        }),
      ),
    );
    expect(cycle).toEqual(['Api', 'Handler', 'Api']);
  });

  // The function's Api event cannot make the API depend on it when SAM does not write the API's definition.
  it('accepts a function that names its API when the definition comes from AWS::Include', () => {
    const resources = apiAndFunction({
      Environment: { Variables: { URL: { 'Fn::Sub': 'https://${Api}.execute-api.amazonaws.com/Prod' } } },
    });
    resources.Api.Properties.DefinitionBody = {
      'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: './api.yaml' } },
    } as never;
    expect(dependencyCycle(template(resources))).toBeUndefined();
  });

  it("refuses an S3 event on a bucket the function references (SAM puts the function in the bucket's notifications)", () => {
    const resources = {
      Uploads: { Type: 'AWS::S3::Bucket' },
      Handler: {
        Type: 'AWS::Serverless::Function',
        Properties: {
          Environment: { Variables: { BUCKET: { Ref: 'Uploads' } } },
          Events: {
            Put: { Type: 'S3', Properties: { Bucket: { Ref: 'Uploads' }, Events: 's3:ObjectCreated:*' } },
          },
        },
      },
    };
    expect(dependencyCycle(template(resources))).toEqual(['Handler', 'Uploads', 'Handler']);
    const { Environment: _, ...withoutEnvironment } = resources.Handler.Properties;
    expect(
      dependencyCycle(
        template({ ...resources, Handler: { ...resources.Handler, Properties: withoutEnvironment } }),
      ),
    ).toBeUndefined();
  });

  // Failed before the reuse of referencedLogicalIds: "Bucket → Topic → Bucket" (Bucket was a Sub variable).
  it("ignores a Fn::Sub variable that shares a resource's name (the variables map defines it)", () => {
    expect(
      dependencyCycle(
        template({
          Topic: {
            Type: 'AWS::SNS::Topic',
            Properties: { TopicName: { 'Fn::Sub': ['${Bucket}-alerts', { Bucket: 'raw' }] } },
          },
          Bucket: {
            Type: 'AWS::S3::Bucket',
            Properties: { Tags: [{ Key: 'topic', Value: { Ref: 'Topic' } }] },
          },
        }),
      ),
    ).toBeUndefined();
  });

  // Failed before the fix: "AppSyncApi → StepFunctionDataSource → AppSyncApi".
  it('accepts a SAM GraphQL API whose pipeline functions name a data source that names the API', () => {
    expect(
      dependencyCycle(
        template({
          GraphApi: {
            Type: 'AWS::Serverless::GraphQLApi',
            Properties: {
              Auth: { Type: 'API_KEY' },
              Functions: { run: { DataSource: { 'Fn::GetAtt': ['Source', 'Name'] } } },
            },
          },
          Source: {
            Type: 'AWS::AppSync::DataSource',
            Properties: { ApiId: { 'Fn::GetAtt': ['GraphApi', 'ApiId'] } },
          },
        }),
      ),
    ).toBeUndefined();
  });
});
