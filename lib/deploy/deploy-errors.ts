/**
 * A deploy or teardown that cannot be carried out as asked (unknown phase, phase switched off, a refused
 * confirmation): its message says what to change, so scripts print it without a stack trace.
 */
export class DeployInputError extends Error {
  override readonly name: string = 'DeployInputError';
}

/** Where a CloudFormation deployment failed: the stack, the first resource that failed, and why. */
export interface StackFailure {
  readonly stackName: string;
  /** The resource's logical id; the stack's own name when CloudFormation named no resource. */
  readonly logicalId: string;
  readonly resourceType: string;
  /** CREATE_FAILED, UPDATE_FAILED, DELETE_FAILED, or the stack status when no resource event says more. */
  readonly status: string;
  readonly reason: string;
}

/** A deployment CloudFormation refused or rolled back: names the stack, the resource and the reason. */
export class DeployFailedError extends Error {
  override readonly name = 'DeployFailedError';
  constructor(
    readonly failure: StackFailure,
    /** The toolkit's own error, for the log. */
    readonly toolkitMessage: string,
  ) {
    super(describeFailure(failure));
  }
}

export function describeFailure(f: StackFailure): string {
  const resource = f.logicalId === f.stackName ? 'the stack itself' : `${f.logicalId} (${f.resourceType})`;
  return `Stack ${f.stackName} failed: ${resource} ${f.status}: ${f.reason}`;
}
