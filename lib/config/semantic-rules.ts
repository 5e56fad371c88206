import { AWS_REGIONS } from './aws-regions.ts';
import { closeMatches } from './close-matches.ts';
import type { ConfigProblem } from './config-error.ts';
import type { EnvironmentConfig } from './environment-config.ts';
import { PHASE_NAMES, PHASES } from './phases.ts';

/** S3 keeps objects at least 30 days in Standard-IA before a further transition. */
const MIN_DAYS_IN_INFREQUENT_ACCESS = 30;
/** Glacier Instant Retrieval bills 90 days of storage at least: leaving it earlier pays for the rest anyway. */
const MIN_DAYS_IN_GLACIER_INSTANT_RETRIEVAL = 90;

/** Rules that span fields or depend on the environment name, which JSON Schema cannot express. */
export function semanticProblems(config: EnvironmentConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (!AWS_REGIONS.includes(config.region)) {
    // The schema checks the shape (us-east-9 has it); only the list knows which regions exist.
    const [close] = closeMatches(config.region, AWS_REGIONS, 2);
    problems.push({
      pointer: '/region',
      expected: 'an AWS region',
      found: `string ${JSON.stringify(config.region)}, which AWS does not have`,
      hint: `${close ? `Did you mean "${close}"? ` : ''}The regions are listed in lib/config/aws-regions.ts (from aws-cdk-lib), e.g. us-east-1, eu-west-1.`,
    });
  }
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
  const archive = config.lifecycle.archiveRaw;
  const archiveFrom = glacier + MIN_DAYS_IN_GLACIER_INSTANT_RETRIEVAL;
  if (archive && config.lifecycle.storageClasses === 'by-age' && archive.afterDays < archiveFrom) {
    problems.push({
      pointer: '/lifecycle/archiveRaw/afterDays',
      expected: `at least ${archiveFrom} (transitionToGlacierInstantRetrievalDays + ${MIN_DAYS_IN_GLACIER_INSTANT_RETRIEVAL})`,
      found: `number ${archive.afterDays}`,
      hint: 'Glacier Instant Retrieval bills 90 days at least: raise afterDays, lower transitionToGlacierInstantRetrievalDays, or use storageClasses "intelligent-tiering".',
    });
  }
  if (config.orchestration.cloudTrailInsights && !config.orchestration.cloudTrail) {
    problems.push({
      pointer: '/orchestration/cloudTrailInsights',
      expected: 'false while orchestration.cloudTrail is off',
      found: 'true',
      hint: 'Insights analyze the events of the trail: turn orchestration.cloudTrail on, or this switch off.',
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
  if (config.autoTeardownAfterDays != null && config.environment !== 'dev') {
    problems.push({
      pointer: '/autoTeardownAfterDays',
      expected: 'null or absent outside dev',
      found: `number ${config.autoTeardownAfterDays}`,
      hint: `Only dev is torn down automatically: ${config.environment}'s data and users matter. Remove autoTeardownAfterDays from this file (the idle-bill issue still reminds you of what ${config.environment} costs), or tear it down by hand with Actions → teardown.`,
    });
  }
  problems.push(...phaseDependencyProblems(config), ...costlyServiceProblems(config));
  return problems;
}

/** A phase uses the resources of the phases before it (the pipeline runs the jobs, queries the tables). */
function phaseDependencyProblems(config: EnvironmentConfig): ConfigProblem[] {
  return PHASE_NAMES.filter((phase) => config.phases[phase]).flatMap((phase) =>
    PHASES[phase].requires
      .filter((needed) => !config.phases[needed])
      .map((needed) => ({
        pointer: `/phases/${needed}`,
        expected: `true, because phases.${phase} is on`,
        found: 'false',
        hint: `The ${phase} stack uses what the ${needed} stack deploys: turn phases.${needed} on, or phases.${phase} off.`,
      })),
  );
}

/** Each costly switch only means something with the phase that holds the service. */
function costlyServiceProblems(config: EnvironmentConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const owners = { dms: 'ingestion', mwaa: 'orchestration', quicksight: 'analytics' } as const;
  for (const [service, phase] of Object.entries(owners)) {
    if (config.costlyServices[service as keyof typeof owners] && !config.phases[phase]) {
      problems.push({
        pointer: `/costlyServices/${service}`,
        expected: `false while phases.${phase} is off`,
        found: 'true',
        hint: `${service} is deployed by the ${phase} stack: turn phases.${phase} on, or this switch off.`,
      });
    }
  }
  if (config.costlyServices.quicksight && config.analytics.quicksight.principalArn === null) {
    problems.push({
      pointer: '/analytics/quicksight/principalArn',
      expected: 'the ARN of a QuickSight user or group, because costlyServices.quicksight is on',
      found: 'null',
      hint: 'Find it with `aws quicksight list-users --aws-account-id <account> --namespace default`, e.g. arn:aws:quicksight:us-east-1:123456789012:user/default/alice.',
    });
  }
  return problems;
}
