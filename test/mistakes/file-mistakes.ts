import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runDocs } from '../../lib/docs/run-docs.ts';
import { assembly, DUMMY_CREDENTIALS, npm } from './commands.ts';
import { answer, type Mistake } from './mistake.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const USAGE = readFileSync(path.join(ROOT, 'config/usage/dev.yml'), 'utf8');

const BUCKET = { Type: 'AWS::S3::Bucket', Properties: {} };
const template = (resources: Record<string, unknown>) =>
  `${JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 2)}\n`;
/** Bytes of a small PNG-like binary file, zero bytes included. */
const BINARY = Uint8Array.from({ length: 21_000 }, (_, i) => (i * 37) % 256);

/** `npm run cost -- --template <dir>/<name>`, the command that reads plain templates. */
const priceTemplate = (name: string) => (dir: string) => npm.cost('--template', path.join(dir, name));

/** Mistakes in templates given to `npm run cost -- --template`. */
export const TEMPLATE_MISTAKES: readonly Mistake[] = [
  {
    name: 'a binary file given as a template',
    files: { 'diagram.png': BINARY },
    run: priceTemplate('diagram.png'),
    words: ['diagram.png: a binary file, not a template (a zero byte at offset 0)', 'JSON or YAML text'],
  },
  {
    name: 'a template saved as UTF-16',
    files: { 'template.yaml': Buffer.from('\uFEFFResources: {}\n', 'utf16le') },
    run: priceTemplate('template.yaml'),
    words: ['template.yaml: a binary file, not a template', 'UTF-8'],
  },
  {
    name: 'a template in Latin-1',
    files: { 'template.yaml': Buffer.from('Description: caf\xe9\nResources: {}\n', 'latin1') },
    run: priceTemplate('template.yaml'),
    words: ['template.yaml: not UTF-8 text, so not a template'],
  },
  {
    name: 'a circular Ref between two resources',
    files: {
      'cycle.json': template({
        A: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { Ref: 'B' } } },
        B: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::GetAtt': ['A', 'QueueName'] } } },
      }),
    },
    run: priceTemplate('cycle.json'),
    words: [
      'cycle.json: circular dependency between resources: A → B → A',
      'CloudFormation refuses',
      'not priced',
    ],
  },
  {
    name: 'a resource whose DependsOn names itself',
    files: { 'self.json': template({ Logs: { ...BUCKET, DependsOn: 'Logs' } }) },
    run: priceTemplate('self.json'),
    words: ['circular dependency between resources: Logs → Logs'],
  },
  {
    name: 'a cycle through Fn::Sub',
    files: {
      'sub.yaml': [
        'Resources:',
        '  Topic:',
        '    Type: AWS::SNS::Topic',
        '    Properties:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax.
        '      DisplayName: !Sub "${Queue.Arn}"',
        '  Queue:',
        '    Type: AWS::SQS::Queue',
        '    Properties:',
        '      QueueName: !Ref Topic',
        '',
      ].join('\n'),
    },
    run: priceTemplate('sub.yaml'),
    words: ['circular dependency between resources: Queue → Topic → Queue'],
  },
  {
    name: 'a template with a JSON syntax error',
    files: { 'broken.json': '{ "Resources": { "A": { "Type": "AWS::S3::Bucket" } }' },
    run: priceTemplate('broken.json'),
    words: ['broken.json:1:', 'invalid JSON'],
  },
  {
    name: 'a template without Resources',
    files: { 'empty.json': '{}\n' },
    run: priceTemplate('empty.json'),
    words: ['empty.json', 'Resources'],
  },
  {
    name: 'a YAML template with an unknown short tag',
    files: {
      'tag.yaml': 'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Reff X\n',
    },
    run: priceTemplate('tag.yaml'),
    words: ['tag.yaml', '!Reff'],
  },
  {
    name: 'a template whose resource has no Type',
    files: { 'notype.json': template({ A: { Properties: {} } }) },
    run: priceTemplate('notype.json'),
    words: ['notype.json', 'Type'],
  },
  {
    name: 'a folder given as a template',
    run: (dir) => npm.cost('--template', dir),
    words: ['this is a directory, not a template file'],
  },
];

/** Loads `text` as the usage file of a cost estimate of the synthesized assembly. */
const priceWithUsage = (dir: string) =>
  npm.cost('--assembly', assembly(), '--env', 'dev', '--usage', path.join(dir, 'usage.yml'));

const usage = (name: string, text: string, words: Mistake['words']): Mistake => ({
  name,
  files: { 'usage.yml': text },
  run: priceWithUsage,
  words,
});

