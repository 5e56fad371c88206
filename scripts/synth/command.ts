// What `npm run synth` does (scripts/synth.ts runs it): synthesize every environment offline and print one
// line per stack. Apart from its entry so that tests call it in process.
import { parseArgs } from 'node:util';
import { FINDINGS_HINT, formatFinding } from '../../infra/nag/validation-findings.ts';
import { type StackSummary, synthesize } from '../../infra/synthesize.ts';
import { checkEnvironmentExists, checkOutputFolder } from '../../lib/config/input-error.ts';
import { listEnvironments } from '../../lib/config/load-config.ts';

export const HELP = `Usage: npm run synth -- [--env <name>]... [--out <dir>]

Synthesizes the CDK app into a cloud assembly with no AWS credentials and no network, runs cdk-nag's
AwsSolutions checks and CloudFormation validation, and prints one line per stack. Exits 1 on any
unacknowledged error.

  --env <name>   environment to synthesize (config/<name>.json); repeat for several. Default: all
  --out <dir>    cloud assembly directory. Default: cdk.out
  -h, --help     show this help

Deploy what it wrote with: npx cdk deploy --app cdk.out 'dev/*'   (needs AWS credentials)`;

export function synth(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      env: { type: 'string', multiple: true },
      out: { type: 'string', default: 'cdk.out' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(HELP);
  const known = listEnvironments();
  for (const env of values.env ?? []) checkEnvironmentExists(env, '--env', known);
  checkOutputFolder('--out', values.out, 'cdk.out');
  const environments = values.env ?? known;
  console.log(`Synthesizing ${environments.join(', ')} into ${values.out} (offline) ...`);
  const started = performance.now();
  const result = synthesize({ environments: values.env, outdir: values.out });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  for (const stack of result.stacks) console.log(stackLine(stack));
  const errors = result.stacks.flatMap((s) => s.errors);
  const warnings = result.stacks.flatMap((s) => s.warnings);
  for (const finding of [...errors, ...warnings]) console.log(`  ${formatFinding(finding)}`);
  console.log(
    `${result.stacks.length} stacks in ${seconds} s: ${errors.length} errors, ${warnings.length} warnings.`,
  );
  if (errors.length > 0) {
    console.error(FINDINGS_HINT);
    process.exitCode = 1;
  }
}

function stackLine(stack: StackSummary): string {
  const nag = `${stack.errors.length} nag errors, ${stack.warnings.length} warnings`;
  return `${stack.path.padEnd(22)} ${stack.stackName.padEnd(32)} ${String(stack.resources).padStart(3)} resources  ${nag}`;
}
