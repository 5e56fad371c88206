/**
 * Cost Explorer could not be read even after the retries: the message says why and what to do. On its own,
 * so that every command's error handling (scripts/run-cli.ts) knows it without loading the AWS SDK client.
 */
export class CostExplorerError extends Error {
  override name = 'CostExplorerError';
}
