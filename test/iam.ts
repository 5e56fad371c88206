import type { CloudFormationResource, SynthesizedStack } from './assembly.ts';

export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: unknown;
  Condition?: Record<string, unknown>;
  Principal?: unknown;
  Sid?: string;
}

export const actionsOf = (s: Statement): string[] => [s.Action ?? []].flat();

/** Every IAM policy document in a template, wherever it sits, with where it was found. */
export function policyDocuments(stack: SynthesizedStack): { where: string; statements: Statement[] }[] {
  const found: { where: string; statements: Statement[] }[] = [];
  const visit = (value: unknown, where: string): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        visit(v, `${where}/${i}`);
      });
    } else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (Array.isArray(record.Statement) && 'Version' in record) {
        found.push({ where, statements: record.Statement as Statement[] });
      }
      for (const [key, child] of Object.entries(record)) visit(child, `${where}/${key}`);
    }
  };
  for (const [id, resource] of Object.entries(stack.template.Resources))
    visit(resource, `${stack.path}:${id}`);
  return found;
}

/** Logical id of the IAM role with this RoleName. */
export function roleId(stack: SynthesizedStack, roleName: string): string {
  const found = Object.entries(stack.template.Resources).find(
    ([, r]) => r.Type === 'AWS::IAM::Role' && r.Properties?.RoleName === roleName,
  );
  if (!found) throw new Error(`no role ${roleName} in ${stack.path}`);
  return found[0];
}

/** Identity-policy statements that apply to a role: its inline policies and attached managed policies. */
export function roleStatements(stack: SynthesizedStack, roleName: string): Statement[] {
  const id = roleId(stack, roleName);
  const role = stack.template.Resources[id] as CloudFormationResource;
  const resources = Object.values(stack.template.Resources);
  const attachedIds = [role.Properties?.ManagedPolicyArns ?? []]
    .flat()
    .map((arn) => (arn as { Ref?: string }).Ref);
  const inline = resources.filter(
    (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties?.Roles).includes(`"${id}"`),
  );
  const managed = Object.entries(stack.template.Resources)
    .filter(([logicalId, r]) => r.Type === 'AWS::IAM::ManagedPolicy' && attachedIds.includes(logicalId))
    .map(([, r]) => r);
  return [...inline, ...managed].flatMap(
    (r) => (r.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined)?.Statement ?? [],
  );
}

/** The S3 bucket purpose (raw, clean, ...) a resource ARN points at, by the bucket's logical id prefix. */
export function bucketsIn(stack: SynthesizedStack, resource: unknown): string[] {
  const text = JSON.stringify(resource);
  return Object.entries(stack.template.Resources)
    .filter(([id, r]) => r.Type === 'AWS::S3::Bucket' && text.includes(`"${id}"`))
    .map(
      ([, r]) =>
        JSON.stringify(r.Properties?.BucketName).match(/-(?:dev|stage|prod)-([a-z-]+)-"/)?.[1] ?? '?',
    );
}
