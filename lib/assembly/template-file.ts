/** A plain CloudFormation (or SAM) template file, JSON or YAML → Inventory with one stack. */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
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
  const template = parseTemplate(readFileSync(templateFile, 'utf8'), file);
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
  return { source: templateFile, stacks: [stack] };
}
