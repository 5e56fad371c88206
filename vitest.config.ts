import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{infra,scripts,actions,test}/**/*.test.ts'],
    // Synthesize the app once for the whole run; tests read the cloud assembly it writes.
    globalSetup: ['test/global-setup.ts'],
    env: { AWS_EC2_METADATA_DISABLED: 'true' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
