// Runs before every test file. Test files share their worker process and its loaded modules
// (isolate: false in vitest.config.ts), so what one file changes process-wide is put back when it ends:
// environment variables (tests aim the AWS SDK and the CDK toolkit at moto through them), the exit code
// (commands run in process set it), and @actions/core's job summary, which keeps the first
// GITHUB_STEP_SUMMARY it reads for the life of the process.
import { summary } from '@actions/core';
import { afterAll } from 'vitest';

const environment = { ...process.env };
const exitCode = process.exitCode;

afterAll(() => {
  for (const name of Object.keys(process.env)) {
    if (!(name in environment)) delete process.env[name];
  }
  Object.assign(process.env, environment);
  process.exitCode = exitCode;
  summary.emptyBuffer();
  Reflect.set(summary, '_filePath', undefined);
});
