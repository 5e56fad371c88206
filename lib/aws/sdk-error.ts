/**
 * What an AWS SDK error means for the person who reads it: which kind of failure, what the SDK's retry
 * already did, and what to try next.
 */

export type SdkFailureKind = 'credentials' | 'access' | 'not-found' | 'throttled' | 'server' | 'other';

export interface SdkFailure {
  readonly kind: SdkFailureKind;
  /** `ThrottlingException (HTTP 400): Rate exceeded; gave up after 5 attempts and 3.1 s of backoff`. */
  readonly summary: string;
  /** What to do about this kind of failure. */
  readonly advice: string;
}

interface SdkErrorShape {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number; totalRetryDelay?: number };
}

const ADVICE: Record<SdkFailureKind, string> = {
  credentials:
    'No AWS credentials were found: sign in (aws sso login, AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).',
  access:
    'The credentials were refused or lack a permission: check the role you are using and that it has not expired.',
  'not-found':
    'The resource does not exist in this account and region: check that the stack is deployed there.',
  throttled: 'AWS is throttling these calls even after the retries: wait a minute and run again.',
  server: 'The service or the network had a problem that outlasted the retries: run again in a few minutes.',
  other: 'See the message above.',
};

export function describeSdkError(error: unknown): SdkFailure {
  const e = (error ?? {}) as SdkErrorShape;
  const name = e.name ?? 'Error';
  const message = e.message ?? String(error);
  const status = e.$metadata?.httpStatusCode;
  const text = `${name} ${message}`;
  let kind: SdkFailureKind = 'other';
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message))
    kind = 'credentials';
  else if (
    /AccessDenied|UnrecognizedClient|InvalidSignature|ExpiredToken|Forbidden/i.test(name) ||
    status === 403
  )
    kind = 'access';
  else if (/NotFound|DoesNotExist|NoSuchBucket|NoSuchKey/i.test(name) || status === 404) kind = 'not-found';
  else if (/throttl|rate exceeded|too many requests|SlowDown/i.test(text) || status === 429)
    kind = 'throttled';
  else if (
    (status !== undefined && status >= 500) ||
    /timeout|ECONNRESET|ECONNREFUSED|EPIPE|socket hang up/i.test(text)
  )
    kind = 'server';

  const attempts = e.$metadata?.attempts;
  const waited = e.$metadata?.totalRetryDelay;
  const retried =
    attempts !== undefined && attempts > 1
      ? `; gave up after ${attempts} attempts${waited ? ` and ${(waited / 1000).toFixed(1)} s of backoff` : ''}`
      : '';
  return {
    kind,
    summary: `${name}${status === undefined ? '' : ` (HTTP ${status})`}: ${message}${retried}`,
    advice: ADVICE[kind],
  };
}
