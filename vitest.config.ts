import { availableParallelism } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { binDir, MAIN_ENV } from './lib/python/venv.ts';

export default defineConfig({
  // Vite warns about source maps of inlined dependencies that ship without sources.
  logLevel: 'error',
  test: {
    include: ['{lib,infra,scripts,actions,test}/**/*.test.ts'],
    // Synthesize the app once for the whole run; tests read the cloud assembly it writes.
    globalSetup: ['test/global-setup.ts'],
    // Python tools (moto's server, cfn-lint) are the project virtualenv's, which npm test makes first.
    env: {
      AWS_EC2_METADATA_DISABLED: 'true',
      PATH: `${binDir(MAIN_ENV)}${path.delimiter}${process.env.PATH ?? ''}`,
    },
    // GitHub's workflow parser imports JSON without an import attribute, which Node refuses; Vite bundles it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    // Each worker runs test files one after the other and keeps their modules loaded: aws-cdk-lib, the AWS SDK
    // and the CDK app load once per worker instead of once per file (half the suite's CPU time).
    // test/restore-process-state.ts puts back what a file changes process-wide.
    pool: 'forks',
    isolate: false,
    setupFiles: ['test/restore-process-state.ts'],
    // Many tests wait on local servers and child processes, so two workers keep two cores busy; vitest's
    // default (one less than the cores) would leave one of two idle.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
