#!/usr/bin/env node
// Entry point of the CDK CLI (cdk.json "app"): `npx cdk synth`, `cdk diff 'dev/*'`, `cdk deploy 'dev/*'`.
import { FINDINGS_HINT, formatFinding, isError } from './nag/validation-findings.ts';
import { synthesize } from './synthesize.ts';

// The CDK CLI writes the validation report but does not fail on it: this process does, so no
// `cdk deploy` goes ahead with an unacknowledged cdk-nag error.
const { findings } = synthesize();
const errors = findings.filter(isError);
if (errors.length > 0) {
  console.error(
    `${errors.length} validation error(s):\n${errors.map(formatFinding).join('\n')}\n${FINDINGS_HINT}`,
  );
  process.exitCode = 1;
}
