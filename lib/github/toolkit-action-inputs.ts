import * as core from '@actions/core';
import type { ToolkitRunOptions } from '../deploy/toolkit-run-options.ts';

/** The inputs the deploy and destroy actions share: the app to use, where AWS is, and the log. */
export function toolkitActionInputs(): ToolkitRunOptions {
  const assembly = core.getInput('assembly');
  return {
    source: assembly ? { assemblyDir: assembly } : undefined,
    root: process.env.GITHUB_WORKSPACE || process.cwd(),
    target: {
      region: core.getInput('aws-region') || undefined,
      endpoint: core.getInput('endpoint-url') || undefined,
    },
    log: (line) => core.info(line),
    verbose: core.isDebug(),
  };
}
