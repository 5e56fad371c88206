import { describe, expect, it } from 'vitest';
import type { Deployment } from './deployment.ts';
import { formatDuration, parseDuration } from './duration.ts';
import { formatHeading, formatProgress, formatReport } from './report.ts';
import type { SmokeReport } from './run-smoke.ts';
import { planRun } from './sample-run.ts';

describe('durations', () => {
  it('reads what people type on the command line', () => {
    expect(parseDuration('6m')).toBe(360_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1.5s')).toBe(1500);
    for (const bad of ['', '6', 'm', '6 m', '6x', '-1s', '6m foo'])
      expect(parseDuration(bad)).toBeUndefined();
  });

  it('writes them short: seconds with a tenth, then minutes and seconds, then hours and minutes', () => {
    expect([860, 59_940, 59_960, 64_000, 3_599_400, 3_723_000].map(formatDuration)).toEqual([
      '0.9 s',
      '59.9 s',
      '1m 00s',
      '1m 04s',
      '59m 59s',
      '1h 02m',
    ]);
  });
});

describe('the report', () => {
  const run = planRun(20, new Date('2026-01-25T10:15:00Z'));
  const deployment: Deployment = {
    project: 'launchpad',
    environment: 'dev',
    region: 'us-east-1',
    rawBucket: 'raw',
    streamName: 'rides',
    deliveryStreamName: 'rides-to-raw',
    apiUrl: 'https://abc123.execute-api.us-east-1.amazonaws.com/dev/events',
    apiKeyId: 'key',
    stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:pipeline',
    workgroup: 'analytics',
    curatedDatabase: 'launchpad_dev_curated',
  };

  it('heads the run with what is tested and where', () => {
    expect(formatHeading({ run, deployment })).toBe(
      `Smoke test of launchpad dev (us-east-1), run ${run.id}: 20 events of ${run.rideIds.length} rides`,
    );
  });

  it('shows each stage’s result and latency in aligned columns, and the total', () => {
    const report: SmokeReport = {
      run,
      deployment,
      passed: false,
      totalMs: 312_400,
      stages: [
        { stage: 'ingest', status: 'passed', durationMs: 1200, detail: '20 events sent' },
        {
          stage: 'deliver',
          status: 'passed',
          durationMs: 64_000,
          detail: '20 of 20 events in s3://raw/stream/',
        },
        { stage: 'transform', status: 'failed', durationMs: 246_000, detail: 'transform failed: FAILED' },
        { stage: 'query', status: 'not run', detail: '' },
      ],
    };
    expect(formatReport(report)).toBe(
      [
        'stage      result   latency  detail',
        'ingest     passed     1.2 s  20 events sent',
        'deliver    passed    1m 04s  20 of 20 events in s3://raw/stream/',
        'transform  failed    4m 06s  transform failed: FAILED',
        'query      not run        –',
        'total      failed    5m 12s',
      ].join('\n'),
    );
  });

  it('prefixes progress lines with the stage and its elapsed time', () => {
    expect(formatProgress('deliver', 65_000, 'waiting for Firehose')).toBe(
      '[deliver +1m 05s] waiting for Firehose',
    );
  });
});
