import { describe, expect, it } from 'vitest';
import { parseTemplate } from './template-parser.ts';

const resources = (yaml: string) => parseTemplate(yaml, 't.yaml').Resources;

describe('SAM Globals', () => {
  it('merge into the resources they cover: own scalars win, maps merge, lists add up', () => {
    expect(
      resources(`Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    MemorySize: 1024
    Timeout: 30
    Layers: [arn:global]
    Environment: { Variables: { STAGE: dev, LOG: info } }
  HttpApi:
    CorsConfiguration: { AllowOrigins: ["*"] }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: 5
      Layers: [arn:own]
      Environment: { Variables: { LOG: debug } }
  Bare:
    Type: AWS::Serverless::Function
  Api:
    Type: AWS::Serverless::HttpApi
  Queue:
    Type: AWS::SQS::Queue
`),
    ).toEqual({
      Fn: {
        Type: 'AWS::Serverless::Function',
        Properties: {
          MemorySize: 1024,
          Timeout: 5,
          Layers: ['arn:global', 'arn:own'],
          Environment: { Variables: { STAGE: 'dev', LOG: 'debug' } },
        },
      },
      Bare: {
        Type: 'AWS::Serverless::Function',
        Properties: {
          MemorySize: 1024,
          Timeout: 30,
          Layers: ['arn:global'],
          Environment: { Variables: { STAGE: 'dev', LOG: 'info' } },
        },
      },
      Api: { Type: 'AWS::Serverless::HttpApi', Properties: { CorsConfiguration: { AllowOrigins: ['*'] } } },
      Queue: { Type: 'AWS::SQS::Queue' },
    });
  });

  it('keep an intrinsic as one value rather than merging into it', () => {
    const merged = resources(`Globals:
  Function:
    Environment: { Variables: { A: "1" } }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment: !If [Prod, { Variables: { B: "2" } }, !Ref AWS::NoValue]
`);
    expect(merged.Fn?.Properties).toEqual({
      Environment: { 'Fn::If': ['Prod', { Variables: { B: '2' } }, { Ref: 'AWS::NoValue' }] },
    });
  });

  it('name the section when it covers no SAM resource kind', () => {
    expect(() => resources('Globals:\n  Lambda:\n    MemorySize: 1\nResources: {}\n')).toThrow(
      /Globals\.Lambda is not a map of properties for a SAM resource kind/,
    );
  });
});
