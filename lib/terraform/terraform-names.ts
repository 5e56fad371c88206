import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dig, evaluateNames, evaluateString, type Lookup } from './evaluate-names.ts';
import { readModule, TERRAFORM_DIR, type TfModule } from './tf-files.ts';

/** What an account id stands for in names, on both tracks (CDK renders `Ref: AWS::AccountId` to it too). */
export const ACCOUNT = '<account>';

/** The kinds of named resources the Terraform track shares with the CDK app. */
export type NameKind =
  | 'bucket'
  | 'role'
  | 'managedPolicy'
  | 'group'
  | 'glueJob'
  | 'crawler'
  | 'glueDatabase'
  | 'function'
  | 'stream'
  | 'queue'
  | 'rule';

/** Which names local of which module names which kind; a module's names count only where the root calls it. */
const NAME_LOCALS: Record<string, readonly { local: string; key?: string; kind: NameKind; when?: string }[]> =
  {
    'data-lake': [{ local: 'bucket_names', kind: 'bucket' }],
    iam: [
      { local: 'analyst_names', key: 'role', kind: 'role' },
      { local: 'analyst_names', key: 'policy', kind: 'managedPolicy' },
      { local: 'analyst_names', key: 'require_mfa', kind: 'managedPolicy' },
      { local: 'analyst_names', key: 'group', kind: 'group' },
      { local: 'glue_role_names', kind: 'role', when: 'glue_roles' },
      { local: 'lambda_role_names', kind: 'role', when: 'lambda_roles' },
    ],
    glue: [
      { local: 'job_names', kind: 'glueJob' },
      { local: 'crawler_name', kind: 'crawler' },
      { local: 'database_names', kind: 'glueDatabase' },
    ],
    lambda: [
      { local: 'function_names', kind: 'function' },
      { local: 'stream_name', kind: 'stream' },
      { local: 'queue_names', kind: 'queue' },
      { local: 'upload_rule_name', kind: 'rule' },
    ],
  };

/**
 * The physical names the Terraform root would give in workspace `environment`: its locals evaluated from
 * config/<environment>.json, each module call's arguments from them, each module's names.tf from those.
 */
export async function terraformNames(
  environment: string,
  root = path.dirname(TERRAFORM_DIR),
): Promise<Record<NameKind, string[]>> {
  const rootModule = await readModule('terraform', root);
  const config = JSON.parse(
    readFileSync(path.join(root, 'config', `${environment}.json`), 'utf8'),
  ) as unknown;
  const locals: Record<string, unknown> = { config, environment };
  const rootLookup: Lookup = (reference) => {
    const [scope, name = '', ...rest] = reference.split('.');
    if (reference === 'terraform.workspace') return environment;
    if (reference === 'data.aws_caller_identity.current.account_id') return ACCOUNT;
    if (scope === 'local' && name === 'phases') return dig(config, ['phases', ...rest]);
    if (scope === 'local') {
      if (!(name in locals)) {
        locals[name] = evaluateString(
          String(rootModule.locals[name]),
          rootLookup,
          `terraform/main.tf local.${name}`,
        );
      }
      return dig(locals[name], rest);
    }
    return undefined;
  };
  const names = Object.fromEntries(
    Object.values(NAME_LOCALS).flatMap((list) => list.map((n) => [n.kind, [] as string[]])),
  ) as Record<NameKind, string[]>;
  for (const [call, body] of Object.entries(rootModule.modules)) {
    const source = String(body.source).replace('./modules/', '');
    const where = `terraform/main.tf module.${call}`;
    if ('count' in body && !enabled(body.count, rootLookup, where)) continue;
    const module = await readModule(`terraform/modules/${source}`, root);
    const argument: Lookup = (reference) => {
      const [scope, name = ''] = reference.split('.');
      if (scope !== 'var') return undefined;
      return evaluateString(
        String(body[name] ?? module.variables[name]?.default),
        rootLookup,
        `${where}.${name}`,
      );
    };
    for (const entry of NAME_LOCALS[source] ?? []) {
      if (entry.when && !enabled(body[entry.when], rootLookup, `${where}.${entry.when}`)) continue;
      const evaluated = evaluateNames(
        localOf(module, entry.local),
        argument,
        `${module.dir}/names.tf local.${entry.local}`,
      );
      const picked = entry.key ? [evaluated[entry.key] ?? ''] : Object.values(evaluated);
      names[entry.kind].push(...picked);
    }
  }
  return names;
}

function localOf(module: TfModule, name: string): unknown {
  if (!(name in module.locals)) throw new Error(`${module.dir}/names.tf: no local "${name}".`);
  return module.locals[name];
}

/** `${local.phases.x ? 1 : 0}` or `${local.phases.x}`: the forms main.tf switches modules and roles with. */
function enabled(expression: unknown, lookup: Lookup, where: string): boolean {
  const [, reference] = String(expression).match(/^\$\{([\w.]+)(?: \? 1 : 0)?\}$/) ?? [];
  const value = reference ? lookup(reference) : undefined;
  if (typeof value !== 'boolean') {
    throw new Error(
      `${where}: ${String(expression)} is not a switch of config/<env>.json's phases this test can read.`,
    );
  }
  return value;
}
