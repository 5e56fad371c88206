import { describe, expect, it } from 'vitest';
import { logLocation } from './build-logs.ts';

const id = 'launchpad-dev-test-package:0b1c2d3e-aaaa-bbbb-cccc-123456789012';

describe('logLocation', () => {
  it('takes the group and stream CodeBuild reports', () => {
    expect(logLocation({ id, logs: { groupName: '/custom/builds', streamName: 'tests/0b1c2d3e' } })).toEqual({
      group: '/custom/builds',
      stream: 'tests/0b1c2d3e',
    });
  });

  it('reads them from the log ARN when only that is given', () => {
    const cloudWatchLogsArn =
      'arn:aws:logs:us-east-1:123456789012:log-group:/aws/codebuild/p:log-stream:abc-123';
    expect(logLocation({ id, logs: { cloudWatchLogsArn } })).toEqual({
      group: '/aws/codebuild/p',
      stream: 'abc-123',
    });
  });

  it("falls back to CodeBuild's default group and the build's uuid, with a configured group or prefix", () => {
    expect(logLocation({ id })).toEqual({
      group: '/aws/codebuild/launchpad-dev-test-package',
      stream: '0b1c2d3e-aaaa-bbbb-cccc-123456789012',
    });
    expect(
      logLocation({
        id,
        logs: { cloudWatchLogs: { status: 'ENABLED', groupName: '/launchpad/builds', streamName: 'tests' } },
      }),
    ).toEqual({ group: '/launchpad/builds', stream: 'tests/0b1c2d3e-aaaa-bbbb-cccc-123456789012' });
  });

  it('has nothing when the build does not log to CloudWatch', () => {
    expect(logLocation({ id, logs: { cloudWatchLogs: { status: 'DISABLED' } } })).toBeUndefined();
  });
});
