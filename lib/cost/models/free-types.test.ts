import { describe, expect, it } from 'vitest';
import { estimate } from '../estimate/estimate.ts';
import { fixtureCatalog, resource, stack } from '../estimate/estimate-test-kit.ts';
import { freeReason, freeVerdict } from './free-types.ts';
import { modelFor } from './index.ts';

describe('free resource types', () => {
  it('name the reason for a sample of what users add around the billed resources', () => {
    const sample = {
      'AWS::IAM::RolePolicy': /IAM is free/,
      'AWS::ElasticLoadBalancingV2::TargetGroup': /LCUs are billed on the load balancer/,
      'AWS::ElasticLoadBalancingV2::Listener': /LCUs are billed on the load balancer/,
      'AWS::ElasticLoadBalancingV2::ListenerRule': /evaluations count toward LCUs/,
      'AWS::ECS::Cluster': /tasks are billed on the service/,
      'AWS::ECS::TaskDefinition': /tasks run from them are billed/,
      'AWS::EC2::LaunchTemplate': /instances launched from them are billed/,
      'AWS::EC2::SecurityGroup': /cost nothing/,
      'AWS::EC2::RouteTable': /cost nothing/,
      'AWS::EC2::SubnetRouteTableAssociation': /costs nothing/,
      'AWS::EC2::VPCGatewayAttachment': /costs nothing/,
      'AWS::ApiGatewayV2::Stage': /billed on the API/,
      'AWS::ApiGatewayV2::Route': /billed on the API/,
      'AWS::ApiGatewayV2::Integration': /billed on the API/,
      'AWS::ApiGatewayV2::Deployment': /cost nothing/,
      'AWS::AppSync::DataSource': /billed on the GraphQL API/,
      'AWS::AppSync::Resolver': /billed on the GraphQL API/,
      'AWS::AppSync::FunctionConfiguration': /billed on the GraphQL API/,
      'AWS::Cognito::UserPoolClient': /billed on the user pool/,
      'AWS::Cognito::UserPoolDomain': /billed on the user pool/,
      'AWS::Cognito::UserPoolGroup': /billed on the user pool/,
      'AWS::CloudFront::CachePolicy': /billed on the distribution/,
      'AWS::CloudFront::OriginRequestPolicy': /billed on the distribution/,
      'AWS::CloudFront::ResponseHeadersPolicy': /billed on the distribution/,
      'AWS::Lambda::Permission': /cost nothing/,
      'AWS::Lambda::Alias': /cost nothing/,
      'AWS::Lambda::Version': /code storage/,
      'AWS::Lambda::EventInvokeConfig': /destinations .* are billed/,
      'AWS::SNS::Subscription': /billed on the topic/,
      'AWS::SQS::QueuePolicy': /cost nothing/,
      'AWS::Events::Rule': /rules cost nothing/,
      'AWS::Logs::SubscriptionFilter': /billed at the destination/,
      'AWS::Serverless::LayerVersion': /code storage/,
      'AWS::OpenSearchServerless::SecurityPolicy': /billed on the collection/,
      'AWS::OpenSearchServerless::AccessPolicy': /billed on the collection/,
      'AWS::Events::Connection': /included in the price of API destination invocations/,
      'AWS::WAFv2::WebACLAssociation': /billed on it/,
      'AWS::ApiGateway::DomainNameV2': /cost nothing/,
      'AWS::ApiGateway::BasePathMappingV2': /cost nothing/,
      // Round 2, from the types the two public corpora left unpriced.
      'AWS::SES::EmailIdentity': /billed per message/,
      'AWS::OpenSearchServerless::Index': /billed on the collection/,
      'AWS::EC2::VPCEndpointService': /interface endpoints/,
      'AWS::RAM::ResourceShare': /RAM costs nothing/,
      'AWS::Transfer::User': /billed on the Transfer Family server/,
      'AWS::SageMaker::Model': /endpoints .* are billed/,
      'AWS::SageMaker::EndpointConfig': /endpoints .* are billed/,
      'AWS::S3::Object': /billed on the bucket/,
    };
    for (const [type, reason] of Object.entries(sample)) {
      expect(freeReason(type), type).toMatch(reason);
      expect(modelFor(type), type).toBeUndefined();
    }
  });

  it('leave out what bills by itself or through what it launches, so it stays in the not-priced list', () => {
    for (const type of [
      'AWS::ECS::Service',
      'AWS::AutoScaling::AutoScalingGroup',
      'AWS::Batch::ComputeEnvironment',
      'AWS::CloudFront::Function',
      'AWS::CloudFront::RealtimeLogConfig',
      'AWS::AppSync::ApiCache',
      'AWS::Kinesis::StreamConsumer',
      'AWS::EC2::NetworkInterface',
      'AWS::Events::Archive',
      'AWS::Events::ApiDestination',
    ]) {
      expect(freeVerdict(type), type).toBeUndefined();
    }
  });

  it('say how to price what a nested stack or application deploys, instead of "no cost model"', () => {
    for (const type of [
      'AWS::CloudFormation::Stack',
      'AWS::CloudFormation::StackSet',
      'AWS::Serverless::Application',
    ]) {
      expect(freeVerdict(type), type).toEqual({
        free: false,
        reason: expect.stringContaining('price that template with npm run cost -- --template <file>'),
      });
    }
  });

  it('report a free type as not priced when its settings make it bill, saying what bills', () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['AWS::SSM::Parameter', { Tier: 'Advanced' }, /advanced parameters are billed/],
      ['AWS::ApiGateway::Stage', { CacheClusterEnabled: 'true' }, /cache cluster is billed by the hour/],
      [
        'AWS::CertificateManager::Certificate',
        { CertificateAuthorityArn: 'arn:aws:acm-pca:…' },
        /Private CA/,
      ],
      [
        'AWS::CertificateManager::Certificate',
        { CertificateExport: 'ENABLED' },
        /exportable public certificates/,
      ],
      [
        'AWS::ECS::Cluster',
        { ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] },
        /Container Insights .* billed by CloudWatch/,
      ],
      [
        'AWS::Lambda::EventSourceMapping',
        { ProvisionedPollerConfig: { MinimumPollers: 2 } },
        /event poller units/,
      ],
    ];
    for (const [type, properties, reason] of cases) {
      expect(freeVerdict(type, properties), type).toEqual({
        free: false,
        reason: expect.stringMatching(reason),
      });
      expect(freeReason(type, properties), type).toBeUndefined();
      expect(freeVerdict(type), type).toEqual({ free: true, reason: expect.any(String) });
    }
    expect(
      freeReason('AWS::ECS::Cluster', {
        ClusterSettings: [{ Name: 'containerInsights', Value: 'disabled' }],
      }),
    ).toMatch(/clusters cost nothing/);
  });

  it('keep the estimate honest: free lines carry their reason, billed settings and unknown types stay not priced', () => {
    const result = estimate(
      {
        source: '/app',
        stacks: [
          stack('dev/app', [
            resource('Policy', 'AWS::IAM::RolePolicy'),
            resource('Targets', 'AWS::ElasticLoadBalancingV2::TargetGroup'),
            resource('Params', 'AWS::SSM::Parameter', { Tier: 'Advanced' }),
            resource('Fleet', 'AWS::GameLift::Fleet'),
          ]),
        ],
      },
      { catalogFor: () => fixtureCatalog() },
    );
    expect(result.resources.map((r) => [r.logicalId, r.status, r.reason])).toEqual([
      ['Policy', 'free', 'IAM is free'],
      ['Targets', 'free', expect.stringMatching(/LCUs/)],
      ['Params', 'not-priced', expect.stringMatching(/advanced parameters are billed/)],
      ['Fleet', 'not-priced', 'no cost model for AWS::GameLift::Fleet'],
    ]);
    expect(result.notPriced.map((t) => [t.type, t.count])).toEqual([
      ['AWS::SSM::Parameter', 1],
      ['AWS::GameLift::Fleet', 1],
    ]);
  });
});
