/** A bootstrap problem whose message says what is wrong and what to do: printed without a stack trace. */
export class BootstrapError extends Error {
  override readonly name = 'BootstrapError';
}
