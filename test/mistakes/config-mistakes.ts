import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG_DIR, loadEnvironmentConfig } from '../../lib/config/load-config.ts';
import { loadDiagramConfig } from '../../lib/diagram/diagram-config.ts';
import { configDirWith } from '../config-fixtures.ts';
import { answer, type Mistake } from './mistake.ts';

const DEV = readFileSync(path.join(DEFAULT_CONFIG_DIR, 'dev.json'), 'utf8');

/** The dev config with `from` replaced by `to` (text, so that mistakes of syntax can be made too). */
const edited = (from: string, to: string): string => {
  if (!DEV.includes(from)) throw new Error(`config/dev.json has no ${from}`);
  return DEV.replace(from, to);
};

/** Loads `text` as config/<name>.json of a config folder holding the real schema, as every command does. */
const loadConfig =
  (text: string, name = 'dev') =>
  () =>
    answer(() => loadEnvironmentConfig(name, configDirWith({ [`${name}.json`]: text })));

/** Writes `text` as diagram.json in the mistake's folder and loads it. */
const loadDiagram = (text: string) => (dir: string) =>
  answer(() => {
    const file = path.join(dir, 'diagram.json');
    writeFileSync(file, text);
    return loadDiagramConfig(file);
  });

const mistake = (name: string, text: string, words: Mistake['words'], status = 1): Mistake => ({
  name,
  run: loadConfig(text),
  words,
  status,
});

/** Mistakes in config/<env>.json and config/diagram.json. */
export const CONFIG_MISTAKES: readonly Mistake[] = [
  mistake('config with a byte-order mark (accepted)', `\uFEFF${DEV}`, [], 0),
  mistake(
    'config with a duplicate top-level key',
    edited('"region": "us-east-1",', '"region": "us-east-1",\n  "region": "eu-west-1",'),
    ['dev.json:7:3 /region', 'expected "region" once in its object', 'first on line 6', 'line 6 or line 7'],
  ),
  mistake('config with a duplicate nested key', edited('"dms": false,', '"dms": false,\n    "dms": true,'), [
    '/costlyServices/dms',
    'first on line 20',
  ]),
  mistake('config region us-east-9', edited('"us-east-1"', '"us-east-9"'), [
    '/region: expected an AWS region, found string "us-east-9", which AWS does not have',
    'Did you mean "us-east-1"?',
  ]),
  mistake('config region that AWS does not have, far from any', edited('"us-east-1"', '"xx-nowhere-1"'), [
    '/region',
    'xx-nowhere-1',
    'lib/config/aws-regions.ts',
  ]),
  mistake('config region in upper case', edited('"us-east-1"', '"US-EAST-1"'), ['/region', 'US-EAST-1']),
  mistake('config region as an availability zone', edited('"us-east-1"', '"us-east-1a"'), [
    '/region',
    'us-east-1a',
  ]),
  mistake(
    'config with a trailing comma',
    edited('"encryption": "s3-managed",', '"encryption": "s3-managed",,'),
    ['dev.json:9', 'not valid JSON'],
  ),
  mistake('config with a comment', edited('"iamUsers": [],', '"iamUsers": [], // none yet'), [
    'dev.json:10',
    'no comment',
  ]),
  mistake('config cut short', DEV.slice(0, 300), ['dev.json', 'expected', 'the end of the file']),
  mistake('config that is empty', '', ['dev.json', 'the end of the file']),
  mistake('config that is an array', '[]\n', ['dev.json', '(document)', 'object']),
  mistake('config with single quotes', edited('"owner"', "'owner'"), ['dev.json:4', 'not valid JSON']),
  mistake('config without its region', edited('"region": "us-east-1",\n', ''), [
    'the required key "region"',
    'AWS region to deploy to',
  ]),
  mistake('config with a misspelled key', edited('"logRetentionDays"', '"logRetentionDay"'), [
    'logRetentionDay',
    'logRetentionDays',
  ]),
  mistake('config with a number as a string', edited('"logRetentionDays": 7', '"logRetentionDays": "7"'), [
    '/logRetentionDays',
    'string "7"',
  ]),
  mistake(
    'config with a log retention CloudWatch does not offer',
    edited('"logRetentionDays": 7', '"logRetentionDays": 8'),
    ['/logRetentionDays', '8'],
  ),
  mistake('config with an alarm e-mail that is not one', edited('alerts@example.com', 'alerts-at-example'), [
    '/alarmEmail',
    'alerts-at-example',
  ]),
  mistake(
    'config with an unknown phase',
    edited('"delivery": true', '"delivery": true,\n    "capstone": true'),
    ['/phases', 'capstone'],
  ),
  mistake('config with a phase switch as a string', edited('"analytics": true', '"analytics": "yes"'), [
    '/phases/analytics',
    '"yes"',
  ]),
  mistake(
    'config with a removal policy that does not exist',
    edited('"removalPolicy": "destroy"', '"removalPolicy": "delete"'),
    ['/removalPolicy', '"delete"'],
  ),
  mistake('config with a negative budget', edited('"monthlyLimitUsd": 25', '"monthlyLimitUsd": -5'), [
    '/budget/monthlyLimitUsd',
    '-5',
  ]),
  mistake(
    'config moving data to Glacier before Standard-IA allows',
    edited('"transitionToGlacierInstantRetrievalDays": 90', '"transitionToGlacierInstantRetrievalDays": 40'),
    ['/lifecycle/transitionToGlacierInstantRetrievalDays', 'a number >= 60', 'found number 40'],
  ),
  {
    name: 'config file named with upper-case letters',
    run: loadConfig(DEV, 'Dev'),
    words: ['Dev.json', 'an environment name of 2 to 10 lower-case letters', 'rename the file'],
  },
  {
    name: 'diagram settings naming an environment with no config file',
    run: loadDiagram('{ "environment": "qa" }\n'),
    words: [
      'diagram.json',
      '/environment',
      'an environment with a config file (dev, stage, prod)',
      'string "qa"',
    ],
  },
  {
    name: 'diagram settings with a key twice',
    run: loadDiagram('{\n  "environment": "dev",\n  "environment": "prod"\n}\n'),
    words: ['diagram.json:3:3 /environment', 'expected "environment" once in its object', 'first on line 2'],
  },
];
