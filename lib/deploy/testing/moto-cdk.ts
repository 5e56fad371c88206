/**
 * moto's server set up for the CDK toolkit: credentials, region and endpoint in this process's environment
 * (where the toolkit's SDK clients look), and the CDK bootstrap stack deployed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BootstrapEnvironments, Toolkit } from '@aws-cdk/toolkit-lib';
import { MOTO_CREDENTIALS, type MotoServer, sharedMotoServer } from '../../events/testing/moto-server.ts';
import { runDeploy } from '../run-deploy.ts';
import { ProgressIoHost } from '../toolkit-io-host.ts';
import { MOTO_ACCOUNT, MOTO_REGION, smallApp } from './small-app.ts';

export interface MotoForCdk {
  readonly moto: MotoServer;
  /** `http://localhost:<port>`: moto reads a TemplateURL on "localhost" as path-style (bucket, key). */
  readonly endpoint: string;
  readonly lines: string[];
}

export async function startMotoForCdk(): Promise<MotoForCdk> {
  const moto = await sharedMotoServer();
  const endpoint = moto.endpoint.replace('127.0.0.1', 'localhost');
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
    AWS_REGION: MOTO_REGION,
    AWS_ENDPOINT_URL: endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  });
  const lines: string[] = [];
  await bootstrap(lines);
  return { moto, endpoint, lines };
}

export async function bootstrap(lines: string[] = []): Promise<void> {
  const toolkit = new Toolkit({ ioHost: new ProgressIoHost((l) => lines.push(l)), color: false });
  await toolkit.bootstrap(BootstrapEnvironments.fromList([`aws://${MOTO_ACCOUNT}/${MOTO_REGION}`]), {});
}

/** The dummy credentials and region a child process (an action's bundle, a script) needs to reach moto. */
export function motoChildEnv(): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
    AWS_REGION: MOTO_REGION,
  };
}

export interface SmallAppFiles {
  /** A temp folder of its own. */
  readonly temp: string;
  /** The small app of the environment, synthesized. */
  readonly assembly: string;
  readonly outputsFile: string;
}

/** Synthesizes the small app of `environment` into a temp folder, and deploys it to moto when asked. */
export async function prepareSmallApp(
  environment: string,
  options: { readonly deploy: boolean },
): Promise<SmallAppFiles> {
  const temp = mkdtempSync(path.join(tmpdir(), `small-app-${environment}-`));
  const files = {
    temp,
    assembly: path.join(temp, 'assembly'),
    outputsFile: path.join(temp, `${environment}.json`),
  };
  await smallApp({ environment })({ outdir: files.assembly, context: {}, env: {} });
  if (options.deploy) {
    await runDeploy({
      environment,
      source: { assemblyDir: files.assembly },
      outputsFile: files.outputsFile,
      log: () => {},
      pollIntervalMs: 100,
    });
  }
  return files;
}
