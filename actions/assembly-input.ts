/**
 * The `assembly` input of the cost and docs actions: a synthesized cloud assembly, `cdk.out` by default. A
 * folder that does not exist yet is synthesized first, offline. The CDK app is imported only then: in the
 * bundle it is a chunk of its own, so pricing or documenting an existing assembly never loads aws-cdk-lib's
 * construct library.
 */
import { existsSync } from 'node:fs';
import * as core from '@actions/core';

export async function assemblyInput(): Promise<string> {
  const assembly = core.getInput('assembly') || 'cdk.out';
  if (!existsSync(assembly)) {
    core.info(`${assembly} does not exist: synthesizing every environment into it (offline) ...`);
    const { synthesizeTemplates } = await import('../infra/synthesize.ts');
    synthesizeTemplates({ outdir: assembly });
  }
  return assembly;
}