/** Mistakes in config/usage/<env>.yml files. */
export const USAGE_MISTAKES: readonly Mistake[] = [
  usage(
    'usage file with a duplicate key',
    USAGE.replace('standardGb: 2', 'standardGb: 2\n    standardGb: 3'),
    ['usage.yml', 'valid YAML', 'unique'],
  ),
  usage('usage file with a tab indentation', USAGE.replace('    standardGb: 2', '\tstandardGb: 2'), [
    'usage.yml',
    'YAML',
  ]),
  usage('usage file with a negative quantity', USAGE.replace('standardGb: 2', 'standardGb: -2'), [
    'usage.yml',
    'standardGb',
    '-2',
  ]),
  usage('usage file with a quantity as text', USAGE.replace('standardGb: 2', 'standardGb: two'), [
    'usage.yml',
    'standardGb',
    'two',
  ]),
  usage('usage file with an unknown version', USAGE.replace('version: 1', 'version: 2'), [
    'usage.yml',
    '/version',
  ]),
  usage('usage file with a misspelled usage field', USAGE.replace('standardGb: 2', 'standardGB: 2'), [
    'usage.yml',
    'standardGB',
  ]),
  usage('usage file that is a list', '- 1\n- 2\n', ['usage.yml', 'object']),
  usage('usage file cut short', USAGE.slice(0, USAGE.indexOf('foundation/DataLake/Raw:') + 30), [
    'usage.yml',
  ]),
];

/** runDocs on a folder holding `README.md` (and nothing else of the repository). */
const docsIn = (dir: string) =>
  answer(() => runDocs({ root: dir, assemblyDir: assembly(), renderer: 'embedded' }));

const readme = (name: string, text: string, words: Mistake['words']): Mistake => ({
  name,
  files: { 'README.md': text },
  run: docsIn,
  words,
});

const replaced = (from: string, to: string) => {
  if (!README.includes(from)) throw new Error(`README.md has no ${from}`);
  return README.replace(from, to);
};

/** Damaged region markers in README.md. */
export const MARKER_MISTAKES: readonly Mistake[] = [
  readme('README with an END marker deleted', replaced('<!-- END GENERATED: cost -->', ''), [
    'README.md',
    'region "cost"',
    'Nothing was written',
  ]),
  readme('README with a BEGIN marker deleted', replaced('<!-- BEGIN GENERATED: cost -->', ''), [
    'README.md: line',
    '"END GENERATED: cost" without its BEGIN',
    'Nothing was written',
  ]),
  readme(
    'README with a region pasted twice',
    `${README}\n<!-- BEGIN GENERATED: cost -->\n<!-- END GENERATED: cost -->\n`,
    ['region "cost" appears twice; keep one', 'Nothing was written'],
  ),
  readme(
    'README with an END marker renamed',
    replaced('<!-- END GENERATED: cost -->', '<!-- END GENERATED: costs -->'),
    ['"END GENERATED: costs" without its BEGIN', '(region "cost" is open)', 'Nothing was written'],
  ),
  readme(
    'README with a region started inside another',
    replaced('<!-- END GENERATED: cost -->', '<!-- BEGIN GENERATED: notes -->\n<!-- END GENERATED: cost -->'),
    ['region "notes" starts inside region "cost"', 'Nothing was written'],
  ),
];

const outputsFile = (name: string, text: string, words: Mistake['words']): Mistake => ({
  name,
  files: { 'dev.json': text },
  run: (dir) => npm.docs('--assembly', assembly(), '--outputs', path.join(dir, 'dev.json')),
  words,
});

/** Mistakes in cdk deploy --outputs-file files. */
export const OUTPUTS_MISTAKES: readonly Mistake[] = [
  outputsFile('outputs file cut short', '{"launchpad-dev-foundation": {"RawBucketName": "launch', [
    'dev.json: not valid JSON',
    'perhaps cut short',
    'npx cdk deploy --outputs-file',
  ]),
  outputsFile('outputs file that is empty', '', [
    'dev.json: not valid JSON',
    'npx cdk deploy --outputs-file',
  ]),
  outputsFile('outputs file that is a list', '[]\n', [
    'dev.json: expected an object of stack names, found an array of 0',
  ]),
  outputsFile('outputs file whose stack holds a string', '{"launchpad-dev-foundation": "x"}\n', [
    'stack "launchpad-dev-foundation" should map output names to values, found string "x"',
  ]),
  outputsFile('outputs file of YAML', 'launchpad-dev-foundation:\n  RawBucketName: x\n', [
    'dev.json: not valid JSON',
  ]),
  {
    name: 'smoke --outputs naming a truncated outputs file',
    files: { 'dev.json': '{"launchpad-dev-ingestion": {' },
    run: (dir) => npm.smokeWith(DUMMY_CREDENTIALS)('--env', 'dev', '--outputs', path.join(dir, 'dev.json')),
    words: ['dev.json: not valid JSON', 'npx cdk deploy --outputs-file'],
  },
];
