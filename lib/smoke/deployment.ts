/**
 * What the smoke test talks to, read from the outputs of the deployed stacks `${project}-${env}-${phase}`:
 * live from CloudFormation (DescribeStacks), or from a `cdk deploy --outputs-file` file.
 */
import { existsSync } from 'node:fs';
import {
  type CloudFormationClient,
  DescribeStacksCommand,
  type DescribeStacksCommandOutput,
} from '@aws-sdk/client-cloudformation';
import { describeSdkError } from '../aws/sdk-error.ts';
import { PHASES, type PhaseName } from '../config/phases.ts';
import { readDeployedOutputs } from '../deploy/stack-outputs.ts';

export interface Deployment {
  readonly project: string;
  readonly environment: string;
  readonly region: string;
  readonly rawBucket: string;
  readonly streamName: string;
  readonly deliveryStreamName: string;
  readonly apiUrl: string;
  readonly apiKeyId: string;
  readonly stateMachineArn: string;
  readonly workgroup: string;
  readonly curatedDatabase: string;
}

type Located = Exclude<keyof Deployment, 'project' | 'environment' | 'region'>;

/** The outputs each stage needs, by the phase whose stack has them. */
const NEEDED: readonly {
  readonly phase: PhaseName;
  readonly stage: string;
  readonly outputs: Readonly<Partial<Record<Located, string>>>;
}[] = [
  { phase: 'foundation', stage: 'deliver', outputs: { rawBucket: 'RawBucketName' } },
  {
    phase: 'ingestion',
    stage: 'ingest',
    outputs: {
      streamName: 'StreamName',
      deliveryStreamName: 'DeliveryStreamName',
      apiUrl: 'ApiUrl',
      apiKeyId: 'ApiKeyId',
    },
  },
  { phase: 'orchestration', stage: 'transform', outputs: { stateMachineArn: 'StateMachineArn' } },
  {
    phase: 'analytics',
    stage: 'query',
    outputs: { workgroup: 'WorkgroupName', curatedDatabase: 'CuratedDatabaseName' },
  },
];

/** A stack's outputs, or undefined when the stack is not deployed. */
export type OutputsReader = (stackName: string) => Promise<Readonly<Record<string, string>> | undefined>;

export class DeploymentError extends Error {
  override readonly name = 'DeploymentError';
}

export interface ResolveOptions {
  readonly project: string;
  readonly environment: string;
  readonly region: string;
  readonly read: OutputsReader;
  /** Where the outputs came from, for messages: `CloudFormation in us-east-1` or a file name. */
  readonly source: string;
  /** The environment's `phases` switches from its config file, to say which one to turn on. */
  readonly phases?: Readonly<Partial<Record<PhaseName, boolean>>>;
  /** The config file, e.g. config/dev.json. */
  readonly configFile?: string;
}

/** Reads every output the smoke test needs; a single error lists everything missing and how to get it. */
export async function resolveDeployment(options: ResolveOptions): Promise<Deployment> {
  const { project, environment } = options;
  const found: Partial<Record<Located, string>> = {};
  const problems: string[] = [];
  const toDeploy = new Set<PhaseName>();
  for (const { phase, stage, outputs } of NEEDED) {
    const stack = `${project}-${environment}-${phase}`;
    const info = PHASES[phase];
    const values = await options.read(stack);
    if (values === undefined) {
      problems.push(
        `stack ${stack} (phase ${info.roadmapPhase}, ${info.title}) is not deployed; the ${stage} stage needs it`,
      );
      toDeploy.add(phase);
      continue;
    }
    const missing = Object.entries(outputs).filter(([, output]) => !values[output]);
    if (missing.length > 0) {
      problems.push(
        `stack ${stack} has no output ${missing.map(([, o]) => o).join(', ')} (the ${stage} stage needs it; ` +
          `it has ${Object.keys(values).sort().join(', ') || 'no outputs'}): deploy the current version of the phase`,
      );
      toDeploy.add(phase);
    }
    for (const [key, output] of Object.entries(outputs) as [Located, string][]) {
      if (values[output]) found[key] = values[output];
    }
  }
  if (problems.length > 0) {
    const off = [...toDeploy].filter((phase) => options.phases?.[phase] === false);
    const lines = [
      `The smoke test cannot run against ${project} ${environment}: outputs read from ${options.source}.`,
      ...problems.map((p) => `  - ${p}`),
    ];
    if (off.length > 0) {
      lines.push(
        `Turn on ${off.map((p) => `phases.${p}`).join(' and ')} in ${options.configFile ?? `config/${environment}.json`}, then deploy.`,
      );
    }
    lines.push(
      `Deploy with: npx cdk deploy '${environment}/*' --outputs-file cdk-outputs/${environment}.json (or the deploy workflow).`,
    );
    throw new DeploymentError(lines.join('\n'));
  }
  return { project, environment, region: options.region, ...(found as Record<Located, string>) };
}

/** Outputs of deployed stacks from CloudFormation. A stack that failed to create counts as not deployed. */
export function cloudFormationOutputs(client: CloudFormationClient): OutputsReader {
  return async (stackName) => {
    let output: DescribeStacksCommandOutput;
    try {
      output = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    } catch (error) {
      if ((error as Error).name === 'ValidationError' && /does not exist/.test((error as Error).message)) {
        return undefined;
      }
      const failure = describeSdkError(error);
      throw new DeploymentError(
        `Could not read stack ${stackName} (DescribeStacks): ${failure.summary}\n${failure.advice}`,
        { cause: error },
      );
    }
    const found = output.Stacks?.[0];
    if (
      found === undefined ||
      /^(CREATE_IN_PROGRESS|CREATE_FAILED|ROLLBACK_|DELETE_)/.test(found.StackStatus ?? '')
    ) {
      return undefined;
    }
    return Object.fromEntries(
      (found.Outputs ?? []).flatMap((o) => (o.OutputKey ? [[o.OutputKey, o.OutputValue ?? '']] : [])),
    );
  };
}

/** Outputs from a `cdk deploy --outputs-file` file (or a folder of them). */
export function fileOutputs(file: string): OutputsReader {
  if (!existsSync(file)) {
    throw new DeploymentError(
      `${file} does not exist. Write it with: npx cdk deploy '<env>/*' --outputs-file ${file}, or leave out --outputs to read the stacks from CloudFormation.`,
    );
  }
  const outputs = readDeployedOutputs(file);
  return async (stackName) => outputs.get(stackName);
}
