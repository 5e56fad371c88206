import { docs, HELP } from '../../scripts/docs/command.ts';
import { runInProcess } from '../run-in-process.ts';
import type { Mistake } from './mistake.ts';

const npmRunDocs = (...args: string[]) => runInProcess({ HELP, main: docs }, args);

/** Mistakes in `npm run docs`'s flags. */
export const DOCS_MISTAKES: readonly Mistake[] = [
  {
    name: 'docs --env naming an environment with no config file',
    run: () => npmRunDocs('--env', 'nosuchenv'),
    words: ['--env "nosuchenv"', 'no config/nosuchenv.json', 'dev, stage, prod', 'Nothing was written'],
  },
  {
    name: 'docs --env with a typo of an environment',
    run: () => npmRunDocs('--env', 'prd'),
    words: ['--env "prd"', 'did you mean prod?'],
  },
  {
    name: 'docs --env with upper-case letters',
    run: () => npmRunDocs('--env', 'DEV'),
    words: ['--env "DEV"', 'no config/DEV.json'],
  },
  {
    name: 'docs --env given twice as a path',
    run: () => npmRunDocs('--env', 'config/dev.json'),
    words: ['--env "config/dev.json"', 'environments: dev, stage, prod'],
  },
];
