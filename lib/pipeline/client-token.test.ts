import { describe, expect, it } from 'vitest';
import { clientRequestToken } from './client-token.ts';

const env = {
  GITHUB_RUN_ID: '9876543210',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_REPOSITORY: 'octo/launchpad',
  GITHUB_JOB: 'deploy',
  GITHUB_ACTION: 'pipeline',
};

describe('clientRequestToken', () => {
  it('is the same for the same run, attempt, step and pipeline, in the characters CodePipeline allows', () => {
    const token = clientRequestToken('launchpad-dev-delivery', env);
    expect(token).toMatch(/^gh-9876543210-2-[0-9a-f]{10}$/);
    expect(clientRequestToken('launchpad-dev-delivery', { ...env })).toBe(token);
  });

  it('differs for another attempt, another step or another pipeline', () => {
    const token = clientRequestToken('launchpad-dev-delivery', env);
    expect(clientRequestToken('launchpad-dev-delivery', { ...env, GITHUB_RUN_ATTEMPT: '3' })).not.toBe(token);
    expect(clientRequestToken('launchpad-dev-delivery', { ...env, GITHUB_ACTION: 'again' })).not.toBe(token);
    expect(clientRequestToken('launchpad-stage-delivery', env)).not.toBe(token);
  });

  it('is absent outside GitHub Actions, so each local run starts its own execution', () => {
    expect(clientRequestToken('launchpad-dev-delivery', {})).toBeUndefined();
  });
});
