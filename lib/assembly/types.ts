/** Everything deployable that one cloud assembly or one template file describes. */
export interface Inventory {
  /** Absolute path of the cloud assembly directory or of the template file read. */
  readonly source: string;
  readonly stacks: readonly InventoryStack[];
  /** What CloudFormation accepts but a reader should know (a key written twice: the last counts), one line each. */
  readonly warnings?: readonly string[];
}

export interface InventoryStack {
  /** `dev/foundation` in a cloud assembly (what `cdk deploy` accepts); the file's name without extension for a template. */
  readonly id: string;
  /** The CloudFormation stack name (`launchpad-dev-foundation`); for a template, the `stackName` option, else the id. */
  readonly stackName: string;
  /** The Stage name (`dev`) when the stack sits in a Stage. */
  readonly environment?: string;
  /** The stack's id within its Stage (`foundation`), else undefined. */
  readonly phase?: string;
  /** Undefined when environment-agnostic or unknown. */
  readonly region?: string;
  readonly account?: string;
  /** Absolute path of the template. */
  readonly templateFile: string;
  /** The template's `Description`, when it is a string. */
  readonly description?: string;
  readonly parameters: Readonly<Record<string, InventoryParameter>>;
  readonly resources: readonly InventoryResource[];
  readonly outputs: Readonly<Record<string, InventoryOutput>>;
}

export interface InventoryParameter {
  readonly type: string;
  /** The given value, else the `Default` (typed: a number for `Number`, an array for list types); undefined when neither is known (and always for SSM parameter types, whose value lives in Parameter Store). */
  readonly value?: unknown;
  readonly description?: string;
}

export interface InventoryOutput {
  /** Resolved like resource properties. */
  readonly value: unknown;
  readonly description?: string;
}

export interface InventoryResource {
  readonly logicalId: string;
  /** As written: `AWS::S3::Bucket`, `Custom::X`, `AWS::Serverless::Function` (SAM is not expanded; its Globals are merged in). */
  readonly type: string;
  /** CDK construct path, from the resource's Metadata 'aws:cdk:path', the assembly's metadata or tree.json. */
  readonly constructPath?: string;
  /** The resource's 'phase' tag if present, else the stack's phase. */
  readonly phase?: string;
  /** Properties with intrinsics resolved where possible; what cannot be resolved stays in CloudFormation's long form ({ Ref }, { 'Fn::GetAtt' }, ...). */
  readonly properties: Readonly<Record<string, unknown>>;
  /** Name of the template condition the resource is created under. */
  readonly condition?: string;
  /** That condition's value when it can be evaluated: false means CloudFormation would not create the resource. */
  readonly conditionMet?: boolean;
  readonly dependsOn: readonly string[];
}

/** The parts of a CloudFormation template this module reads (checked for shape when a file is read). */
export interface CloudFormationTemplate {
  readonly Description?: unknown;
  readonly Transform?: unknown;
  /** SAM's shared properties; already merged into the resources they cover once a file is parsed. */
  readonly Globals?: unknown;
  readonly Parameters?: Readonly<Record<string, TemplateParameter>>;
  readonly Mappings?: Readonly<Record<string, unknown>>;
  readonly Conditions?: Readonly<Record<string, unknown>>;
  readonly Resources: Readonly<Record<string, TemplateResource>>;
  readonly Outputs?: Readonly<Record<string, TemplateOutput>>;
}

export interface TemplateParameter {
  readonly Type?: unknown;
  readonly Default?: unknown;
  readonly Description?: unknown;
}

export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: unknown;
  readonly Condition?: unknown;
  readonly DependsOn?: unknown;
  readonly Metadata?: unknown;
}

export interface TemplateOutput {
  readonly Value?: unknown;
  readonly Description?: unknown;
}
