import {
  BootstrapEnvironments,
  BootstrapStackParameters,
  NonInteractiveIoHost,
  StackSelectionStrategy,
  Toolkit,
} from '@aws-cdk/toolkit-lib';
import { type BootstrapAppOptions, synthesizeBootstrap } from '../../infra/bootstrap/bootstrap-app.ts';
import { BootstrapError } from '../../infra/bootstrap/bootstrap-error.ts';
import { type BootstrapNames, GITHUB_OIDC_HOST } from '../../infra/bootstrap/bootstrap-names.ts';
import { FINDINGS_HINT, formatFinding, isError } from '../../infra/nag/validation-findings.ts';

/** The toolkit's progress goes to stderr, so stdout keeps only what this command prints for the user. */
function newToolkit(toolkitStackName?: string): Toolkit {
  return new Toolkit({ ioHost: new NonInteractiveIoHost({ isCI: false }), emojis: false, toolkitStackName });
}

/** The `cdk bootstrap` of one environment, as the CLI would take it. */
export function cdkBootstrapCommand(
  names: BootstrapNames,
  account: string,
  region: string,
  partition = 'aws',
): string {
  return [
    `npx cdk bootstrap aws://${account}/${region}`,
    `--qualifier ${names.qualifier}`,
    `--toolkit-stack-name ${names.cdkToolkitStackName}`,
    `--cloudformation-execution-policies arn:${partition}:iam::${account}:policy/${names.cdkExecutionPolicyName}`,
    `--custom-permissions-boundary ${names.cdkBoundaryPolicyName}`,
  ].join(' ');
}

/**
 * `cdk bootstrap` for one environment, through the toolkit library instead of the CLI: its own qualifier and
 * stack, and a CloudFormation execution role with the environment's execution policy and boundary (which
 * deployBootstrap created) instead of AdministratorAccess.
 */
export async function runCdkBootstrap(
  names: BootstrapNames,
  account: string,
  region: string,
  partition = 'aws',
): Promise<void> {
  await newToolkit(names.cdkToolkitStackName).bootstrap(
    BootstrapEnvironments.fromList([`aws://${account}/${region}`]),
    {
      parameters: BootstrapStackParameters.withExisting({
        qualifier: names.qualifier,
        cloudFormationExecutionPolicies: [
          `arn:${partition}:iam::${account}:policy/${names.cdkExecutionPolicyName}`,
        ],
        customPermissionsBoundary: names.cdkBoundaryPolicyName,
      }),
    },
  );
}

/** Outputs of each deployed stack, by stack name. */
export type StackOutputs = Record<string, Record<string, string>>;

/**
 * Synthesizes the bootstrap app (refusing to go on with a cdk-nag error) and deploys all its stacks with
 * the caller's credentials, the provider's stack first.
 */
export async function deployBootstrap(
  options: Omit<BootstrapAppOptions, 'outdir' | 'context'>,
): Promise<StackOutputs> {
  const toolkit = newToolkit();
  const source = await toolkit.fromAssemblyBuilder(
    async (props) => {
      const { assembly, findings } = synthesizeBootstrap({
        ...options,
        outdir: props.outdir,
        context: props.context,
      });
      const errors = findings.filter(isError);
      if (errors.length > 0) {
        throw new BootstrapError(`${errors.map(formatFinding).join('\n')}\n${FINDINGS_HINT}`);
      }
      return assembly;
    },
    { clobberEnv: false },
  );
  try {
    const result = await toolkit.deploy(source, { stacks: { strategy: StackSelectionStrategy.ALL_STACKS } });
    return Object.fromEntries(result.stacks.map((s) => [s.stackName, s.outputs]));
  } catch (error) {
    if (error instanceof BootstrapError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/already exists/i.test(message) && message.includes(GITHUB_OIDC_HOST)) {
      throw new BootstrapError(
        `${message}\nThe account already has a GitHub OIDC provider (IAM allows one per URL). Use it: --existing-provider-arn arn:aws:iam::<account>:oidc-provider/${GITHUB_OIDC_HOST}`,
      );
    }
    throw error;
  }
}
