import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Deployment } from '../smoke/deployment.ts';
import type { SmokeReport } from '../smoke/run-smoke.ts';
import { planRun } from '../smoke/sample-run.ts';
import { StageError } from '../smoke/stage.ts';
import { badgeSvg } from './badge.ts';
import { evidenceOf, readEvidence, writeEvidence } from './run-evidence.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const DEPLOYMENT = {
  project: 'launchpad',
  environment: 'dev',
  region: 'us-east-1',
} as Deployment;

function report(passed: boolean): SmokeReport {
  const run = planRun(6, new Date('2026-12-07T10:00:00.000Z'));
  return {
    run,
    deployment: DEPLOYMENT,
    passed,
    totalMs: 90_000.4,
    stages: [
      { stage: 'ingest', status: 'passed', durationMs: 1000, detail: 'in' },
      { stage: 'deliver', status: 'passed', durationMs: 60_000, detail: 'delivered' },
      passed
        ? { stage: 'transform', status: 'passed', durationMs: 20_000, detail: 'ok' }
        : {
            stage: 'transform',
            status: 'failed',
            durationMs: 29_000,
            detail: 'Glue job FAILED',
            error: new StageError('transform', 'Glue job FAILED'),
          },
      passed
        ? { stage: 'query', status: 'passed', durationMs: 9000.6, detail: 'found' }
        : { stage: 'query', status: 'not run', detail: '' },
    ],
  };
}

describe('run evidence', () => {
  it('keeps date, commit, result, each stage latency and the rows Athena found', () => {
    const evidence = evidenceOf(report(true), {
      commit: 'abc1234',
      phases: { foundation: true, ingestion: true, processing: true, delivery: false },
    });
    expect(evidence).toMatchObject({
      date: '2026-12-07T10:00:00.000Z',
      commit: 'abc1234',
      result: 'passed',
      events: 6,
      rowsQueried: evidence.rides,
      totalMs: 90_000,
      phases: { foundation: '2026-12-07', ingestion: '2026-12-07', processing: '2026-12-07' },
    });
    expect(evidence.stages.map((s) => [s.stage, s.result, s.latencyMs])).toEqual([
      ['ingest', 'passed', 1000],
      ['deliver', 'passed', 60_000],
      ['transform', 'passed', 20_000],
      ['query', 'passed', 9001],
    ]);
  });

  it('records a failed run: no rows queried, the stages after the failure not run', () => {
    const evidence = evidenceOf(report(false), { commit: 'abc1234', phases: { foundation: true } });
    expect(evidence.result).toBe('failed');
    expect(evidence.rowsQueried).toBeNull();
    expect(evidence.stages.at(-1)).toEqual({
      stage: 'query',
      result: 'not run',
      latencyMs: null,
      detail: '',
    });
  });

  it('keeps the date a phase was first deployed from the previous file', () => {
    const previous = readEvidence(path.join(FIXTURES, 'passed.json'));
    const evidence = evidenceOf(report(true), {
      commit: 'abc1234',
      phases: { foundation: true, analytics: true, delivery: true },
      previous,
    });
    expect(evidence.phases).toEqual({
      foundation: '2026-11-28',
      analytics: '2026-12-01',
      delivery: '2026-12-05',
    });
  });

  it('writes a file its own schema accepts, with $schema for editors, and reads it back', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'evidence-'));
    const file = path.join(dir, 'docs/evidence/dev/last-run.json');
    const evidence = evidenceOf(report(false), { commit: 'abc1234', phases: { foundation: true } });
    writeEvidence(file, evidence);
    expect(JSON.parse(readFileSync(file, 'utf8')).$schema).toMatch(
      /lib\/evidence\/run-evidence\.schema\.json$/,
    );
    expect(readEvidence(file)).toEqual(evidence);
  });

  it('reads the recorded runs, passed and failed', () => {
    expect(readEvidence(path.join(FIXTURES, 'passed.json'))?.result).toBe('passed');
    expect(readEvidence(path.join(FIXTURES, 'failed.json'))?.stages[2]?.result).toBe('failed');
    expect(readEvidence(path.join(FIXTURES, 'absent.json'))).toBeUndefined();
  });

  it('rejects a broken file naming the file, the line and field, what was expected and how to fix it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'evidence-'));
    const file = path.join(dir, 'last-run.json');
    const text = readFileSync(path.join(FIXTURES, 'failed.json'), 'utf8')
      .replace('"commit": "985e424"', '"commit": "HEAD"')
      .replace('"result": "failed"', '"result": "maybe"');
    writeFileSync(file, text);
    expect(() => readEvidence(file, 'docs/evidence/dev/last-run.json')).toThrow(
      /docs\/evidence\/dev\/last-run\.json is not valid \(2 problems\):\n.*last-run\.json:7:\d+ \/commit: expected .*found string "HEAD"[\s\S]*\/result[\s\S]*npm run smoke -- --env <env> --evidence docs\/evidence\/dev\/last-run\.json/,
    );
  });
});

describe('badge', () => {
  it('is a self-contained SVG saying the result, coloured by it', () => {
    const svg = badgeSvg('smoke dev', 'passed 2026-12-05', 'passed');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="20"/);
    expect(svg).toContain('<title>smoke dev: passed 2026-12-05</title>');
    expect(svg).toContain('#2e7d32');
    expect(svg).not.toMatch(/href=|@import|url\(http/);
    expect(badgeSvg('smoke dev', 'failed', 'failed')).toContain('#c62828');
  });
});
