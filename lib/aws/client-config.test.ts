import { KinesisClient, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AwsClientOptions, awsClientConfig } from './client-config.ts';
import { describeSdkError } from './sdk-error.ts';
import {
  awsError,
  ok,
  type ScriptedJsonServer,
  serviceUnavailable,
  startScriptedJsonServer,
  throttlingError,
} from './testing/scripted-json-server.ts';

const DESCRIBE = 'AWSStepFunctions.DescribeExecution';
const CREDENTIALS = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-test-secret' };

let server: ScriptedJsonServer;
beforeAll(async () => {
  server = await startScriptedJsonServer({
    [DESCRIBE]: () =>
      ok({ executionArn: 'arn:aws:states:us-east-1:1:execution:m:e', status: 'RUNNING', startDate: 1 }),
    'Kinesis_20131202.ListStreams': () => ok({ StreamNames: ['rides'], HasMoreStreams: false }),
  });
});
afterAll(() => server.close());
afterEach(() => server.reset());

function sfn(options: AwsClientOptions = {}) {
  return new SFNClient(
    awsClientConfig({ region: 'us-east-1', endpoint: server.endpoint, credentials: CREDENTIALS, ...options }),
  );
}
const describeExecution = (client: SFNClient) =>
  client.send(new DescribeExecutionCommand({ executionArn: 'arn:aws:states:us-east-1:1:execution:m:e' }));

describe('awsClientConfig: the SDK’s standard retry with timeouts that end slow calls', () => {
  it('retries throttling and server errors with backoff, then answers', async () => {
    server.addFault({ target: DESCRIBE, answer: throttlingError() });
    server.addFault({ target: DESCRIBE, answer: serviceUnavailable() });

    const output = await describeExecution(sfn());

    expect(output.status).toBe('RUNNING');
    expect(output.$metadata.attempts).toBe(3);
    expect(output.$metadata.totalRetryDelay).toBeGreaterThan(0);
    expect(server.requestsFor(DESCRIBE).map((r) => [r.status, r.headers['amz-sdk-request']])).toEqual([
      [400, 'attempt=1; max=5'],
      [503, 'attempt=2; max=5'],
      [200, 'attempt=3; max=5'],
    ]);
  });

  it('gives up on an answer that does not come in time and tries again', async () => {
    server.addFault({ target: DESCRIBE, answer: { delayMs: 1500 } });

    const output = await describeExecution(sfn({ requestTimeoutMs: 200 }));

    expect(output.status).toBe('RUNNING');
    // -1: the client hung up on the slow answer instead of waiting for it.
    expect(server.requestsFor(DESCRIBE).map((r) => r.status)).toEqual([-1, 200]);
  });

  it('stops after the last attempt; the error tells how many and how long it waited', async () => {
    server.addFault({ target: DESCRIBE, answer: serviceUnavailable(), times: Infinity });

    const error = await describeExecution(sfn({ maxAttempts: 2 })).catch((e: unknown) => e);

    expect(server.requestsFor(DESCRIBE)).toHaveLength(2);
    const failure = describeSdkError(error);
    expect(failure.kind).toBe('server');
    expect(failure.summary).toMatch(
      /^ServiceUnavailableException \(HTTP 503\): Service Unavailable; gave up after 2 attempts and \d+\.\d s of backoff$/,
    );
  });

  it('speaks HTTP/1.1 to Kinesis too (its SDK default is HTTP/2)', async () => {
    const kinesis = new KinesisClient(
      awsClientConfig({ region: 'us-east-1', endpoint: server.endpoint, credentials: CREDENTIALS }),
    );
    await expect(kinesis.send(new ListStreamsCommand({}))).resolves.toMatchObject({ StreamNames: ['rides'] });
    kinesis.destroy();
  });
});

describe('describeSdkError', () => {
  it('tells refused credentials, missing resources and throttling apart, with advice for each', async () => {
    const failureOf = async (answer: ReturnType<typeof awsError>) => {
      server.reset();
      server.addFault({ target: DESCRIBE, answer, times: Infinity });
      return describeSdkError(await describeExecution(sfn({ maxAttempts: 2 })).catch((e: unknown) => e));
    };

    const denied = await failureOf(awsError(400, 'AccessDeniedException', 'User is not authorized'));
    expect(denied).toMatchObject({
      kind: 'access',
      summary: 'AccessDeniedException (HTTP 400): User is not authorized',
    });
    const missing = await failureOf(awsError(400, 'ExecutionDoesNotExist', 'Execution does not exist'));
    expect(missing.kind).toBe('not-found');
    const throttled = await failureOf(throttlingError());
    expect(throttled.kind).toBe('throttled');
    expect(throttled.advice).toMatch(/wait a minute and run again/);
    const noCredentials = describeSdkError(
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
    );
    expect(noCredentials).toMatchObject({ kind: 'credentials' });
    expect(noCredentials.advice).toMatch(/^No AWS credentials were found: sign in/);
  });
});
