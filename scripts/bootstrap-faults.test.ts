import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CloudFormationProxy,
  fromOurCode,
  fromToolkit,
  type ProxiedRequest,
  startCloudFormationProxy,
} from '../lib/deploy/testing/cloudformation-proxy.ts';
import { MOTO_CREDENTIALS, type MotoServer, sharedMotoServer } from '../lib/events/testing/moto-server.ts';
import { runInProcess } from '../test/run-in-process.ts';
import { bootstrap as bootstrapCommand, HELP } from './bootstrap/command.ts';

let moto: MotoServer;
let proxy: CloudFormationProxy;
beforeAll(async () => {
  moto = await sharedMotoServer();
  proxy = await startCloudFormationProxy(moto.endpoint);
});
afterAll(async () => {
  await proxy?.close();
  await moto?.close();
});

describe('npm run bootstrap through throttling and 5xx answers', () => {
  it('rides them out, in its own calls and in the CDK toolkit’s, and deploys as without them', async () => {
    const faults = [
      // Its own: who the credentials are, and whether CDK is bootstrapped.
      { action: 'GetCallerIdentity', answer: 'throttling', match: fromOurCode },
      { action: 'GetCallerIdentity', answer: 'unavailable', match: fromOurCode },
      { action: 'DescribeStacks', answer: 'throttling', match: fromOurCode },
      // The toolkit's: the CDK bootstrap stack and the GitHub stacks.
      { action: 'CreateChangeSet', answer: 'unavailable', match: fromToolkit },
      { action: 'DescribeStackEvents', answer: 'throttling', match: fromToolkit },
    ] as const;
    for (const fault of faults) proxy.addFault(fault);

    const run = await runInProcess(
      { HELP, main: bootstrapCommand },
      ['--env', 'dev', '--repository', 'octo-org/data-launchpad', '--cdk-bootstrap'],
      {
        AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
        // The proxy's URL names localhost: moto reads the TemplateURL path-style then.
        AWS_ENDPOINT_URL: proxy.endpoint,
      },
    );

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      "gh variable set AWS_ROLE_ARN --env dev --repo octo-org/data-launchpad --body 'arn:aws:iam::123456789012:role/launchpad-dev-github-deploy'",
    );
    const met = proxy.requests.filter((r) => r.faulted !== undefined).map((r) => `${r.action} ${r.status}`);
    expect(met.sort()).toEqual(
      [
        'CreateChangeSet 503',
        'DescribeStackEvents 400',
        'DescribeStacks 400',
        'GetCallerIdentity 400',
        'GetCallerIdentity 503',
      ].sort(),
    );
  });

  it('says AWS kept failing, not that credentials are missing, when STS answers 503 through every retry', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      proxy.addFault({ action: 'GetCallerIdentity', answer: 'unavailable', match: fromOurCode });
    }
    const run = await runInProcess(
      { HELP, main: bootstrapCommand },
      ['--env', 'dev', '--repository', 'octo-org/data-launchpad'],
      {
        AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL: proxy.endpoint,
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /Asking STS who these credentials are failed: .*503.*run again in a few minutes/s,
    );
    expect(run.stderr).not.toContain('needs administrator credentials');
  });

  it('rides them out while deploying the Terraform state bucket’s stack, and creates the bucket', async () => {
    const stateStack = (request: ProxiedRequest) =>
      fromToolkit(request) && request.params.get('StackName') === 'launchpad-tfstate';
    proxy.addFault({ action: 'CreateChangeSet', answer: 'unavailable', match: stateStack });
    proxy.addFault({ action: 'ExecuteChangeSet', answer: 'throttling', match: stateStack });

    const run = await runInProcess(
      { HELP, main: bootstrapCommand },
      ['--env', 'dev', '--repository', 'octo-org/data-launchpad', '--cdk-bootstrap', '--terraform-state'],
      {
        AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL: proxy.endpoint,
      },
    );

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Terraform state of dev: s3://launchpad-tfstate-123456789012-us-east-1/');
    const met = proxy.requests
      .filter((r) => r.faulted !== undefined && r.params.get('StackName') === 'launchpad-tfstate')
      .map((r) => `${r.action} ${r.status}`);
    expect(met.sort()).toEqual(['CreateChangeSet 503', 'ExecuteChangeSet 400']);
  });
});
