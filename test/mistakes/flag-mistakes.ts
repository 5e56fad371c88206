import path from 'node:path';
import { assembly, DUMMY_CREDENTIALS, npm } from './commands.ts';
import type { Mistake } from './mistake.ts';

const file = (dir: string, name: string) => path.join(dir, name);

/** Mistakes in the flags of each npm script. */
export const FLAG_MISTAKES: readonly Mistake[] = [
  // docs
  {
    name: 'docs --env naming an environment with no config file',
    run: () => npm.docs('--env', 'nosuchenv'),
    words: ['--env "nosuchenv"', 'no config/nosuchenv.json', 'dev, stage, prod', 'Nothing was written'],
  },
  {
    name: 'docs --env with a typo of an environment',
    run: () => npm.docs('--env', 'prd'),
    words: ['--env "prd"', 'did you mean prod?'],
  },
  {
    name: 'docs --env with upper-case letters',
    run: () => npm.docs('--env', 'DEV'),
    words: ['--env "DEV"', 'no config/DEV.json'],
  },
  {
    name: 'docs --env given a config file path',
    run: () => npm.docs('--env', 'config/dev.json'),
    words: ['--env "config/dev.json"', "pass the environment's name, e.g. --env dev"],
  },
  {
    name: 'docs --renderer with an unknown renderer',
    run: () => npm.docs('--renderer', 'chrome'),
    words: ['--renderer must be auto, mermaid-cli or embedded, not "chrome"'],
  },
  {
    name: 'docs with an unknown flag',
    run: () => npm.docs('--environment', 'dev'),
    words: ["Unknown option '--environment'", 'Usage: npm run docs'],
  },
  {
    name: 'docs --env without its value',
    run: () => npm.docs('--env'),
    words: ["Option '--env <value>' argument missing", 'Usage: npm run docs'],
  },
  {
    name: 'docs --outputs naming a file that does not exist',
    run: (dir) => npm.docs('--assembly', assembly(), '--outputs', file(dir, 'missing.json')),
    words: ['--outputs', 'missing.json: no such file or folder', 'cdk deploy --outputs-file'],
  },
  {
    name: 'docs --assembly naming a folder that does not exist',
    run: (dir) => npm.docs('--assembly', file(dir, 'nothing')),
    words: ['nothing'],
  },
  // synth
  {
    name: 'synth --out pointing at a file',
    files: { 'notes.txt': 'my notes\n' },
    run: (dir) => npm.synth('--out', file(dir, 'notes.txt')),
    words: ['--out', 'notes.txt: a file, not a folder', 'e.g. --out cdk.out', 'Nothing was written'],
  },
  {
    name: 'synth --out empty',
    run: () => npm.synth('--out', ''),
    words: ['--out is empty', 'pass a folder'],
  },
  {
    name: 'synth --env naming an environment with no config file',
    run: () => npm.synth('--env', 'qa'),
    words: ['--env "qa"', 'no config/qa.json', 'copy config/dev.json to config/qa.json'],
  },
  {
    name: 'synth with a positional argument',
    run: () => npm.synth('dev'),
    words: ["Unexpected argument 'dev'", 'Usage: npm run synth'],
  },
  // review
  {
    name: 'review --comment with an unknown behavior',
    run: () => npm.review('--comment', 'bogus', '--assembly', assembly()),
    words: ['--comment "bogus"', 'update, new, delete-and-new'],
  },
  {
    name: 'review --comment outside a pull-request workflow',
    run: () => npm.review('--comment', 'update', '--assembly', assembly()),
    words: ['--comment update', 'GITHUB_REPOSITORY is not set', 'pull_request'],
  },
  {
    name: 'review --env naming an environment with no config file',
    run: () => npm.review('--env', 'stg', '--assembly', assembly()),
    words: ['--env "stg"', 'no config/stg.json', 'did you mean'],
  },
  {
    name: 'review --compare-to naming a missing file',
    run: (dir) => npm.review('--compare-to', file(dir, 'base.json'), '--assembly', assembly()),
    words: ['base.json', 'no such file', 'npm run review -- --out'],
  },
  {
    name: 'review --compare-to naming a truncated review file',
    files: { 'base.json': '{"schemaVersion": 1, "estimate": {"totals": {"mon' },
    run: (dir) => npm.review('--compare-to', file(dir, 'base.json'), '--assembly', assembly()),
    words: ['base.json', 'expected JSON', 'perhaps cut short', 'npm run review -- --out'],
  },
  {
    name: 'review --compare-to naming a JSON file of something else',
    files: { 'base.json': '{"name": "not a review"}\n' },
    run: (dir) => npm.review('--compare-to', file(dir, 'base.json'), '--assembly', assembly()),
    words: ['base.json', 'npm run cost -- --format json'],
  },
  // cost
  {
    name: 'cost --format with an unknown format',
    run: () => npm.cost('--format', 'html', '--assembly', assembly()),
    words: ['--format', 'html'],
  },
  {
    name: 'cost --credits that is not a number',
    run: () => npm.cost('--credits', 'lots', '--assembly', assembly()),
    words: ['--credits', 'lots'],
  },
  {
    name: 'cost --env naming an environment with no config file',
    run: () => npm.cost('--env', 'nosuchenv', '--assembly', assembly()),
    words: ['nosuchenv'],
  },
  {
    name: 'cost --template naming a missing file',
    run: (dir) => npm.cost('--template', file(dir, 'template.json')),
    words: ['template.json'],
  },
  {
    name: 'cost --template and --assembly together',
    run: (dir) => npm.cost('--template', file(dir, 't.json'), '--assembly', assembly()),
    words: ['--template', '--assembly'],
  },
  {
    name: 'cost --compare-to naming a truncated estimate',
    files: { 'base.json': '{"totals": {"monthly": 1' },
    run: (dir) => npm.cost('--compare-to', file(dir, 'base.json'), '--assembly', assembly()),
    words: ['base.json', 'JSON'],
  },
  {
    name: 'cost --usage naming a missing file',
    run: (dir) => npm.cost('--usage', file(dir, 'usage.yml'), '--assembly', assembly()),
    words: ['usage.yml'],
  },
  // destroy
  {
    name: 'destroy without --env',
    run: () => npm.destroy('--yes'),
    words: ['--env is required', 'Usage: npm run destroy'],
  },
  {
    name: 'destroy --env naming an environment with no config file',
    run: () => npm.destroy('--env', 'nosuchenv', '--yes'),
    words: ['config/nosuchenv.json', 'no such file', 'Known environments: dev, stage, prod'],
  },
  {
    name: 'destroy prod without --confirm',
    run: () => npm.destroy('--env', 'prod', '--yes'),
    words: ['--confirm prod'],
  },
  {
    name: 'destroy without AWS credentials',
    run: () => npm.destroy('--env', 'dev', '--yes', '--assembly', assembly()),
    words: ['npm run destroy needs AWS credentials and found none', 'aws sso login', 'Nothing was changed'],
  },
  {
    name: 'destroy outside a terminal without --yes',
    run: () => npm.destroyWith(DUMMY_CREDENTIALS)('--env', 'dev', '--assembly', assembly()),
    words: ['Not in a terminal', '--yes'],
  },
  // events
  {
    name: 'events without a destination',
    run: () => npm.events('--count', '5'),
    words: ['--out', '--stream', '--api'],
  },
  {
    name: 'events --count that is not a number',
    run: (dir) => npm.events('--out', file(dir, 'e.jsonl'), '--count', 'many'),
    words: ['--count', 'many'],
  },
  {
    name: 'events --schema-version 3',
    run: (dir) => npm.events('--out', file(dir, 'e.jsonl'), '--schema-version', '3'),
    words: ['--schema-version', '3'],
  },
  {
    name: 'events --start that is not a time',
    run: (dir) => npm.events('--out', file(dir, 'e.jsonl'), '--start', 'yesterday'),
    words: ['--start', 'yesterday'],
  },
  {
    name: 'events --api without an API key',
    run: () => npm.events('--api', 'https://example.invalid/dev/events'),
    words: ['--api-key', 'EVENTS_API_KEY'],
  },
  // smoke
  {
    name: 'smoke without --env',
    run: () => npm.smoke(),
    words: ['--env'],
  },
  {
    name: 'smoke --events 0',
    run: () => npm.smoke('--env', 'dev', '--events', '0'),
    words: ['--events', '0'],
  },
  {
    name: 'smoke --ingest-timeout that is not a duration',
    run: () => npm.smoke('--env', 'dev', '--ingest-timeout', 'soon'),
    words: ['--ingest-timeout', 'soon'],
  },
  {
    name: 'smoke --env naming an environment with no config file',
    run: () => npm.smoke('--env', 'nosuchenv'),
    words: ['config/nosuchenv.json'],
  },
  // query
  {
    name: 'query without a query',
    run: () => npm.query(),
    words: ['--name', '--file', '--list'],
  },
  {
    name: 'query --name of a query that does not exist',
    run: () => npm.query('--name', 'top_citys_by_revenue'),
    words: ['top_citys_by_revenue'],
  },
  {
    name: 'query --file outside pipeline/sql',
    files: { 'q.sql': 'select 1;\n' },
    run: (dir) => npm.query('--file', file(dir, 'q.sql')),
    words: ['q.sql'],
  },
  {
    name: 'query --max-rows that is not a number',
    run: () => npm.query('--list', '--max-rows', 'all'),
    words: ['--max-rows', 'all'],
  },
  // bootstrap
  {
    name: 'bootstrap without --env',
    run: () => npm.bootstrap('--dry-run'),
    words: ['--env'],
  },
  {
    name: 'bootstrap --repository that is not owner/repo',
    run: () => npm.bootstrap('--env', 'dev', '--repository', 'just-a-name', '--dry-run'),
    words: ['--repository', 'just-a-name'],
  },
  {
    name: 'bootstrap --existing-provider-arn that is not an OIDC provider ARN',
    run: () =>
      npm.bootstrap(
        '--env',
        'dev',
        '--repository',
        'octo/repo',
        '--existing-provider-arn',
        'arn:nope',
        '--dry-run',
      ),
    words: ['--existing-provider-arn', 'arn:nope'],
  },
  // template-init
  {
    name: 'template-init --repository that is not owner/repo',
    run: (dir) => npm.templateInit('--repository', 'nope', '--root', dir, '--dry-run'),
    words: ['--repository: The repository must be given as OWNER/REPO', 'nope'],
  },
  {
    name: 'template-init --root naming a folder that does not exist',
    run: (dir) => npm.templateInit('--repository', 'octo/repo', '--root', file(dir, 'none'), '--dry-run'),
    words: ['none: no README.md and config/ there', "pass the repository's folder"],
  },
];
