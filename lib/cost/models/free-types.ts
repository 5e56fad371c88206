/**
 * Resource types that cost nothing themselves, each with the reason: listed on purpose so that a type
 * missing from both this list and the models shows up as "not priced" instead of a silent $0.
 */
const FREE: Record<string, string> = {
  'AWS::IAM::Role': 'IAM is free',
  'AWS::IAM::Policy': 'IAM is free',
  'AWS::IAM::ManagedPolicy': 'IAM is free',
  'AWS::IAM::Group': 'IAM is free',
  'AWS::IAM::User': 'IAM is free',
  'AWS::IAM::UserToGroupAddition': 'IAM is free',
  'AWS::IAM::InstanceProfile': 'IAM is free',
  'AWS::IAM::OIDCProvider': 'IAM is free',
  'AWS::IAM::ServiceLinkedRole': 'IAM is free',
  'AWS::S3::BucketPolicy': 'bucket policies cost nothing',
  'AWS::KMS::Alias': 'aliases cost nothing; the key is billed',
  'AWS::Lambda::Permission': 'permissions cost nothing',
  'AWS::Lambda::EventSourceMapping': 'the function invocations are billed on the function',
  'AWS::Lambda::Version': 'versions cost nothing beyond code storage (75 GB free)',
  'AWS::Lambda::Alias': 'aliases cost nothing',
  'AWS::Lambda::LayerVersion': 'layers cost nothing beyond code storage (75 GB free)',
  'AWS::Lambda::Url': 'function URLs cost nothing; invocations are billed on the function',
  'AWS::Logs::ResourcePolicy': 'resource policies cost nothing',
  'AWS::Logs::SubscriptionFilter': 'delivery is billed at the destination',
  'AWS::Logs::LogStream': 'log streams cost nothing; ingestion is billed on the log group',
  'AWS::SNS::Subscription': 'deliveries are billed on the topic',
  'AWS::SNS::TopicPolicy': 'topic policies cost nothing',
  'AWS::SQS::QueuePolicy': 'queue policies cost nothing',
  'AWS::Events::Rule': 'rules cost nothing; AWS service events on the default bus are free',
  'AWS::Scheduler::ScheduleGroup': 'schedule groups cost nothing',
  'AWS::Glue::Classifier': 'classifiers cost nothing',
  'AWS::Glue::Connection': 'connections cost nothing',
  'AWS::Glue::SecurityConfiguration': 'security configurations cost nothing',
  'AWS::Glue::Trigger': 'triggers cost nothing; the jobs they start are billed',
  'AWS::Glue::Workflow': 'workflows cost nothing; their jobs and crawlers are billed',
  'AWS::Athena::NamedQuery': 'saved queries cost nothing; running them is billed on the workgroup',
  'AWS::Athena::PreparedStatement': 'prepared statements cost nothing',
  'AWS::Athena::DataCatalog': 'catalog registrations cost nothing',
  'AWS::ApiGateway::Account': 'settings cost nothing',
  'AWS::ApiGateway::ApiKey': 'API keys cost nothing',
  'AWS::ApiGateway::Authorizer': 'authorizers cost nothing; their functions are billed',
  'AWS::ApiGateway::Deployment': 'deployments cost nothing',
  'AWS::ApiGateway::GatewayResponse': 'gateway responses cost nothing',
  'AWS::ApiGateway::Method': 'requests are billed on the REST API',
  'AWS::ApiGateway::Model': 'models cost nothing',
  'AWS::ApiGateway::RequestValidator': 'validators cost nothing',
  'AWS::ApiGateway::Resource': 'requests are billed on the REST API',
  'AWS::ApiGateway::Stage': 'requests are billed on the REST API',
  'AWS::ApiGateway::UsagePlan': 'usage plans cost nothing',
  'AWS::ApiGateway::UsagePlanKey': 'usage plans cost nothing',
  'AWS::StepFunctions::Activity': 'activities cost nothing; transitions are billed on the state machine',
  'AWS::CloudFormation::CustomResource': 'custom resources cost nothing; their functions are billed',
  'AWS::CloudFormation::WaitConditionHandle': 'costs nothing',
  'AWS::CDK::Metadata': 'CDK metadata costs nothing',
  'AWS::EC2::VPC': 'VPCs cost nothing',
  'AWS::EC2::FlowLog': 'flow log records are billed as vended-log ingestion on the destination log group',
  'AWS::EC2::Subnet': 'subnets cost nothing',
  'AWS::EC2::RouteTable': 'route tables cost nothing',
  'AWS::EC2::Route': 'routes cost nothing',
  'AWS::EC2::SubnetRouteTableAssociation': 'costs nothing',
  'AWS::EC2::InternetGateway': 'internet gateways cost nothing (data transfer is not priced here)',
  'AWS::EC2::VPCGatewayAttachment': 'costs nothing',
  'AWS::EC2::SecurityGroup': 'security groups cost nothing',
  'AWS::EC2::SecurityGroupIngress': 'costs nothing',
  'AWS::EC2::SecurityGroupEgress': 'costs nothing',
  'AWS::DMS::Endpoint': 'endpoints cost nothing; the replication instance is billed',
  'AWS::DMS::ReplicationTask': 'tasks cost nothing; the replication instance is billed',
  'AWS::DMS::ReplicationSubnetGroup': 'subnet groups cost nothing',
  'AWS::RDS::DBSubnetGroup': 'subnet groups cost nothing',
  'AWS::RDS::DBParameterGroup': 'parameter groups cost nothing',
  'AWS::SecretsManager::SecretTargetAttachment': 'costs nothing',
  'AWS::SecretsManager::RotationSchedule': 'rotation costs nothing; its function is billed',
  'AWS::SSM::Parameter': 'standard parameters are free',
  'AWS::QuickSight::DataSet': 'QuickSight bills users (on the data source) and SPICE',
  'AWS::QuickSight::Analysis': 'QuickSight bills users (on the data source)',
  'AWS::QuickSight::Dashboard': 'QuickSight bills users (on the data source)',
  'AWS::QuickSight::Template': 'QuickSight bills users (on the data source)',
  'AWS::QuickSight::Theme': 'QuickSight bills users (on the data source)',
  'AWS::QuickSight::RefreshSchedule':
    'SPICE refreshes cost nothing in QuickSight; the Athena query each refresh runs is billed on the workgroup',
  'AWS::CodeStarNotifications::NotificationRule': 'notification rules cost nothing; SNS is billed',
  'AWS::CodePipeline::Webhook': 'webhooks cost nothing',
  'AWS::Budgets::Budget':
    'budgets that only notify cost nothing (action-enabled ones are billed on their action)',
  'AWS::IAM::RolePolicy': 'IAM is free',
  'AWS::IAM::UserPolicy': 'IAM is free',
  'AWS::IAM::GroupPolicy': 'IAM is free',
  'AWS::IAM::AccessKey': 'IAM is free',
  'AWS::IAM::SAMLProvider': 'IAM is free',
  'AWS::IAM::ServerCertificate': 'IAM is free',
  'AWS::IAM::VirtualMFADevice': 'IAM is free',
  'AWS::S3::AccessPoint': 'access points cost nothing; requests and storage are billed on the bucket',
  'AWS::Lambda::EventInvokeConfig': 'costs nothing; the destinations it sends to are billed on them',
  'AWS::Lambda::CodeSigningConfig': 'code signing costs nothing',
  'AWS::Lambda::LayerVersionPermission': 'permissions cost nothing',
  'AWS::Logs::Destination': 'destinations cost nothing; delivery is billed at the stream behind them',
  'AWS::Logs::QueryDefinition': 'saved queries cost nothing; running them is billed as data scanned',
  'AWS::SNS::TopicInlinePolicy': 'topic policies cost nothing',
  'AWS::SQS::QueueInlinePolicy': 'queue policies cost nothing',
  'AWS::Events::EventBusPolicy': 'bus policies cost nothing',
  'AWS::StepFunctions::StateMachineAlias':
    'aliases cost nothing; transitions are billed on the state machine',
  'AWS::StepFunctions::StateMachineVersion':
    'versions cost nothing; transitions are billed on the state machine',
  'AWS::SecretsManager::ResourcePolicy': 'resource policies cost nothing',
  'AWS::SSM::Document': 'documents cost nothing; Automation steps they run are billed per step',
  'AWS::LakeFormation::DataLakeSettings': 'Lake Formation permissions cost nothing',
  'AWS::LakeFormation::Permissions': 'Lake Formation permissions cost nothing',
  'AWS::LakeFormation::PrincipalPermissions': 'Lake Formation permissions cost nothing',
  'AWS::LakeFormation::Resource': 'registering a location costs nothing; storage is billed on the bucket',
  'AWS::LakeFormation::Tag': 'Lake Formation tags cost nothing',
  'AWS::LakeFormation::TagAssociation': 'Lake Formation tags cost nothing',
  'AWS::ApiGateway::BasePathMapping': 'custom domain mappings cost nothing',
  'AWS::ApiGateway::ClientCertificate': 'client certificates cost nothing',
  'AWS::ApiGateway::DocumentationPart': 'documentation costs nothing',
  'AWS::ApiGateway::DocumentationVersion': 'documentation costs nothing',
  'AWS::ApiGateway::DomainName':
    'custom domain names cost nothing in API Gateway (public ACM certificates are free)',
  'AWS::ApiGateway::VpcLink': 'VPC links cost nothing; the Network Load Balancer behind one is billed on it',
  'AWS::ApiGatewayV2::ApiGatewayManagedOverrides': 'requests are billed on the API',
  'AWS::ApiGatewayV2::ApiMapping': 'custom domain mappings cost nothing',
  'AWS::ApiGatewayV2::Authorizer': 'authorizers cost nothing; their functions are billed',
  'AWS::ApiGatewayV2::Deployment': 'deployments cost nothing',
  'AWS::ApiGatewayV2::DomainName':
    'custom domain names cost nothing in API Gateway (public ACM certificates are free)',
  'AWS::ApiGatewayV2::Integration': 'requests are billed on the API',
  'AWS::ApiGatewayV2::IntegrationResponse': 'requests are billed on the API',
  'AWS::ApiGatewayV2::Model': 'models cost nothing',
  'AWS::ApiGatewayV2::Route': 'requests are billed on the API',
  'AWS::ApiGatewayV2::RouteResponse': 'requests are billed on the API',
  'AWS::ApiGatewayV2::Stage': 'requests (and WebSocket connection minutes) are billed on the API',
  'AWS::ApiGatewayV2::VpcLink':
    'VPC links of HTTP APIs cost nothing; the load balancer behind one is billed on it',
  'AWS::AppSync::ApiKey': 'API keys cost nothing',
  'AWS::AppSync::DataSource':
    'operations are billed on the GraphQL API; the data source service bills its own use',
  'AWS::AppSync::DomainName': 'custom domain names cost nothing',
  'AWS::AppSync::DomainNameApiAssociation': 'custom domain names cost nothing',
  'AWS::AppSync::FunctionConfiguration': 'operations are billed on the GraphQL API',
  'AWS::AppSync::GraphQLSchema': 'schemas cost nothing',
  'AWS::AppSync::Resolver': 'operations are billed on the GraphQL API',
  'AWS::AppSync::SourceApiAssociation': 'operations are billed on the merged API',
  'AWS::Cognito::IdentityPool': 'identity pools (federated identities) are free',
  'AWS::Cognito::IdentityPoolRoleAttachment': 'identity pools (federated identities) are free',
  'AWS::Cognito::LogDeliveryConfiguration': 'costs nothing; the logs are billed at their destination',
  'AWS::Cognito::UserPoolClient':
    'app clients cost nothing; monthly active users are billed on the user pool',
  'AWS::Cognito::UserPoolDomain': 'domains cost nothing; monthly active users are billed on the user pool',
  'AWS::Cognito::UserPoolGroup': 'groups cost nothing; monthly active users are billed on the user pool',
  'AWS::Cognito::UserPoolIdentityProvider':
    'monthly active users (federated ones too) are billed on the user pool',
  'AWS::Cognito::UserPoolResourceServer':
    'resource servers cost nothing; M2M token requests are billed on the user pool',
  'AWS::Cognito::UserPoolUICustomizationAttachment': 'costs nothing',
  'AWS::Cognito::UserPoolUser': 'monthly active users are billed on the user pool',
  'AWS::Cognito::UserPoolUserToGroupAttachment': 'costs nothing',
  'AWS::CloudFront::CachePolicy':
    'policies cost nothing; requests and data transfer are billed on the distribution',
  'AWS::CloudFront::CloudFrontOriginAccessIdentity': 'origin access costs nothing',
  'AWS::CloudFront::KeyGroup': 'key groups cost nothing',
  'AWS::CloudFront::OriginAccessControl': 'origin access costs nothing',
  'AWS::CloudFront::OriginRequestPolicy':
    'policies cost nothing; requests and data transfer are billed on the distribution',
  'AWS::CloudFront::PublicKey': 'public keys cost nothing',
  'AWS::CloudFront::ResponseHeadersPolicy':
    'policies cost nothing; requests and data transfer are billed on the distribution',
  'AWS::ElasticLoadBalancingV2::Listener': 'listeners cost nothing; LCUs are billed on the load balancer',
  'AWS::ElasticLoadBalancingV2::ListenerCertificate': 'costs nothing; LCUs are billed on the load balancer',
  'AWS::ElasticLoadBalancingV2::ListenerRule':
    'rules cost nothing themselves; their evaluations count toward LCUs billed on the load balancer',
  'AWS::ElasticLoadBalancingV2::TargetGroup':
    'target groups cost nothing; LCUs are billed on the load balancer and targets on themselves',
  'AWS::ECS::CapacityProvider': 'capacity providers cost nothing; the instances or Fargate tasks are billed',
  'AWS::ECS::ClusterCapacityProviderAssociations': 'costs nothing',
  'AWS::ECS::TaskDefinition': 'task definitions cost nothing; tasks run from them are billed on the service',
  'AWS::ApplicationAutoScaling::ScalableTarget':
    'Application Auto Scaling costs nothing; the capacity it sets is billed',
  'AWS::ApplicationAutoScaling::ScalingPolicy':
    'Application Auto Scaling costs nothing; the capacity it sets is billed',
  'AWS::AutoScaling::LifecycleHook': 'costs nothing; the instances of the group are billed',
  'AWS::AutoScaling::ScalingPolicy': 'costs nothing; the instances of the group are billed',
  'AWS::AutoScaling::ScheduledAction': 'costs nothing; the instances of the group are billed',
  'AWS::Batch::JobDefinition': 'job definitions cost nothing; the compute environment is billed',
  'AWS::Batch::JobQueue': 'job queues cost nothing; the compute environment is billed',
  'AWS::EC2::DHCPOptions': 'costs nothing',
  'AWS::EC2::EgressOnlyInternetGateway':
    'egress-only gateways cost nothing (data transfer is not priced here)',
  'AWS::EC2::EIPAssociation': 'associations cost nothing; the address is billed on the EIP',
  'AWS::EC2::GatewayRouteTableAssociation': 'costs nothing',
  'AWS::EC2::KeyPair': 'key pairs cost nothing',
  'AWS::EC2::LaunchTemplate': 'launch templates cost nothing; instances launched from them are billed',
  'AWS::EC2::NetworkAcl': 'network ACLs cost nothing',
  'AWS::EC2::NetworkAclEntry': 'network ACLs cost nothing',
  'AWS::EC2::PlacementGroup': 'placement groups cost nothing',
  'AWS::EC2::PrefixList': 'prefix lists cost nothing',
  'AWS::EC2::SubnetCidrBlock': 'CIDR blocks cost nothing',
  'AWS::EC2::SubnetNetworkAclAssociation': 'costs nothing',
  'AWS::EC2::VolumeAttachment': 'attachments cost nothing; storage is billed on the volume',
  'AWS::EC2::VPCCidrBlock': 'CIDR blocks cost nothing',
  'AWS::EC2::VPCDHCPOptionsAssociation': 'costs nothing',
  'AWS::EC2::VPCEndpointServicePermissions': 'costs nothing',
  'AWS::EC2::VPCPeeringConnection': 'peering costs nothing itself (data transfer is not priced here)',
  'AWS::EFS::AccessPoint': 'access points cost nothing; storage is billed on the file system',
  'AWS::EFS::MountTarget': 'mount targets cost nothing; storage is billed on the file system',
  'AWS::RDS::DBClusterParameterGroup': 'parameter groups cost nothing',
  'AWS::RDS::EventSubscription': 'event subscriptions cost nothing; SNS is billed',
  'AWS::RDS::OptionGroup': 'option groups cost nothing (options are billed on the instance)',
  'AWS::DocDB::DBClusterParameterGroup': 'parameter groups cost nothing',
  'AWS::DocDB::DBSubnetGroup': 'subnet groups cost nothing',
  'AWS::Neptune::DBClusterParameterGroup': 'parameter groups cost nothing',
  'AWS::Neptune::DBParameterGroup': 'parameter groups cost nothing',
  'AWS::Neptune::DBSubnetGroup': 'subnet groups cost nothing',
  'AWS::ElastiCache::ParameterGroup': 'parameter groups cost nothing',
  'AWS::ElastiCache::SubnetGroup': 'subnet groups cost nothing',
  'AWS::Redshift::ClusterParameterGroup': 'parameter groups cost nothing',
  'AWS::Redshift::ClusterSubnetGroup': 'subnet groups cost nothing',
  'AWS::DAX::ParameterGroup': 'parameter groups cost nothing',
  'AWS::DAX::SubnetGroup': 'subnet groups cost nothing',
  'AWS::MSK::Configuration': 'configurations cost nothing; brokers are billed on the cluster',
  'AWS::Route53::RecordSet': 'records cost nothing; queries and the hosted zone are billed on the zone',
  'AWS::Route53::RecordSetGroup': 'records cost nothing; queries and the hosted zone are billed on the zone',
  'AWS::ElasticBeanstalk::Application':
    'Elastic Beanstalk costs nothing; the resources an environment runs are billed',
  'AWS::ElasticBeanstalk::ApplicationVersion':
    'versions cost nothing; the source bundle is billed as S3 storage',
  'AWS::ElasticBeanstalk::ConfigurationTemplate': 'costs nothing',
  'AWS::CloudFormation::WaitCondition': 'costs nothing',
  'AWS::CloudFormation::Macro': 'macros cost nothing; their functions are billed',
  'AWS::AutoScaling::LaunchConfiguration':
    'launch configurations cost nothing; instances launched from them are billed',
  'AWS::Config::DeliveryChannel':
    'delivery channels cost nothing; configuration items are billed on the recorder',
  'AWS::IoT::Policy': 'IoT policies cost nothing',
  'AWS::IoT::PolicyPrincipalAttachment': 'IoT policies cost nothing',
  'AWS::IoT::Thing': 'the IoT registry costs nothing; messages and connectivity are billed per use',
  'AWS::IoT::ThingPrincipalAttachment': 'the IoT registry costs nothing',
  'AWS::ServiceCatalog::PortfolioProductAssociation': 'associations cost nothing',
  'AWS::ServiceCatalog::PortfolioShare': 'shares cost nothing',
  'AWS::ServiceCatalog::TagOption': 'tag options cost nothing',
  'AWS::ServiceCatalog::TagOptionAssociation': 'tag options cost nothing',
  'AWS::CertificateManager::Certificate': 'public ACM certificates that cannot be exported are free',
  'AWS::ECS::Cluster': 'clusters cost nothing; tasks are billed on the service',
  'AWS::Serverless::LayerVersion': 'layers cost nothing beyond code storage (75 GB free)',
  'AWS::ApiGateway::BasePathMappingV2': 'custom domain mappings cost nothing',
  'AWS::ApiGateway::DomainNameV2':
    'custom domain names cost nothing in API Gateway; requests are billed on the API',
  'AWS::ApiGateway::DomainNameAccessAssociation': 'custom domain names cost nothing',
  'AWS::AppSync::ChannelNamespace':
    'namespaces cost nothing; operations and connections are billed on the API',
  'AWS::OpenSearchServerless::AccessPolicy':
    'policies cost nothing; OCUs and storage are billed on the collection',
  'AWS::OpenSearchServerless::LifecyclePolicy':
    'policies cost nothing; OCUs and storage are billed on the collection',
  'AWS::OpenSearchServerless::SecurityConfig':
    'security settings cost nothing; OCUs and storage are billed on the collection',
  'AWS::OpenSearchServerless::SecurityPolicy':
    'policies cost nothing; OCUs and storage are billed on the collection',
  'AWS::Events::Connection':
    'connections cost nothing; the secret EventBridge keeps for one is included in the price of API destination invocations',
  'AWS::WAFv2::WebACLAssociation':
    'associations cost nothing; the web ACL, its rules and requests are billed on it',
  'AWS::WAFv2::IPSet': 'IP sets cost nothing; the web ACL rules that use them are billed on the web ACL',
  'AWS::WAFv2::RegexPatternSet':
    'pattern sets cost nothing; the web ACL rules that use them are billed on the web ACL',
  'AWS::WAFv2::RuleGroup': 'a rule group is billed as one rule of each web ACL that uses it',
  'AWS::WAFv2::LoggingConfiguration': 'costs nothing; the logs are billed at their destination',
  'AWS::ACMPCA::Permission': 'permissions cost nothing; the certificate authority is billed on itself',
  'AWS::RDS::DBProxyTargetGroup': 'target groups cost nothing; the proxy is billed on itself',
  'AWS::MemoryDB::SubnetGroup': 'subnet groups cost nothing',
  'AWS::ResourceGroups::Group': 'resource groups cost nothing',
  'AWS::SES::ReceiptRuleSet': 'rule sets cost nothing; received mail is billed per message and chunk',
  'AWS::SES::ReceiptRule': 'rules cost nothing; received mail is billed per message and chunk',
  'AWS::SES::EmailIdentity': 'verifying an identity costs nothing; mail sent is billed per message',
  'AWS::OpenSearchServerless::Index': 'indexes cost nothing; OCUs and storage are billed on the collection',
  'AWS::EC2::VPCEndpointService':
    "the service's owner pays nothing for it; PrivateLink bills the consumers' interface endpoints by the hour and GB",
  'AWS::RAM::ResourceShare': 'AWS RAM costs nothing; the shared resources are billed to their owner',
  'AWS::Transfer::User':
    'users cost nothing; endpoint hours and data are billed on the Transfer Family server',
  'AWS::SageMaker::Model':
    'model definitions cost nothing; the instances of the endpoints that host them are billed',
  'AWS::SageMaker::EndpointConfig':
    'endpoint configurations cost nothing; the instances of the endpoints created from them are billed',
  // Not a CloudFormation type: the S3Objects macro in aws-cloudformation-templates turns it into a custom resource.
  'AWS::S3::Object':
    'the S3Objects macro writes it through a custom resource; its storage and requests are billed on the bucket',
};

