/** A plain CloudFormation (or SAM) template file, JSON or YAML → Inventory with one stack. */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { dependencyCycle } from './dependency-cycle.ts';
import { InventoryError } from './inventory-error.ts';
import { inventoryStack } from './stack-reader.ts';
import { parseTemplate } from './template-parser.ts';
import type { Inventory } from './types.ts';

export interface TemplateFileOptions {
  /** Resolves AWS::Region (and AWS::Partition, AWS::URLSuffix). @default unknown: they stay as Refs */
  readonly region?: string;
  /** Resolves AWS::AccountId. @default unknown */
  readonly account?: string;
  /** Parameter values; parameters left out take their Default. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** The deployed stack name: resolves AWS::StackName. @default the file's name, and AWS::StackName stays a Ref */
  readonly stackName?: string;
  /**
   * Refuse what CloudFormation would refuse to deploy (a circular dependency between resources), for an
   * estimate of what will be deployed; a diagram may still draw such a template. @default false
   */
  readonly deployable?: boolean;
}

export function readTemplateFile(file: string, options: TemplateFileOptions = {}): Inventory {
  const templateFile = path.resolve(file);
  const stats = statSync(templateFile, { throwIfNoEntry: false });
  if (!stats) {
    throw new InventoryError(file, 'no such template file.', {
      hint: 'Check the path: a template is a CloudFormation JSON or YAML file.',
    });
  }
  if (stats.isDirectory()) {
    throw new InventoryError(file, 'this is a directory, not a template file.', {
      hint: 'Pass a template file, or read a cloud assembly directory (cdk.out) with readAssembly or readInventory.',
    });
  }
  const warnings: string[] = [];
  const template = parseTemplate(templateText(readFileSync(templateFile), file), file, {
    parameters: options.parameters,
    onWarning: (warning) => warnings.push(warning),
  });
  const cycle = options.deployable ? dependencyCycle(template) : undefined;
  if (cycle) {
    throw new InventoryError(file, `circular dependency between resources: ${cycle.join(' → ')}.`, {
      hint: 'CloudFormation refuses to deploy it, so it is not priced: remove one of these references (Ref, Fn::GetAtt, Fn::Sub or DependsOn).',
    });
  }
  const id = path.basename(templateFile, path.extname(templateFile));
  const stack = inventoryStack(template, {
    id,
    stackName: options.stackName ?? id,
    stackNameKnown: options.stackName !== undefined,
    region: options.region,
    account: options.account,
    templateFile,
    parameters: options.parameters,
  });
  return { source: templateFile, stacks: [stack], ...(warnings.length > 0 && { warnings }) };
}

/**
 * The file's text; a binary file (an image, an archive, a template saved as UTF-16) is named as such, not
 * parsed, so the error does not quote kilobytes of garbage.
 */
function templateText(bytes: Buffer, file: string): string {
  const hint =
    'A template is CloudFormation JSON or YAML text in UTF-8: check that this is the file you meant.';
  const zero = bytes.indexOf(0);
  if (zero !== -1) {
    throw new InventoryError(file, `a binary file, not a template (a zero byte at offset ${zero}).`, {
      hint,
    });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InventoryError(file, 'not UTF-8 text, so not a template.', { hint });
  }
}
