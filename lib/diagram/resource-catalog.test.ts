import { describe, expect, it } from 'vitest';
import { FOLD_PRESET, foldModeOf, iamServiceOf, typeInfo } from './resource-catalog.ts';

describe('the fold preset', () => {
  it('folds plumbing into its owner', () => {
    for (const type of [
      'AWS::IAM::Role',
      'AWS::IAM::Policy',
      'AWS::IAM::ManagedPolicy',
      'AWS::Lambda::Permission',
      'AWS::Lambda::EventSourceMapping',
      'AWS::Logs::LogGroup',
      'AWS::S3::BucketPolicy',
      'AWS::SNS::TopicPolicy',
      'AWS::SQS::QueuePolicy',
      'AWS::KMS::Alias',
      'AWS::SNS::Subscription',
      'AWS::Glue::Table',
      'AWS::ApiGateway::Method',
      'AWS::ApiGatewayV2::Route',
    ]) {
      expect(foldModeOf(type), type).toBe('fold');
    }
  });

  it('drops machinery that owns nothing architectural', () => {
    for (const type of [
      'AWS::CDK::Metadata',
      'Custom::S3AutoDeleteObjects',
      'Custom::S3BucketNotifications',
      'AWS::CloudFormation::CustomResource',
      'AWS::Lambda::LayerVersion',
      'AWS::EC2::Subnet',
      'AWS::IAM::InstanceProfile',
    ]) {
      expect(foldModeOf(type), type).toBe('drop');
    }
  });

  it('keeps the architecture, including what a Service::* entry would otherwise fold', () => {
    for (const type of [
      'AWS::S3::Bucket',
      'AWS::KMS::Key',
      'AWS::IAM::Group',
      'AWS::IAM::User',
      'AWS::ApiGateway::RestApi',
      'AWS::ApiGatewayV2::Api',
      'AWS::EC2::VPC',
      'AWS::Budgets::Budget',
      'AWS::RoboMaker::Robot',
    ]) {
      expect(foldModeOf(type), type).toBe('keep');
    }
    expect(FOLD_PRESET['AWS::ApiGateway::RestApi']).toBe('keep');
    expect(new Set(Object.values(FOLD_PRESET))).toEqual(new Set(['keep', 'fold', 'drop']));
  });

  it('lets overrides win: exact type, then the longer prefix, then the preset', () => {
    expect(foldModeOf('AWS::KMS::Key', { 'AWS::KMS::Key': 'drop' })).toBe('drop');
    expect(foldModeOf('AWS::ApiGateway::Method', { 'AWS::*': 'keep' })).toBe('keep');
    expect(foldModeOf('AWS::ApiGateway::Method', { 'AWS::*': 'keep', 'AWS::ApiGateway::*': 'drop' })).toBe(
      'drop',
    );
    expect(foldModeOf('Custom::Seed', { 'Custom::*': 'keep', 'Custom::Seed': 'fold' })).toBe('fold');
  });
});

describe('typeInfo', () => {
  it('names known types and derives the rest from the service', () => {
    expect(typeInfo('AWS::Lambda::Function')).toEqual({ kind: 'Lambda function', category: 'compute' });
    expect(typeInfo('AWS::Kinesis::Stream').category).toBe('stream');
    expect(typeInfo('AWS::Glue::Job').category).toBe('compute');
    expect(typeInfo('AWS::Glue::Crawler').category).toBe('catalog');
    expect(typeInfo('AWS::DynamoDB::Table').category).toBe('database');
    expect(typeInfo('AWS::EMR::Cluster')).toEqual({ kind: 'EMR Cluster', category: 'analytics' });
    expect(typeInfo('AWS::RoboMaker::Robot')).toEqual({ kind: 'RoboMaker Robot', category: 'other' });
    expect(typeInfo('Custom::SeedData')).toEqual({ kind: 'custom resource SeedData', category: 'other' });
    expect(typeInfo('AWS::ApiGateway::Method').category).toBe('api');
  });

  it('maps types to their IAM service prefix', () => {
    expect(iamServiceOf('AWS::KinesisFirehose::DeliveryStream')).toBe('firehose');
    expect(iamServiceOf('AWS::StepFunctions::StateMachine')).toBe('states');
    expect(iamServiceOf('AWS::S3::Bucket')).toBe('s3');
  });
});
