import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One unacknowledged finding of a validation plugin (cdk-nag, CloudFormation validation). */
export interface Finding {
  /** The plugin that reported it, e.g. AwsSolutions. */
  readonly plugin: string;
  /** The rule and finding, e.g. `AwsSolutions-IAM5[Resource::*]`: what an acknowledgement names. */
  readonly rule: string;
  /** error, warning... */
  readonly severity: string;
  /** What the rule checks. */
  readonly description: string;
  /** The construct reported, e.g. `dev/foundation/Roles/Etl/DefaultPolicy/Resource`. */
  readonly constructPath: string;
  /** Source location that created the construct. @default - none: CDK recorded no stack trace */
  readonly source?: string;
}

interface ValidationReport {
  pluginReports: {
    pluginName: string;
    violations: {
      ruleName: string;
      description: string;
      severity: string;
      violatingConstructs: { constructPath: string; stackTraces?: string[] }[];
    }[];
  }[];
}

/** Reads `validation-report.json`, which CDK writes into the cloud assembly when any plugin ran. */
export function readFindings(assemblyDir: string): Finding[] {
  const file = path.join(assemblyDir, 'validation-report.json');
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, 'utf8')) as ValidationReport;
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((violation) =>
      violation.violatingConstructs.map((construct) => ({
        plugin: plugin.pluginName,
        rule: violation.ruleName,
        severity: violation.severity,
        description: violation.description,
        constructPath: construct.constructPath,
        source: firstUserFrame(construct.stackTraces?.[0]),
      })),
    ),
  );
}

export const isError = (finding: Finding): boolean =>
  finding.severity === 'error' || finding.severity === 'fatal';

/** `ERROR AwsSolutions-IAM5 at dev/foundation/Roles/...: description (infra/x.ts:12:3)` */
export function formatFinding(finding: Finding): string {
  const where = finding.source ? ` (${finding.source})` : '';
  return `${finding.severity.toUpperCase()} ${finding.rule} at ${finding.constructPath}: ${finding.description}${where}`;
}

/** Fix hint printed under a list of findings. */
export const FINDINGS_HINT =
  'Fix the resource, or acknowledge one finding with a specific reason where the rule does not apply: ' +
  "Validations.of(construct).acknowledge({ id: 'AwsSolutions-XXX[finding]', reason: '...' }).";

function firstUserFrame(trace: string | undefined): string | undefined {
  const frame = trace?.split('\n').find((line) => !line.startsWith('...'));
  const location = frame?.match(/\(([^()]+:\d+:\d+)\)/)?.[1];
  return location && path.isAbsolute(location) ? path.relative(process.cwd(), location) : location;
}
