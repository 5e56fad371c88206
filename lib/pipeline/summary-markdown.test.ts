import { describe, expect, it } from 'vitest';
import { pipelineSummaryMarkdown } from './summary-markdown.ts';

const at = (seconds: number) => new Date(Date.UTC(2025, 0, 14, 10, 0, seconds));

describe('pipelineSummaryMarkdown', () => {
  it('shows the outcome, every stage and action with status and duration, the stages never run, and links', () => {
    const markdown = pipelineSummaryMarkdown('launchpad-dev-delivery', {
      executionId: 'e-1',
      consoleUrl: 'https://console.example/e-1',
      source: {
        bucket: 'b',
        key: 'source/pipeline.zip',
        versionId: 'v1',
        bytes: 10,
        sha256: 'x',
        reused: false,
      },
      definition: {
        name: 'launchpad-dev-delivery',
        sourceActionName: 'Artifact',
        declaresCommitVariable: true,
        stages: [
          { name: 'Source', actions: ['Artifact'] },
          { name: 'Deploy', actions: ['Deploy'] },
          { name: 'Smoke', actions: ['SmokeTest'] },
        ],
      },
      snapshot: {
        status: 'Failed',
        actions: [
          {
            id: '1',
            stage: 'Source',
            action: 'Artifact',
            status: 'Succeeded',
            startTime: at(0),
            lastUpdateTime: at(2),
          },
          {
            id: '2',
            stage: 'Deploy',
            action: 'Deploy',
            status: 'Failed',
            provider: 'CodeBuild',
            url: 'https://codebuild.example/b',
            startTime: at(2),
            lastUpdateTime: at(72),
            error: 'JobFailed: exit | status 254',
          },
        ],
      },
      outcome: {
        kind: 'Failed',
        succeeded: false,
        message: 'Pipeline launchpad-dev-delivery execution e-1 failed at stage Deploy.',
      },
      elapsedMs: 75_000,
      checks: 9,
    });
    expect(markdown).toBe(
      [
        '## ❌ Pipeline launchpad-dev-delivery: Failed',
        '',
        '> [!CAUTION]',
        '> Pipeline launchpad-dev-delivery execution e-1 failed at stage Deploy.',
        '',
        '| Stage | Action | Status | Duration | Details |',
        '| --- | --- | --- | --- | --- |',
        '| **Source** | | ✅ Succeeded | 2.0 s | |',
        '| | Artifact | ✅ Succeeded | 2.0 s | |',
        '| **Deploy** | | ❌ Failed | 1m 10s | |',
        '| | Deploy | ❌ Failed | 1m 10s | JobFailed: exit \\| status 254 [CodeBuild](https://codebuild.example/b) |',
        '| **Smoke** | | ⚪ not run | | |',
        '| | SmokeTest | ⚪ not run | | |',
        '',
        '- Execution: `e-1` ([open in the console](https://console.example/e-1))',
        '- Source: `s3://b/source/pipeline.zip` version `v1`',
        '- Followed for 1m 15s with 9 looks at the execution',
        '',
      ].join('\n'),
    );
  });
});