type Properties = Readonly<Record<string, unknown>>;

/**
 * Settings that make a resource of an otherwise free type bill, each saying what is billed: such a resource is
 * reported as not priced rather than free, so the estimate never hides a charge behind a "free" line.
 */
const BILLED_WHEN: Record<string, (properties: Properties) => string | undefined> = {
  'AWS::ApiGateway::Stage': (p) =>
    isTrue(p.CacheClusterEnabled) ? 'its cache cluster is billed by the hour; not priced here' : undefined,
  'AWS::CertificateManager::Certificate': (p) =>
    p.CertificateAuthorityArn !== undefined
      ? 'private certificates are billed per certificate by AWS Private CA; not priced here'
      : p.CertificateExport === 'ENABLED'
        ? 'exportable public certificates are billed per certificate issued; not priced here'
        : undefined,
  'AWS::Lambda::EventSourceMapping': (p) =>
    p.ProvisionedPollerConfig !== undefined
      ? 'provisioned mode bills event poller units by the hour; not priced here'
      : undefined,
  'AWS::ECS::Cluster': (p) =>
    Array.isArray(p.ClusterSettings) &&
    p.ClusterSettings.some(
      (s: { Name?: unknown; Value?: unknown }) =>
        s?.Name === 'containerInsights' && (s.Value === 'enabled' || s.Value === 'enhanced'),
    )
      ? 'Container Insights metrics and logs are billed by CloudWatch; not priced here'
      : undefined,
  'AWS::SSM::Parameter': (p) =>
    p.Tier === 'Advanced' || p.Policies !== undefined
      ? 'advanced parameters are billed per parameter-month; not priced here'
      : undefined,
};

