/**
 * A small model of IAM's decision for one request against policy statements of synthesized templates: an
 * explicit deny wins, else some allow must match. Enough for the operators these templates use; an operator
 * it does not know fails the test rather than guess.
 */
import type { Statement } from '../../../test/iam.ts';

export interface Request {
  /** `service:Action`, e.g. `s3:PutObject`. */
  readonly action: string;
  /** The resource ARN, the account written `<AWS::AccountId>` as templates flatten it. */
  readonly resource: string;
  /** Condition keys and their values for this request. @default - none: every key is missing */
  readonly context?: Readonly<Record<string, string>>;
}

/** A template value (string, Ref, Fn::Join) as text, `<AWS::AccountId>` for the account. */
export function arnText(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as { Ref?: string; 'Fn::Join'?: [string, unknown[]] };
  if (v.Ref) return `<${v.Ref}>`;
  if (v['Fn::Join']) return v['Fn::Join'][1].map(arnText).join(v['Fn::Join'][0]);
  throw new Error(`unexpected ARN ${JSON.stringify(value)}`);
}

const glob = (pattern: string, flags = '') =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
    flags,
  );

const list = (value: unknown): unknown[] => (value === undefined ? [] : [value].flat());

function actionMatches(s: Statement, action: string): boolean {
  if (s.NotAction) return !list(s.NotAction).some((a) => glob(a as string, 'i').test(action));
  return list(s.Action).some((a) => glob(a as string, 'i').test(action));
}

function resourceMatches(s: Statement, resource: string): boolean {
  const patterns = list((s as { Resource?: unknown }).Resource).map(arnText);
  return patterns.some((p) => glob(p).test(resource));
}

function conditionsHold(s: Statement, context: Readonly<Record<string, string>>): boolean {
  return Object.entries(s.Condition ?? {}).every(([operator, tests]) =>
    Object.entries(tests as Record<string, unknown>).every(([key, expected]) => {
      const wanted = list(expected).map(arnText);
      const actual = context[key];
      switch (operator) {
        case 'StringEquals':
        case 'ForAnyValue:StringEquals':
          return actual !== undefined && wanted.includes(actual);
        case 'StringNotEquals':
          return actual === undefined || !wanted.includes(actual);
        case 'StringLike':
        case 'ArnLike':
          return actual !== undefined && wanted.some((w) => glob(w).test(actual));
        default:
          throw new Error(`The policy simulator does not know the condition operator ${operator}`);
      }
    }),
  );
}

const matches = (s: Statement, r: Request) =>
  actionMatches(s, r.action) && resourceMatches(s, r.resource) && conditionsHold(s, r.context ?? {});

/** Whether these statements (one principal's policies together) allow the request. */
export function allows(statements: readonly Statement[], request: Request): boolean {
  if (statements.some((s) => s.Effect === 'Deny' && matches(s, request))) return false;
  return statements.some((s) => s.Effect === 'Allow' && matches(s, request));
}
