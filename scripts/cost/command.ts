// What `npm run cost` does (scripts/cost.ts runs it): the monthly cost estimate of the templates, offline, as
// Markdown or JSON; or a diff; or, with --actual, the estimate beside the real bill. Apart from its entry so that
// tests call it in process.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnvironmentConfig } from '../../lib/config/load-config.ts';
import type { Estimate } from '../../lib/cost/estimate/estimate-types.ts';
import { COST_MODELS } from '../../lib/cost/models/index.ts';
import { diffMarkdown } from '../../lib/cost/report/diff-markdown.ts';
import { estimateMarkdown } from '../../lib/cost/report/estimate-markdown.ts';
import { runCost } from '../../lib/cost/run-cost.ts';
import { type PlanCostRequest, runPlanCost } from '../../lib/cost/terraform/plan-cost.ts';
import { planMarkdown, terraformPlanMarker } from '../../lib/cost/terraform/plan-markdown.ts';
import { DEFAULT_USAGE_DIR } from '../../lib/cost/usage/usage-file.ts';
import { usageSchema } from '../../lib/cost/usage/usage-schema.ts';

export const HELP = `Usage: npm run cost -- [--env <name>]... [--template <file> | --assembly <dir>] [--usage <file>]
                       [--format md|json] [--out <file>] [--compare-to <base.json>] [--credits <usd>]
       npm run cost -- --terraform-plan <plan.json> [--env <workspace>] [--format md|json] [--comment]
       npm run cost -- --actual --env <name> [--assembly <dir>] [--format md|json] [--out <file>]

Estimates what the stacks cost per month, offline, from a bundled AWS price snapshot: per environment,
phase, service and resource, before and after the always-free allowances, and idle (deployed with no
traffic). Without --template or --assembly it synthesizes the CDK app into cdk.out first.

  --env <name>          environment to price; repeat for several. Default: all
  --template <file>     price a plain CloudFormation template (JSON or YAML, SAM too) instead
  --region <name>       region of a plain template, which names none. Default: us-east-1 (for a
                        Terraform plan: config/<workspace>.json's, as terraform/'s provider reads it)
  --assembly <dir>      price an existing cloud assembly (e.g. cdk.out) instead of synthesizing
  --usage <file>        usage file for every environment. Default: config/usage/<env>.yml when present
  --format md|json      Markdown (default) or JSON (schema: lib/cost/estimate/estimate.schema.json)
  --out <file>          write to a file instead of standard output
  --compare-to <file>   a base estimate (JSON of an earlier run): print what changes, as for a pull request
  --credits <usd>       Free-plan credits to spread over the bill. Default: 100
  --terraform-plan <f>  price a Terraform plan instead: the JSON of \`terraform show -json plan.tfplan\`,
                        what it adds, changes and destroys and what that does to the monthly cost, with
                        the same cost models (the workspace from --env, else the plan's environment variable)
  --comment             with --terraform-plan in a pull request's workflow: post the result as the
                        workspace's plan comment, kept up to date (needs GITHUB_TOKEN)
  --actual              with AWS credentials: the environment's estimate beside its real bill (Cost Explorer:
                        month to date and last month, per service, for resources tagged project and
                        environment). Each Cost Explorer request costs $0.01; answers are cached for the day
                        in .cache/cost-explorer/<env>-<date>.json, so a second run that day makes none
  --write-usage-schema  regenerate config/usage/schema.json from the cost models, then exit
  -h, --help            show this help

Prices of other regions: npm run prices:refresh -- --region <region> (no credentials: it reads the public offer files).
--actual needs ce:GetCostAndUsage and ce:ListCostAllocationTags, and the project and environment tags active
as cost-allocation tags (Billing console → Cost allocation tags); it says so when they are not.`;

