import { randomUUID } from 'node:crypto';
import { createOctokit, type GitHubClient } from '../octokit.ts';

/**
 * The real Octokit of the project, against a local server, with its retry and rate-limit waits scaled down
 * (a "second" is 2 ms) and a throttling group of its own, so tests do not wait for one another. Without
 * `throttle`, writes are not spaced a second apart (for tests of many writes that test no rate limit).
 */
export function fastOctokit(baseUrl: string, token = 'test-token', throttle = true): GitHubClient {
  return createOctokit({ token, baseUrl, millisecondsPerSecond: 2, throttleId: randomUUID(), throttle });
}
