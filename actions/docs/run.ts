import { execFileSync } from 'node:child_process';
import * as core from '@actions/core';
import { runDocs } from '../../lib/docs/run-docs.ts';
import { writeJobSummary } from '../../lib/github/job-summary.ts';
import { assemblyInput } from '../assembly-input.ts';

const RENDERERS = ['auto', 'mermaid-cli', 'embedded'] as const;
type Renderer = (typeof RENDERERS)[number];

/** The docs action: regenerate the docs in the checkout and say what changed; optionally commit it. */
export async function run(): Promise<void> {
  try {
    const root = process.env.GITHUB_WORKSPACE || process.cwd();
    const renderer = (core.getInput('renderer') || 'auto') as Renderer;
    if (!RENDERERS.includes(renderer)) {
      throw new Error(`Input renderer is "${renderer}": use ${RENDERERS.join(', ')}.`);
    }
    const commit = core.getBooleanInput('commit');
    const result = await runDocs({
      root,
      assemblyDir: await assemblyInput(),
      environment: core.getInput('environment') || undefined,
      renderer,
      // Set by the docs workflow's step when it fetched the environment's real bill (docs/cost.md shows it).
      actualCostFile: process.env.ACTUAL_COST_FILE || undefined,
      onStep: (step, ms, detail) =>
        core.info(`${step.padEnd(10)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${detail}`),
      onProgress: (line) => core.info(`           ${line}`),
    });
    for (const warning of result.warnings) core.warning(warning);
    const written = result.files.filter((f) => f.result === 'written').map((f) => f.path);
    core.info(result.diagramNote);
    core.setOutput('changed', String(written.length > 0));
    core.setOutput('files', JSON.stringify(written));
    core.setOutput('monthly-cost', result.totals.monthly.toFixed(2));

    let sha = '';
    if (commit && written.length > 0) sha = commitDocs(root, written);
    core.setOutput('commit-sha', sha);
    await writeJobSummary(
      [
        '## Docs',
        written.length
          ? `Regenerated ${written.length} file${written.length === 1 ? '' : 's'}${sha ? ` in ${sha.slice(0, 7)}` : ''}:\n\n${written.map((f) => `- \`${f}\``).join('\n')}`
          : 'Already up to date: no file changed.',
        '',
        `Monthly cost estimate: **$${result.totals.monthly.toFixed(2)}** (idle $${result.totals.idle.toFixed(2)}). ${result.diagramNote}`,
      ].join('\n'),
    );
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Commits the regenerated files as the Actions bot; pushing is the workflow's call. Files rewritten to what
 * the last commit already holds make no commit (empty string).
 */
function commitDocs(root: string, files: readonly string[]): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  if (!git('status', '--porcelain', '--', ...files)) return '';
  const source = (process.env.GITHUB_SHA ?? git('rev-parse', 'HEAD')).slice(0, 7);
  git('add', '--', ...files);
  git(
    '-c',
    'user.name=github-actions[bot]',
    '-c',
    'user.email=41898282+github-actions[bot]@users.noreply.github.com',
    'commit',
    '--quiet',
    '-m',
    `docs: regenerate from ${source}`,
  );
  return git('rev-parse', 'HEAD');
}
