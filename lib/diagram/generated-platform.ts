/**
 * A generated environment shaped like the finished platform, for speed tests and benchmarks: per pipeline,
 * buckets in foundation, a stream and a function (role, policy, log group, event-source mapping) in
 * ingestion, a Glue job in processing and a state machine in orchestration, joined by CDK-style exports.
 * The inventory is built in memory, as `readAssembly` would return it.
 */
import type { InventoryResource, InventoryStack } from '../assembly/types.ts';

const ACCOUNT = { Ref: 'AWS::AccountId' };
const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const role = (service: string) => ({
  AssumeRolePolicyDocument: {
    Statement: [
      { Effect: 'Allow', Principal: { Service: `${service}.amazonaws.com` }, Action: 'sts:AssumeRole' },
    ],
  },
});

function stack(
  phase: string,
  resources: Record<string, [string, Record<string, unknown>]>,
  outputs = {},
): InventoryStack {
  return {
    id: `dev/${phase}`,
    stackName: `launchpad-dev-${phase}`,
    environment: 'dev',
    phase,
    region: 'us-east-1',
    templateFile: `/generated/${phase}.template.json`,
    parameters: {},
    outputs,
    resources: Object.entries(resources).map(
      ([logicalId, [type, properties]]): InventoryResource => ({
        logicalId,
        type,
        properties,
        phase,
        constructPath: `dev/${phase}/${logicalId}/Resource`,
        dependsOn: [],
      }),
    ),
  };
}

/** One environment of `pipelines` pipelines: 15 resources each, over four phases. */
export function generatedPlatform(pipelines: number): InventoryStack[] {
  const foundation: Record<string, [string, Record<string, unknown>]> = {};
  const exports: Record<string, { value: unknown }> = {};
  const ingestion: Record<string, [string, Record<string, unknown>]> = {};
  const processing: Record<string, [string, Record<string, unknown>]> = {};
  const orchestration: Record<string, [string, Record<string, unknown>]> = {};
  const imported = (phase: string, output: string) => ({
    'Fn::ImportValue': `launchpad-dev-${phase}:${output}`,
  });
  for (let i = 0; i < pipelines; i++) {
    for (const zone of ['Raw', 'Clean']) {
      const id = `${zone}${i}`;
      foundation[id] = [
        'AWS::S3::Bucket',
        { BucketName: { 'Fn::Join': ['', [`launchpad-dev-${zone.toLowerCase()}-${i}-`, ACCOUNT]] } },
      ];
      foundation[`${id}Policy`] = [
        'AWS::S3::BucketPolicy',
        {
          Bucket: { Ref: id },
          PolicyDocument: {
            Statement: [{ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Resource: arn(id) }],
          },
        },
      ];
      exports[`ExportsOutputFnGetAtt${id}Arn`] = { value: arn(id) };
      exports[`ExportsOutputRef${id}`] = { value: { Ref: id } };
    }
    ingestion[`Events${i}`] = ['AWS::Kinesis::Stream', { ShardCount: 1 }];
    ingestion[`Collector${i}`] = [
      'AWS::Lambda::Function',
      {
        FunctionName: `launchpad-dev-collector-${i}`,
        Role: arn(`Collector${i}Role`),
        Environment: { Variables: { BUCKET: imported('foundation', `ExportsOutputRefRaw${i}`) } },
      },
    ];
    ingestion[`Collector${i}Role`] = ['AWS::IAM::Role', role('lambda')];
    ingestion[`Collector${i}Policy`] = [
      'AWS::IAM::Policy',
      {
        Roles: [{ Ref: `Collector${i}Role` }],
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Action: ['kinesis:GetRecords', 'kinesis:GetShardIterator'],
              Resource: arn(`Events${i}`),
            },
            {
              Effect: 'Allow',
              Action: 's3:PutObject',
              Resource: {
                'Fn::Join': ['', [imported('foundation', `ExportsOutputFnGetAttRaw${i}Arn`), '/*']],
              },
            },
          ],
        },
      },
    ];
    ingestion[`Collector${i}Logs`] = [
      'AWS::Logs::LogGroup',
      { LogGroupName: { 'Fn::Join': ['', ['/aws/lambda/', { Ref: `Collector${i}` }]] } },
    ];
    ingestion[`Collector${i}Mapping`] = [
      'AWS::Lambda::EventSourceMapping',
      { EventSourceArn: arn(`Events${i}`), FunctionName: { Ref: `Collector${i}` } },
    ];
    processing[`Clean${i}Job`] = [
      'AWS::Glue::Job',
      {
        Role: arn(`Clean${i}JobRole`),
        Command: { Name: 'glueetl', ScriptLocation: 's3://cdk-assets/clean.py' },
        DefaultArguments: {
          '--input_path': {
            'Fn::Join': ['', ['s3://', imported('foundation', `ExportsOutputRefRaw${i}`), '/']],
          },
          '--output_path': {
            'Fn::Join': ['', ['s3://', imported('foundation', `ExportsOutputRefClean${i}`), '/']],
          },
        },
      },
    ];
    processing[`Clean${i}JobRole`] = ['AWS::IAM::Role', role('glue')];
    orchestration[`Flow${i}`] = [
      'AWS::StepFunctions::StateMachine',
      {
        RoleArn: arn(`Flow${i}Role`),
        DefinitionString: {
          'Fn::Join': [
            '',
            [
              '{"StartAt":"Collect","States":{"Collect":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"',
              `launchpad-dev-collector-${i}`,
              '"},"Next":"Clean"},"Clean":{"Type":"Task","Resource":"arn:aws:states:::glue:startJobRun.sync","Parameters":{"JobName":"',
              imported('processing', `ExportsOutputRefClean${i}Job`),
              '"},"End":true}}}',
            ],
          ],
        },
      },
    ];
    orchestration[`Flow${i}Role`] = ['AWS::IAM::Role', role('states')];
    orchestration[`Flow${i}Logs`] = ['AWS::Logs::LogGroup', {}];
  }
  const processingExports = Object.fromEntries(
    Array.from({ length: pipelines }, (_, i) => [
      `ExportsOutputRefClean${i}Job`,
      { value: { Ref: `Clean${i}Job` } },
    ]),
  );
  return [
    stack('foundation', foundation, exports),
    stack('ingestion', ingestion),
    stack('processing', processing, processingExports),
    stack('orchestration', orchestration),
  ];
}
