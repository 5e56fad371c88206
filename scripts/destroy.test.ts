import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type MotoForCdk,
  motoChildEnv,
  prepareSmallApp,
  startMotoForCdk,
} from '../lib/deploy/testing/moto-cdk.ts';
import { runInProcess } from '../test/run-in-process.ts';
import { runScript } from '../test/run-script.ts';
import { destroy as destroyCommand, HELP } from './destroy/command.ts';

let local: MotoForCdk;
beforeAll(async () => {
  local = await startMotoForCdk();
});
afterAll(() => local?.moto.close());

describe('npm run destroy', () => {
  it('refuses prod without its name, and asks for --yes outside a terminal, changing nothing', async () => {
    const prod = await runInProcess(
      { HELP, main: destroyCommand },
      ['--env', 'prod', '--confirm', 'prd'],
      motoChildEnv(),
    );
    expect(prod.status).toBe(1);
    expect(prod.stderr.trim()).toBe(
      'Refusing to destroy prod: the confirmation "prd" is not the environment\'s name "prod". Nothing was changed.',
    );
    // As a command (its standard input is not a terminal): its arguments, its output and its exit status.
    const noTerminal = await runScript('destroy', ['--env', 'dev'], motoChildEnv());
    expect(noTerminal.status).toBe(1);
    // Its first line: on Node 20 the AWS SDK's client of the credentials check adds its version warning after it.
    expect(noTerminal.stderr.trim().split('\n')[0]).toBe(
      'Not in a terminal, so no one can confirm: add --yes to destroy without a question.',
    );
    const help = await runInProcess({ HELP, main: destroyCommand }, ['--help']);
    expect(help.stdout).toMatch(/^Usage: npm run destroy -- --env <name> \[options\]/);
  });

  it('destroys dev with --yes and prints what is left', async () => {
    const { assembly } = await prepareSmallApp('dev', { deploy: true });

    const run = await runInProcess(
      { HELP, main: destroyCommand },
      ['--env', 'dev', '--yes', '--assembly', assembly, '--endpoint-url', local.endpoint],
      motoChildEnv(),
    );

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Destroyed: launchpad-dev-ingestion, launchpad-dev-foundation.');
    expect(run.stdout).toMatch(/What is left:\n {2}bootstrap-stack {4}CDKToolkit\n/);
  });
});
