import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describeValue } from '../config/config-error.ts';
import { InputError } from '../config/input-error.ts';

/** Outputs of deployed stacks, by stack name, as `cdk deploy --outputs-file` writes them. */
export type DeployedOutputs = ReadonlyMap<string, Readonly<Record<string, string>>>;

/**
 * Reads `cdk deploy --outputs-file` results: one file (`cdk-outputs.json`) or a folder of them
 * (`cdk-outputs/<env>.json`, one per environment). Absent: nothing is deployed yet.
 */
export function readDeployedOutputs(location: string): DeployedOutputs {
  const outputs = new Map<string, Record<string, string>>();
  if (!existsSync(location)) return outputs;
  const files = statSync(location).isDirectory()
    ? readdirSync(location)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => path.join(location, f))
    : [location];
  for (const file of files) {
    const shown = path.relative(process.cwd(), file) || file;
    const fix = `write it again with: npx cdk deploy --outputs-file ${shown}`;
    let data: unknown;
    try {
      // A byte-order mark (some Windows editors add one) is not part of the JSON.
      data = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    } catch (error) {
      const reason = (error as Error).message.split('\n')[0];
      throw new InputError(`${shown}: not valid JSON (${reason}), perhaps cut short; ${fix}`);
    }
    if (!isObject(data)) {
      throw new InputError(
        `${shown}: expected an object of stack names, found ${describeValue(data)}; ${fix}`,
      );
    }
    for (const [stack, values] of Object.entries(data)) {
      if (!isObject(values)) {
        throw new InputError(
          `${shown}: stack "${stack}" should map output names to values, found ${describeValue(values)}; ${fix}`,
        );
      }
      outputs.set(stack, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])));
    }
  }
  return outputs;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface TryItCommand {
  readonly output: string;
  readonly value: string;
  readonly cli: string;
  readonly boto3: string;
}

/** Ready-to-paste AWS CLI and boto3 lines for the outputs people act on (buckets, roles, keys, groups, budgets). */
export function tryItCommands(outputs: Readonly<Record<string, string>>): TryItCommand[] {
  return Object.entries(outputs)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([output, value]) => {
      const command = commandFor(output, value);
      return command ? [{ output, value, ...command }] : [];
    });
}

function commandFor(output: string, value: string): { cli: string; boto3: string } | undefined {
  if (output.endsWith('BucketName')) {
    return {
      cli: `aws s3 ls s3://${value}/ --recursive --human-readable`,
      boto3: `boto3.client("s3").list_objects_v2(Bucket="${value}")`,
    };
  }
  if (output.endsWith('RoleName')) {
    return {
      cli: `aws iam get-role --role-name ${value}`,
      boto3: `boto3.client("iam").get_role(RoleName="${value}")`,
    };
  }
  if (output.endsWith('KeyArn')) {
    return {
      cli: `aws kms describe-key --key-id ${value}`,
      boto3: `boto3.client("kms").describe_key(KeyId="${value}")`,
    };
  }
  if (output.endsWith('GroupName')) {
    return {
      cli: `aws iam get-group --group-name ${value}`,
      boto3: `boto3.client("iam").get_group(GroupName="${value}")`,
    };
  }
  if (output === 'BudgetName') {
    return {
      cli: `aws budgets describe-budget --account-id "$(aws sts get-caller-identity --query Account --output text)" --budget-name ${value}`,
      boto3: `boto3.client("budgets").describe_budget(AccountId=boto3.client("sts").get_caller_identity()["Account"], BudgetName="${value}")`,
    };
  }
  return undefined;
}
