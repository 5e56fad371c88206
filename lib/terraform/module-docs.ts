import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type WriteResult, writeIfChanged } from '../render/write-if-changed.ts';
import { type HclBody, moduleDirs, readModule, TERRAFORM_DIR, type TfModule } from './tf-files.ts';

/** The markers terraform-docs writes between, so a README made by either tool keeps its tables in place. */
export const BEGIN = '<!-- BEGIN_TF_DOCS -->';
export const END = '<!-- END_TF_DOCS -->';

/** `${string}` → `string`: hcl2json wraps every expression in an interpolation. */
function expression(value: unknown): string {
  if (typeof value === 'string') {
    const inner = value.match(/^\$\{([\s\S]*)\}$/)?.[1];
    return (inner ?? JSON.stringify(value)).replace(/\s+/g, ' ').trim();
  }
  return JSON.stringify(value);
}

/** A Markdown table cell: one line, pipes escaped. */
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The Inputs and Outputs tables of one module, as terraform-docs' markdown table lays them out. */
export function moduleTables(module: TfModule): string {
  const variables = Object.entries(module.variables).sort(([a], [b]) => a.localeCompare(b));
  const inputs = variables.map(([name, body]: [string, HclBody]) => {
    const required = !('default' in body);
    const fallback = required ? 'n/a' : `\`${cell(expression(body.default))}\``;
    const type = body.type === undefined ? 'any' : expression(body.type);
    return `| ${name} | ${cell(String(body.description ?? ''))} | \`${cell(type)}\` | ${fallback} | ${required ? 'yes' : 'no'} |`;
  });
  const outputs = Object.entries(module.outputs)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, body]) => `| ${name} | ${cell(String(body.description ?? ''))} |`);
  return [
    '## Inputs',
    '',
    ...(inputs.length > 0
      ? [
          '| Name | Description | Type | Default | Required |',
          '|------|-------------|------|---------|:--------:|',
          ...inputs,
        ]
      : ['No inputs.']),
    '',
    '## Outputs',
    '',
    ...(outputs.length > 0
      ? ['| Name | Description |', '|------|-------------|', ...outputs]
      : ['No outputs.']),
  ].join('\n');
}

/** `text` with the tables between its markers replaced; throws naming the file when the markers are missing. */
export function fillTables(text: string, tables: string, file: string): string {
  const start = text.indexOf(BEGIN);
  const stop = text.indexOf(END);
  if (start < 0 || stop < start) {
    throw new Error(
      `${file}: no ${BEGIN} … ${END} pair; add both lines where the inputs and outputs tables belong, then run npm run docs.`,
    );
  }
  return `${text.slice(0, start + BEGIN.length)}\n${tables}\n${text.slice(stop)}`;
}

/**
 * Writes the tables of the root's and every module's README.md under `root` (`npm run docs`); unchanged files
 * keep every byte. A repository without terraform/ has nothing to write.
 */
export async function writeModuleReadmes(
  root = path.dirname(TERRAFORM_DIR),
): Promise<{ path: string; result: WriteResult }[]> {
  const results: { path: string; result: WriteResult }[] = [];
  if (!existsSync(path.join(root, 'terraform'))) return results;
  for (const dir of moduleDirs(root)) {
    const file = path.join(dir, 'README.md');
    const full = path.join(root, file);
    if (!existsSync(full)) {
      throw new Error(
        `${file} does not exist: write it with a ${BEGIN} and an ${END} line, then run npm run docs.`,
      );
    }
    const tables = moduleTables(await readModule(dir, root));
    results.push({
      path: file,
      result: writeIfChanged(full, fillTables(readFileSync(full, 'utf8'), tables, file)),
    });
  }
  return results;
}
