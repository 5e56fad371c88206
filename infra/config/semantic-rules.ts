import type { ConfigProblem } from './config-error.ts';
import type { EnvironmentConfig } from './environment-config.ts';

/** S3 keeps objects at least 30 days in Standard-IA before a further transition. */
const MIN_DAYS_IN_INFREQUENT_ACCESS = 30;

/** Rules that span fields or depend on the environment name, which JSON Schema cannot express. */
export function semanticProblems(config: EnvironmentConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const { transitionToInfrequentAccessDays: ia, transitionToGlacierInstantRetrievalDays: glacier } =
    config.lifecycle;
  if (glacier < ia + MIN_DAYS_IN_INFREQUENT_ACCESS) {
    problems.push({
      pointer: '/lifecycle/transitionToGlacierInstantRetrievalDays',
      expected: `at least ${ia + MIN_DAYS_IN_INFREQUENT_ACCESS} (transitionToInfrequentAccessDays + ${MIN_DAYS_IN_INFREQUENT_ACCESS})`,
      found: `number ${glacier}`,
      hint: 'S3 keeps objects 30 days in Standard-IA before moving them on: raise this value or lower transitionToInfrequentAccessDays.',
    });
  }
  if (config.environment === 'prod' && config.removalPolicy !== 'retain') {
    problems.push({
      pointer: '/removalPolicy',
      expected: '"retain" for the prod environment',
      found: `string ${JSON.stringify(config.removalPolicy)}`,
      hint: 'Production data is never deleted with its stack. Empty and delete prod buckets by hand if you really mean to.',
    });
  }
  return problems;
}