/**
 * Types that hold other templates' resources: they cost nothing themselves, but what they deploy is not read
 * here, so they stay not priced with the way to price it.
 */
const NESTED: Record<string, string> = {
  'AWS::CloudFormation::Stack':
    'a nested stack: its resources are in another template; price that template with npm run cost -- --template <file>',
  'AWS::CloudFormation::StackSet':
    'a stack set deploys its template to other accounts and regions; price that template with npm run cost -- --template <file>',
  'AWS::Serverless::Application':
    'a nested application: its resources are in another template; price that template with npm run cost -- --template <file>',
};

/** Whether a resource costs nothing, and why; undefined when its type is not known to be free. */
export function freeVerdict(
  type: string,
  properties: Properties = {},
): { free: boolean; reason: string } | undefined {
  const reason = type.startsWith('Custom::')
    ? 'custom resources cost nothing; their functions are billed'
    : FREE[type];
  if (NESTED[type]) return { free: false, reason: NESTED[type] };
  if (reason === undefined) return undefined;
  const billed = BILLED_WHEN[type]?.(properties);
  return billed ? { free: false, reason: billed } : { free: true, reason };
}

/** Why a resource costs nothing, or undefined when it is not known to be free. */
export function freeReason(type: string, properties: Properties = {}): string | undefined {
  const verdict = freeVerdict(type, properties);
  return verdict?.free ? verdict.reason : undefined;
}

const isTrue = (value: unknown) => value === true || value === 'true';
