/**
 * Proof of run: what `npm run smoke -- --evidence <file>` keeps of a run (docs/evidence/<env>/last-run.json)
 * and what `npm run docs` reads back for the "Last verified run" section, the badge and the roadmap table.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/config-error.ts';
import { PHASE_NAMES, type PhaseName } from '../config/phases.ts';
import { schemaProblems } from '../config/schema-problems.ts';
import { schemaFileValidator } from '../config/schema-validator.ts';
import { parseStrictJson } from '../config/strict-json.ts';
import type { SmokeReport } from '../smoke/run-smoke.ts';
import type { StageName } from '../smoke/stage.ts';

export const EVIDENCE_SCHEMA = path.join(import.meta.dirname, 'run-evidence.schema.json');
/** Named in error messages: where to read what each field means. */
const SCHEMA_SHOWN = 'lib/evidence/run-evidence.schema.json';

/** Where an environment's last run is kept, relative to the repository root. */
export const evidenceFile = (environment: string) => `docs/evidence/${environment}/last-run.json`;

export interface StageEvidence {
  readonly stage: StageName;
  readonly result: 'passed' | 'failed' | 'not run';
  readonly latencyMs: number | null;
  readonly detail: string;
}

export interface RunEvidence {
  readonly project: string;
  readonly environment: string;
  readonly region: string;
  /** ISO 8601, UTC. */
  readonly date: string;
  readonly commit: string;
  readonly result: 'passed' | 'failed';
  readonly events: number;
  readonly rides: number;
  readonly rowsQueried: number | null;
  readonly totalMs: number;
  readonly stages: readonly StageEvidence[];
  /** Phase → YYYY-MM-DD it was first seen deployed. */
  readonly phases: Readonly<Partial<Record<PhaseName, string>>>;
}

export interface EvidenceInputs {
  readonly commit: string;
  /** The environment's phase switches: a run tests what was just deployed, which is what config switches on. */
  readonly phases: Readonly<Partial<Record<PhaseName, boolean>>>;
  /** The file's previous content: phases keep the date they were first deployed. */
  readonly previous?: RunEvidence;
}

/** The evidence of one smoke run. */
export function evidenceOf(report: SmokeReport, inputs: EvidenceInputs): RunEvidence {
  const date = report.run.startedAt.toISOString();
  const query = report.stages.find((s) => s.stage === 'query');
  const phases: Partial<Record<PhaseName, string>> = {};
  for (const phase of PHASE_NAMES) {
    if (inputs.phases[phase] !== true) continue;
    phases[phase] = inputs.previous?.phases[phase] ?? date.slice(0, 10);
  }
  return {
    project: report.deployment.project,
    environment: report.deployment.environment,
    region: report.deployment.region,
    date,
    commit: inputs.commit,
    result: report.passed ? 'passed' : 'failed',
    events: report.run.records.length,
    rides: report.run.rideIds.length,
    // The query stage passes only when Athena returned every ride of the run.
    rowsQueried: query?.status === 'passed' ? report.run.rideIds.length : null,
    totalMs: Math.round(report.totalMs),
    stages: report.stages.map((s) => ({
      stage: s.stage,
      result: s.status,
      latencyMs: s.durationMs === undefined ? null : Math.round(s.durationMs),
      detail: s.detail,
    })),
    phases,
  };
}

/** Writes the evidence with a `$schema` key relative to the file, so editors check it. */
export function writeEvidence(file: string, evidence: RunEvidence): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const schema = path
    .relative(path.dirname(path.resolve(file)), EVIDENCE_SCHEMA)
    .split(path.sep)
    .join('/');
  writeFileSync(file, `${JSON.stringify({ $schema: schema, ...evidence }, null, 2)}\n`);
}

/**
 * The evidence in a file, checked against its schema: a broken file throws a ConfigError naming the file,
 * each field (line, JSON pointer), what was expected and what was found. Undefined when there is no file.
 */
export function readEvidence(file: string, shownAs: string = file): RunEvidence | undefined {
  if (!existsSync(file)) return undefined;
  const { data, locations } = parseStrictJson(readFileSync(file, 'utf8'), shownAs, SCHEMA_SHOWN);
  validate ??= schemaFileValidator(EVIDENCE_SCHEMA);
  if (!validate(data)) {
    const problems = schemaProblems(validate.errors ?? [], locations).map((p) => ({
      ...p,
      hint: `${p.hint ?? ''} Run npm run smoke -- --env <env> --evidence ${shownAs} again, or correct the field.`.trim(),
    }));
    throw new ConfigError(shownAs, problems, SCHEMA_SHOWN);
  }
  const { $schema: _editorHint, ...evidence } = data as RunEvidence & { $schema?: string };
  return evidence;
}

let validate: ReturnType<typeof schemaFileValidator> | undefined;
