/**
 * One configuration for every AWS SDK client of the project (the smoke test, the sample-event sender,
 * the price refresh, the pipeline-run action): the SDK's standard retry, which backs off exponentially
 * with jitter on throttling, 5xx answers, dropped connections and timeouts, and an HTTP handler whose
 * request timeout really ends a slow call so that the retry can take over.
 */
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface AwsClientOptions {
  /** Default: AWS_REGION or the profile's region, as the SDK finds it. */
  readonly region?: string;
  /** Another endpoint: a local AWS (moto's server), a scripted test server or a proxy. */
  readonly endpoint?: string;
  /** Default: the SDK's provider chain (environment, profile, SSO, instance role). */
  readonly credentials?: AwsCredentials;
  /** Attempts per call for the standard retry, the first one included. Default 5. */
  readonly maxAttempts?: number;
  /** Time allowed for one answer before the attempt counts as failed and is retried. Default 30 s. */
  readonly requestTimeoutMs?: number;
  /** Time allowed to open a connection. Default 5 s. */
  readonly connectionTimeoutMs?: number;
}

const DEFAULT_MAX_ATTEMPTS = 5;

/** Constructor settings shared by every client: spread them into `new XxxClient({...})`. */
export function awsClientConfig(options: AwsClientOptions = {}) {
  return {
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: 'standard',
    // An instance rather than options: clients whose default is HTTP/2 (Kinesis) would otherwise keep it,
    // and local servers speak HTTP/1.1. Without throwOnRequestTimeout a slow answer only logs a warning,
    // and only a thrown timeout is retried.
    requestHandler: new NodeHttpHandler({
      connectionTimeout: options.connectionTimeoutMs ?? 5_000,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      throwOnRequestTimeout: true,
    }),
  } as const;
}
