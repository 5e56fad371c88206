/** Where the AWS calls go: a region, and another endpoint for a local AWS (moto, LocalStack) when testing. */
export interface AwsTarget {
  readonly region?: string;
  readonly endpoint?: string;
}

/**
 * The toolkit builds its SDK clients itself, from the environment like the CDK CLI: the region and the
 * endpoint (AWS_ENDPOINT_URL, which every SDK v3 client honours) are handed over there.
 */
export function applyAwsTarget(target: AwsTarget, env: NodeJS.ProcessEnv = process.env): void {
  env.AWS_EC2_METADATA_DISABLED ??= 'true';
  if (target.region) {
    env.AWS_REGION = target.region;
    env.AWS_DEFAULT_REGION = target.region;
  }
  if (target.endpoint) env.AWS_ENDPOINT_URL = target.endpoint;
}
