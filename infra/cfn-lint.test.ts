import { describe, expect, it } from 'vitest';
import { synthesizedStacks } from '../test/assembly.ts';
import { cfnLintProblems } from '../test/cfn-lint.ts';

describe('cfn-lint', () => {
  it('passes every synthesized template with no error and no warning', () => {
    const files = synthesizedStacks().map((s) => s.templateFile);
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(cfnLintProblems(files)).toEqual([]);
  });
});