/** Runs `npm run cost` with its arguments; a bad argument throws a TypeError with a code ERR_PARSE_ARGS_*. */
export async function cost(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      env: { type: 'string', multiple: true },
      template: { type: 'string' },
      region: { type: 'string' },
      assembly: { type: 'string' },
      usage: { type: 'string' },
      format: { type: 'string', default: 'md' },
      out: { type: 'string' },
      'compare-to': { type: 'string' },
      credits: { type: 'string', default: '100' },
      'terraform-plan': { type: 'string' },
      comment: { type: 'boolean', default: false },
      'write-usage-schema': { type: 'boolean' },
      actual: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(HELP);
  if (values['write-usage-schema']) {
    const file = path.join(DEFAULT_USAGE_DIR, 'schema.json');
    writeFileSync(file, `${JSON.stringify(usageSchema(COST_MODELS), null, 2)}\n`);
    return console.log(`Wrote ${path.relative(process.cwd(), file)}`);
  }
  if (values.format !== 'md' && values.format !== 'json')
    throw usage(`--format must be md or json, not "${values.format}"`);
  const credits = Number(values.credits);
  if (!Number.isFinite(credits) || credits < 0)
    throw usage(`--credits must be an amount in US dollars, not "${values.credits}"`);

  if (values['terraform-plan']) {
    if (values.template || values.assembly || values['compare-to'])
      throw usage(
        '--terraform-plan prices a plan on its own: leave out --template, --assembly and --compare-to',
      );
    if ((values.env?.length ?? 0) > 1) throw usage('--terraform-plan is of one workspace: give --env once');
    return terraformPlanCost(values['terraform-plan'], {
      environment: values.env?.[0],
      region: values.region,
      usageFile: values.usage,
      creditsUsd: credits,
      format: values.format,
      out: values.out,
      comment: values.comment,
    });
  }
  if (values.comment) throw usage("--comment posts a Terraform plan's cost: use it with --terraform-plan");
  if (values.actual) {
    if (values.env?.length !== 1 || values.template || values['compare-to'])
      throw usage(
        '--actual compares one environment: pass exactly one --env (e.g. --env dev), and no --template or --compare-to',
      );
    // Before the synth, which takes seconds: a machine without credentials learns it at once.
    const { requireCredentials } = await import('../aws-credentials.ts');
    await requireCredentials('npm run cost -- --actual', 'us-east-1');
  }

  let assembly = values.assembly;
  if (!assembly && !values.template) {
    console.error(`Synthesizing ${values.env?.join(', ') ?? 'every environment'} into cdk.out (offline) ...`);
    // Imported only here: loading the CDK app takes seconds, and pricing needs none of it.
    const { synthesizeTemplates } = await import('../../infra/synthesize.ts');
    assembly = synthesizeTemplates({ environments: values.env, outdir: 'cdk.out' }).assemblyDir;
  }
  const { estimate, diff } = runCost({
    environments: values.env,
    template: values.template,
    region: values.region,
    assembly,
    usageFile: values.usage,
    compareTo: values['compare-to'],
    creditsUsd: credits,
    onProgress: (line) => console.error(line),
  });
  if (values.actual) return writeActual(values.env?.[0] ?? '', estimate, values.format, values.out);
  const output =
    values.format === 'json'
      ? `${JSON.stringify(diff ? { diff, estimate } : estimate, null, 2)}\n`
      : diff
        ? diffMarkdown(diff, estimate)
        : estimateMarkdown(estimate);
  writeOutput(output, values.out);
  const notPriced = estimate.notPriced.reduce((n, t) => n + t.count, 0);
  console.error(
    `Total ${usdText(estimate.totals.monthly)}/month after always-free allowances (${usdText(estimate.totals.monthlyBeforeFreeTier)} before), idle ${usdText(estimate.totals.idle)}/month` +
      (notPriced > 0 ? `; ${notPriced} resources not priced (listed in the output)` : ''),
  );
  for (const warning of estimate.warnings) console.error(`warning: ${warning}`);
}

/** `--terraform-plan`: the plan's summary and cost, written out and, with --comment, posted to the pull request. */
async function terraformPlanCost(
  planFile: string,
  options: Omit<PlanCostRequest, 'planFile'> & { format: 'md' | 'json'; out?: string; comment: boolean },
): Promise<void> {
  const result = runPlanCost({ planFile, ...options });
  const markdown = planMarkdown(result);
  const output = options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : markdown;
  writeOutput(output, options.out);
  const { add, change, destroy } = result.summary;
  const notPriced = result.estimate.notPriced.reduce((n, t) => n + t.count, 0);
  console.error(
    `Plan of ${result.environment}: ${add} to add, ${change} to change, ${destroy} to destroy; monthly cost ${usdText(result.diff.totals.base.monthly)} → ${usdText(result.diff.totals.head.monthly)} after always-free allowances` +
      (notPriced > 0
        ? `; ${notPriced} resources not priced (${result.estimate.notPriced.map((t) => t.type).join(', ')})`
        : ''),
  );
  if (!options.comment) return;
  // Loaded only to comment: the GitHub client is most of what a start of this command would otherwise load.
  const { publishCostComment, pullRequestFromEnvironment } = await import(
    '../../lib/cost/publish-comment.ts'
  );
  const posted = await publishCostComment(
    markdown,
    pullRequestFromEnvironment(),
    'update',
    terraformPlanMarker(result.environment),
  );
  console.error(
    `Plan comment ${posted.action}${posted.url ? `: ${posted.url}` : posted.reason ? ` (${posted.reason})` : ''}`,
  );
}

/** The estimate beside the bill of one environment, from Cost Explorer or the day's cache. */
async function writeActual(
  environment: string,
  estimate: Estimate,
  format: string,
  out?: string,
): Promise<void> {
  // Imported only here: the Cost Explorer client would slow every offline run.
  const { readActualCost, COST_PER_REQUEST_USD } = await import('../../lib/cost/actual/read-actual-cost.ts');
  const { actualCostMarkdown } = await import('../../lib/cost/actual/actual-cost-markdown.ts');
  const { project } = loadEnvironmentConfig(environment);
  const result = await readActualCost({ environment, project, onProgress: (line) => console.error(line) });
  const output =
    format === 'json'
      ? `${JSON.stringify({ ...result, cacheFile: path.relative(process.cwd(), result.cacheFile) }, null, 2)}\n`
      : actualCostMarkdown(result.actual, estimate, result);
  writeOutput(output, out);
  console.error(
    result.fromCache
      ? `Cost Explorer: no request made (read ${path.relative(process.cwd(), result.cacheFile)}, fetched ${result.actual.fetchedOn}).`
      : `Cost Explorer: ${result.requests} request(s) at $${COST_PER_REQUEST_USD.toFixed(2)} each ($${(result.requests * COST_PER_REQUEST_USD).toFixed(2)}); cached in ${path.relative(process.cwd(), result.cacheFile)} for the rest of the day.`,
  );
}

/** The report, to `--out` when given (saying so on stderr), else to standard output. */
function writeOutput(output: string, out: string | undefined): void {
  if (out) {
    writeFileSync(out, output);
    console.error(`Wrote ${out}`);
  } else {
    process.stdout.write(output);
  }
}

function usage(message: string): Error {
  return Object.assign(new TypeError(message), { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' });
}

const usdText = (n: number) => `$${n.toFixed(2)}`;
