import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeploy } from '../actions/lib/deploy/run-deploy.ts';
import { type MotoForCdk, startMotoForCdk } from '../actions/lib/deploy/testing/moto-cdk.ts';
import { smallApp } from '../actions/lib/deploy/testing/small-app.ts';
import { MOTO_CREDENTIALS } from '../actions/lib/events/testing/moto-server.ts';
import { runScript } from '../test/run-script.ts';

let local: MotoForCdk;
beforeAll(async () => {
  local = await startMotoForCdk();
});
afterAll(() => local?.moto.close());

const awsEnv = () => ({
  AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
});

describe('npm run destroy', () => {
  it('refuses prod without its name, and asks for --yes outside a terminal, changing nothing', async () => {
    const prod = await runScript('destroy', ['--env', 'prod', '--confirm', 'prd'], awsEnv());
    expect(prod.status).toBe(1);
    expect(prod.stderr.trim()).toBe(
      'Refusing to destroy prod: the confirmation "prd" is not the environment\'s name "prod". Nothing was changed.',
    );
    const noTerminal = await runScript('destroy', ['--env', 'dev'], awsEnv());
    expect(noTerminal.status).toBe(1);
    expect(noTerminal.stderr.trim()).toBe(
      'Not in a terminal, so no one can confirm: add --yes to destroy without a question.',
    );
    const help = await runScript('destroy', ['--help']);
    expect(help.stdout).toMatch(/^Usage: npm run destroy -- --env <name> \[options\]/);
  });

  it('destroys dev with --yes and prints what is left', async () => {
    const temp = mkdtempSync(path.join(tmpdir(), 'destroy-script-'));
    const assembly = path.join(temp, 'assembly');
    await smallApp({ environment: 'dev' })({ outdir: assembly, context: {}, env: {} });
    await runDeploy({
      environment: 'dev',
      source: { assemblyDir: assembly },
      outputsFile: path.join(temp, 'dev.json'),
      log: () => {},
      pollIntervalMs: 100,
    });

    const run = await runScript(
      'destroy',
      ['--env', 'dev', '--yes', '--assembly', assembly, '--endpoint-url', local.endpoint],
      awsEnv(),
    );

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Destroyed: launchpad-dev-ingestion, launchpad-dev-foundation.');
    expect(run.stdout).toMatch(/What is left:\n {2}bootstrap-stack {4}CDKToolkit\n/);
  });
});
