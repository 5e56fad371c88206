#!/usr/bin/env node
// Entry point of the CDK CLI (cdk.json "app"): `npx cdk synth`, `cdk diff 'dev/*'`, `cdk deploy 'dev/*'`.
import { ConfigError } from '../lib/config/config-error.ts';
import { FINDINGS_HINT, formatFinding, isError } from './nag/validation-findings.ts';
import { synthesize } from './synthesize.ts';

try {
  // The CDK CLI writes the validation report but does not fail on it: this process does, so no
  // `cdk deploy` goes ahead with an unacknowledged cdk-nag error.
  const errors = synthesize().findings.filter(isError);
  if (errors.length > 0) {
    console.error(
      `${errors.length} validation error(s):\n${errors.map(formatFinding).join('\n')}\n${FINDINGS_HINT}`,
    );
    process.exitCode = 1;
  }
} catch (error) {
  // A bad config file explains itself; a stack trace would only bury the message.
  if (!(error instanceof ConfigError || error instanceof AggregateError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
