/**
 * The inventory reader: deployable templates (a CDK cloud assembly or one CloudFormation/SAM template) read
 * once into stacks, resources with resolved properties, construct paths, phases and outputs; shared by the
 * cost engine, the diagram and the docs.
 */
import { statSync } from 'node:fs';
import { readAssembly } from './assembly-reader.ts';
import { InventoryError } from './inventory-error.ts';
import { readTemplateFile, type TemplateFileOptions } from './template-file.ts';
import type { Inventory } from './types.ts';

export { readAssembly } from './assembly-reader.ts';
export { partitionOf, referencedLogicalIds, resolveIntrinsics } from './intrinsics.ts';
export { readTemplateFile } from './template-file.ts';
export { parseTemplate } from './template-parser.ts';

export type * from './types.ts';

/** A directory is read as a cloud assembly, a file as a template (the options apply to templates only). */
export function readInventory(path: string, options: TemplateFileOptions = {}): Inventory {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) {
    throw new InventoryError(path, 'no such file or directory.', {
      hint: 'Pass a cloud assembly directory (run `npm run synth` first to write cdk.out) or a CloudFormation template file (JSON or YAML).',
    });
  }
  return stats.isDirectory() ? readAssembly(path) : readTemplateFile(path, options);
}
