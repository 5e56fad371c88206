// What `npm run docs` does (scripts/docs.ts runs it), the main job: synth (offline) → inventory → cost →
// diagrams → README and docs/. Apart from its entry so that tests call it in process.

import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkEnvironmentExists } from '../../lib/config/input-error.ts';
import { listEnvironments } from '../../lib/config/load-config.ts';
import { refreshCommand } from '../../lib/cost/catalog/missing-prices.ts';
import { warmUpLayouts } from '../../lib/diagram/picture/elk-pool.ts';
import { warmUpGraphs } from '../../lib/diagram/picture/warm-up.ts';
import { runDocs } from '../../lib/docs/run-docs.ts';

export const HELP = `Usage: npm run docs -- [--env <name>] [--renderer auto|mermaid-cli|embedded] [--assembly <dir>] [--outputs <path>]
                       [--actual-cost <file>]

Regenerates what the repository says about itself, offline and without AWS credentials:
  - docs/diagrams/: the architecture as Mermaid, SVG, PNG and draw.io (overview and one per phase), the
    pictures drawn with AWS Architecture Icons by our own layout (no browser);
  - docs/architecture.md, docs/cost.md, docs/portfolio.md, docs/phases/<phase>.md;
  - the generated regions of README.md (between <!-- BEGIN GENERATED: x --> and <!-- END GENERATED: x -->).
Text outside the generated regions is never touched; a line written inside one since the last commit is
moved to just after it, with a warning; a run that changes nothing writes no byte.

  --env <name>        environment the diagrams show. Default: config/diagram.json's "environment"
  --renderer <name>   auto (default: the pictures with AWS icons), or draw the SVG and PNG from the
                      Mermaid text instead: mermaid-cli (the mermaid.js GitHub uses, needs Chrome/Chromium)
                      or embedded (beautiful-mermaid, no browser)
  --assembly <dir>    use an existing cloud assembly instead of synthesizing into cdk.out (the templates
                      alone: npm run synth runs cdk-nag's and CloudFormation's checks)
  --outputs <path>    cdk deploy --outputs-file results (a file or a folder). Default: cdk-outputs/
  --actual-cost <file>  the JSON of npm run cost -- --actual --env <name> --format json: the real bill,
                      shown beside the estimate in docs/cost.md (the docs workflow passes it when the
                      environment is deployed and AWS credentials are set). Default: ACTUAL_COST_FILE,
                      else none
  -h, --help          show this help`;

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Runs `npm run docs` with its arguments; a bad argument throws a TypeError with a code ERR_PARSE_ARGS_*. */
export async function docs(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      env: { type: 'string' },
      renderer: { type: 'string', default: 'auto' },
      assembly: { type: 'string' },
      outputs: { type: 'string' },
      'actual-cost': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(HELP);
  const renderer = values.renderer;
  if (renderer !== 'auto' && renderer !== 'mermaid-cli' && renderer !== 'embedded') {
    throw Object.assign(
      new TypeError(`--renderer must be auto, mermaid-cli or embedded, not "${renderer}"`),
      {
        code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
      },
    );
  }
  // Before synthesizing: a mistyped name would take seconds to report, and must never reach the writes.
  if (values.env !== undefined) checkEnvironmentExists(values.env, '--env');
  const started = performance.now();
  const line = (step: string, ms: number, detail: string) =>
    console.log(`${step.padEnd(10)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${detail}`);

  let assemblyDir = values.assembly ? path.resolve(values.assembly) : '';
  if (!assemblyDir) {
    const synthStarted = performance.now();
    // elkjs loads and warms up in its own process at the lowest priority while the synthesis runs, on
    // the CPU the synthesis leaves idle: the pictures are laid out warm as soon as the graph exists.
    if (renderer === 'auto') warmUpLayouts(warmUpGraphs());
    // Imported only here: loading the CDK app takes seconds, and a given assembly needs none of it.
    // The templates alone: the docs read nothing of cdk-nag's or CloudFormation's checks, which take
    // about as long as the rest of the synthesis; npm run synth runs them.
    const { synthesizeTemplates } = await import('../../infra/synthesize.ts');
    const synthesis = synthesizeTemplates({ outdir: path.join(ROOT, 'cdk.out') });
    assemblyDir = synthesis.assemblyDir;
    line(
      'synth',
      performance.now() - synthStarted,
      `${listEnvironments().join(', ')}: ${synthesis.stacks.length} stacks (checked by npm run synth)`,
    );
  }
  const result = await runDocs({
    root: ROOT,
    assemblyDir,
    environment: values.env,
    renderer,
    outputs: values.outputs,
    actualCostFile: values['actual-cost'] || process.env.ACTUAL_COST_FILE || undefined,
    onStep: line,
    onProgress: (text) => console.log(`           ${text}`),
  });

  const written = result.files.filter((f) => f.result === 'written').map((f) => f.path);
  console.log(`\n${result.diagramNote}`);
  for (const warning of result.warnings) console.log(`warning: ${warning}`);
  const cost =
    result.missingPrices.length > 0
      ? `Cost not estimated: no prices bundled for ${result.missingPrices.join(', ')}; fetch them with ${result.missingPrices.map(refreshCommand).join(' and ')}.`
      : `Cost: $${result.totals.monthly.toFixed(2)}/month, idle $${result.totals.idle.toFixed(2)}.`;
  console.log(
    `Docs ${written.length ? `written: ${written.join(', ')}` : 'unchanged'} ` +
      `(${((performance.now() - started) / 1000).toFixed(1)} s). ${cost}`,
  );
}
