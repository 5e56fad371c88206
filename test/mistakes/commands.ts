import { HELP as BOOTSTRAP, bootstrap } from '../../scripts/bootstrap/command.ts';
import { HELP as COST, cost } from '../../scripts/cost/command.ts';
import { HELP as DESTROY, destroy } from '../../scripts/destroy/command.ts';
import { HELP as DOCS, docs } from '../../scripts/docs/command.ts';
import { HELP as EVENTS, events } from '../../scripts/events/command.ts';
import { HELP as QUERY, query } from '../../scripts/query/command.ts';
import { HELP as REVIEW, review } from '../../scripts/review/command.ts';
import { HELP as SMOKE, smoke } from '../../scripts/smoke/command.ts';
import { HELP as SYNTH, synth } from '../../scripts/synth/command.ts';
import { HELP as TEMPLATE_INIT, templateInitCommand } from '../../scripts/template-init/command.ts';
import { assemblyDir } from '../assembly.ts';
import { runInProcess } from '../run-in-process.ts';

/** `npm run <script> -- <args>`, in process (test/run-in-process.ts), with no AWS settings of this machine. */
const npmRun =
  (HELP: string, main: (argv: string[]) => void | Promise<void>) =>
  (...args: string[]) =>
    runInProcess({ HELP, main }, args);

export const npm = {
  bootstrap: npmRun(BOOTSTRAP, bootstrap),
  cost: npmRun(COST, cost),
  destroy: npmRun(DESTROY, destroy),
  /** destroy and smoke with these variables (dummy credentials), to reach what comes after their credentials check. */
  destroyWith:
    (env: Record<string, string>) =>
    (...args: string[]) =>
      runInProcess({ HELP: DESTROY, main: destroy }, args, env),
  smokeWith:
    (env: Record<string, string>) =>
    (...args: string[]) =>
      runInProcess({ HELP: SMOKE, main: smoke }, args, env),
  docs: npmRun(DOCS, docs),
  events: npmRun(EVENTS, events),
  query: npmRun(QUERY, query),
  review: npmRun(REVIEW, review),
  smoke: npmRun(SMOKE, smoke),
  synth: npmRun(SYNTH, synth),
  templateInit: npmRun(TEMPLATE_INIT, templateInitCommand),
};

/** Credentials that resolve without reaching AWS; the mistakes fail before any call. */
export const DUMMY_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };

/** The cloud assembly the test run synthesized once, for commands that accept --assembly. */
export const assembly = (): string => assemblyDir();
