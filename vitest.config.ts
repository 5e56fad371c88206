import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Vite warns about source maps of inlined dependencies that ship without sources.
  logLevel: 'error',
  test: {
    include: ['{lib,infra,scripts,actions,test}/**/*.test.ts'],
    // Synthesize the app once for the whole run; tests read the cloud assembly it writes.
    globalSetup: ['test/global-setup.ts'],
    env: { AWS_EC2_METADATA_DISABLED: 'true' },
    // GitHub's workflow parser imports JSON without an import attribute, which Node refuses; Vite bundles it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
