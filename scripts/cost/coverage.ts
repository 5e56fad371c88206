// What `npm run cost:coverage` does (scripts/cost-coverage.ts runs it): how much of a folder of templates the
// cost engine prices or knows to be free. Apart from its entry so that tests call it in process.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../../lib/config/input-error.ts';
import { coverageText, measureCoverage } from '../../lib/cost/coverage.ts';

export const HELP = `Usage: npm run cost:coverage -- <folder> [--region <name>] [--top <n>] [--json]

Runs the cost estimator over every CloudFormation or SAM template (.json, .yaml, .yml, .template) under a
folder and prints: templates read, resources, the share priced or declared free, the share of templates
fully covered, and the types left unpriced, most frequent first. A template that cannot be read is counted
and listed with its error; files without a Resources section (package.json, buildspecs) are skipped. A Rain
template that cannot be read (!Rain::Embed tags, Rain::Module types) is no CloudFormation until rain pkg
packs it: it is listed apart and not counted among the templates.

  --region <name>   region to price in. Default: us-east-1 (a region needs a catalog: npm run prices:refresh)
  --top <n>         how many unpriced types to list. Default: 25
  --json            the whole report as JSON instead of text
  -h, --help        show this help`;

export async function coverage(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      region: { type: 'string' },
      top: { type: 'string', default: '25' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(HELP);
  const folder = positionals[0];
  if (!folder || positionals.length > 1)
    throw new InputError(`give one folder of templates, e.g. npm run cost:coverage -- templates/\n\n${HELP}`);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new InputError(`${folder}: no such folder; give a folder that holds CloudFormation templates.`);
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 0)
    throw new InputError(`--top must be a whole number, not "${values.top}"`);
  const report = measureCoverage(path.resolve(folder), {
    region: values.region,
    onProgress: (done, total) => {
      if (done === total || done % 50 === 0) console.error(`Read ${done} of ${total} templates ...`);
    },
  });
  console.log(values.json ? JSON.stringify(report, null, 2) : coverageText(report, top));
}
