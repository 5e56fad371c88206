/** A template of `count` resources of the kinds a data platform has, some unknown to the cost engine. */
export function generatedTemplate(count: number, memory: number): object {
  const kinds: [string, (i: number) => object][] = [
    ['AWS::S3::Bucket', () => ({})],
    [
      'AWS::Lambda::Function',
      (i) => ({ MemorySize: memory + (i % 4) * 128, Architectures: [i % 2 ? 'arm64' : 'x86_64'] }),
    ],
    ['AWS::SQS::Queue', (i) => ({ FifoQueue: i % 5 === 0 })],
    ['AWS::Logs::LogGroup', (i) => ({ RetentionInDays: [7, 30, 90][i % 3] })],
    ['AWS::CloudWatch::Alarm', () => ({ Period: 60 })],
    ['AWS::IAM::Role', () => ({})],
    ['AWS::Kinesis::Stream', (i) => ({ ShardCount: 1 + (i % 3) })],
    ['AWS::Glue::Job', () => ({ WorkerType: 'G.1X', NumberOfWorkers: 2, GlueVersion: '4.0' })],
    ['AWS::SNS::Topic', () => ({})],
    ['AWS::RoboMaker::Robot', () => ({})],
  ];
  const resources: Record<string, object> = {};
  for (let i = 0; i < count; i++) {
    const [type, properties] = kinds[i % kinds.length] ?? kinds[0] ?? ['AWS::S3::Bucket', () => ({})];
    resources[`Resource${i}`] = {
      Type: type,
      Properties: { ...properties(i), Tags: [{ Key: 'n', Value: `${i}` }] },
    };
  }
  return { Resources: resources };
}
