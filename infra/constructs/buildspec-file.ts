import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import { parse } from 'yaml';

/** Where the delivery pipeline's buildspecs live, beside the code they build. */
export const BUILDSPECS_DIR = path.resolve(import.meta.dirname, '../../pipeline/buildspecs');

/** The parsed pipeline/buildspecs/<name>.yml; throws with the file name when it is not a buildspec 0.2. */
export function readBuildSpec(name: string): Record<string, unknown> {
  const file = path.join(BUILDSPECS_DIR, `${name}.yml`);
  const spec = parse(readFileSync(file, 'utf8')) as unknown;
  if (!spec || typeof spec !== 'object' || (spec as { version?: unknown }).version !== 0.2) {
    throw new Error(`${file} is not a CodeBuild buildspec (version: 0.2)`);
  }
  return spec as Record<string, unknown>;
}

/**
 * The buildspec embedded in the project (YAML, as written): a change to it reaches CodeBuild with the
 * next `cdk deploy`, and a pipeline run cannot alter what its own stages are allowed to run.
 */
export function buildSpecFromFile(name: string): codebuild.BuildSpec {
  return codebuild.BuildSpec.fromObjectToYaml(readBuildSpec(name));
}
