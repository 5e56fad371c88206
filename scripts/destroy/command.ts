// What `npm run destroy` does (scripts/destroy.ts runs it): tears one environment down from this machine and
// says what is left that costs money. Apart from its entry so that tests call it in process.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadEnvironmentConfig } from '../../lib/config/load-config.ts';
import { DeployInputError, describeFailure } from '../../lib/deploy/deploy-errors.ts';
import { remainingText } from '../../lib/destroy/destroy-summary.ts';
import { checkDestroyAllowed } from '../../lib/destroy/protection.ts';
import { runDestroy } from '../../lib/destroy/run-destroy.ts';
import { requireCredentials } from '../aws-credentials.ts';

export const HELP = `Usage: npm run destroy -- --env <name> [options]

Deletes the environment's stacks with the CDK toolkit (the chosen phases and the phases that depend on
them, in reverse dependency order), then lists what is left that still costs money (buckets and log groups
kept by a retain policy, stacks that did not delete, the CDK bootstrap stack) with the command that removes
each. Needs AWS credentials for the environment's account (AWS_PROFILE, aws sso login, ...).

Options:
  --env <name>              the environment (config/<name>.json)
  --phases <list>           all (default) or a comma-separated list, e.g. analytics,orchestration
  --confirm <name>          the environment's name again: required for prod and for environments whose
                            config retains data (stage, prod); anything else refuses. Given, it also
                            lifts the termination protection of the stacks being destroyed (prod's)
  --delete-retained-data    also empty and delete the buckets and log groups that the destroyed stacks
                            retained (their resource lists, or their project, environment and phase
                            tags; never a name alone): data is lost. A phase not chosen keeps its data
  --yes                     do not ask before destroying (needed when not in a terminal)
  --assembly <dir>          a cloud assembly synthesized before, to take the stacks from. Default: synth
  --region <region>         region of the AWS calls. Default: the config's
  --endpoint-url <url>      another AWS endpoint (a local AWS such as moto), for testing
  -h, --help                show this help

Examples:
  npm run destroy -- --env dev
  npm run destroy -- --env dev --phases orchestration
  npm run destroy -- --env prod --confirm prod --delete-retained-data`;

export async function destroy(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      env: { type: 'string' },
      phases: { type: 'string', default: 'all' },
      confirm: { type: 'string' },
      'delete-retained-data': { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      assembly: { type: 'string' },
      region: { type: 'string' },
      'endpoint-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(HELP);
  const environment = values.env;
  if (!environment) throw new DeployInputError(`--env is required.\n\n${HELP}`);
  // The guard runs before the question, so a refused teardown never asks.
  const config = loadEnvironmentConfig(environment);
  checkDestroyAllowed(config, values.confirm);
  await requireCredentials('npm run destroy', values.region ?? config.region);
  if (!values.yes) await askToGoOn(environment, values.phases, values['delete-retained-data']);

  const report = await runDestroy({
    environment,
    phases: values.phases,
    confirm: values.confirm,
    deleteRetainedData: values['delete-retained-data'],
    source: values.assembly ? { assemblyDir: values.assembly } : undefined,
    target: { region: values.region, endpoint: values['endpoint-url'] },
  });
  console.log(
    report.destroyedStacks.length === 0
      ? `No stack of ${environment} was deployed.`
      : `Destroyed: ${report.destroyedStacks.join(', ')}.`,
  );
  if (report.unprotectedStacks.length > 0)
    console.log(`Termination protection lifted: ${report.unprotectedStacks.join(', ')}.`);
  if (report.deletedData.length > 0)
    console.log(`Deleted with their data: ${report.deletedData.join(', ')}.`);
  console.log(remainingText(report.remaining));
  if (report.failure) {
    console.error(describeFailure(report.failure));
    process.exitCode = 1;
  }
}

async function askToGoOn(environment: string, phases: string, deleteData: boolean): Promise<void> {
  if (!process.stdin.isTTY) {
    throw new DeployInputError(
      'Not in a terminal, so no one can confirm: add --yes to destroy without a question.',
    );
  }
  const what = `${phases === 'all' ? 'every stack' : `the ${phases} stacks (and those depending on them)`} of ${environment}`;
  const data = deleteData ? ', and delete its retained buckets and log groups with their data' : '';
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await prompt.question(
      `This will destroy ${what}${data}. Type "${environment}" to go on: `,
    );
    if (answer.trim() !== environment) throw new DeployInputError('Not confirmed: nothing was changed.');
  } finally {
    prompt.close();
  }
}
