/** AWS console pages where a person looks next when a stage stalls or fails. */
const consoleHome = (region: string, service: string) =>
  `https://${region}.console.aws.amazon.com/${service}/home?region=${region}`;

export const consoleLinks = {
  firehoseMonitoring: (region: string, deliveryStream: string) =>
    `${consoleHome(region, 'firehose')}#/details/${encodeURIComponent(deliveryStream)}/monitoring`,
  s3Prefix: (region: string, bucket: string, prefix: string) =>
    `https://${region}.console.aws.amazon.com/s3/buckets/${bucket}?region=${region}&prefix=${encodeURIComponent(prefix)}`,
  execution: (region: string, executionArn: string) =>
    `${consoleHome(region, 'states')}#/v2/executions/details/${executionArn}`,
  athenaQuery: (region: string, queryId: string) =>
    `${consoleHome(region, 'athena')}#/query-editor/history/${queryId}`,
} as const;
