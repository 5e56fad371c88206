import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BEGIN, END, fillTables, moduleTables, writeModuleReadmes } from './module-docs.ts';
import { readModule, TERRAFORM_DIR } from './tf-files.ts';

describe('module README tables', () => {
  it('list each input with its type, default and whether it is required, and each output', async () => {
    const tables = moduleTables(await readModule('terraform/modules/lambda'));
    expect(tables).toContain('| prefix | Name prefix of this environment');
    expect(tables).toMatch(/\| reserved_concurrency \| .* \| `number` \| `null` \| no \|/);
    expect(tables).toMatch(/\| role_arns \| .* \| `map\(string\)` \| n\/a \| yes \|/);
    expect(tables).toContain('| stream_arn | ARN of the Kinesis data stream of ride events. |');
  });

  it('refuses a README without the markers, naming the file and the fix', () => {
    expect(() => fillTables('# Module\n', 'x', 'terraform/modules/x/README.md')).toThrow(
      `terraform/modules/x/README.md: no ${BEGIN} … ${END} pair`,
    );
    expect(fillTables(`a\n${BEGIN}\nold\n${END}\nb`, 'new', 'f')).toBe(`a\n${BEGIN}\nnew\n${END}\nb`);
  });
});

describe('writeModuleReadmes', () => {
  it('rewrites a stale README between its markers only, and changes no byte on a second run', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'launchpad-tf-docs-'));
    try {
      cpSync(TERRAFORM_DIR, path.join(root, 'terraform'), { recursive: true });
      const readme = path.join(root, 'terraform/modules/glue/README.md');
      const stale = readFileSync(readme, 'utf8').replace('| crawler_name |', '| old_name |');
      writeFileSync(readme, `${stale}\nWritten by a person.\n`);
      const first = await writeModuleReadmes(root);
      expect(first.filter((f) => f.result === 'written').map((f) => f.path)).toEqual([
        'terraform/modules/glue/README.md',
      ]);
      expect(readFileSync(readme, 'utf8')).toContain('| crawler_name |');
      expect(readFileSync(readme, 'utf8')).toContain('Written by a person.');
      expect((await writeModuleReadmes(root)).every((f) => f.result === 'unchanged')).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('writes nothing in a repository without terraform/', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'launchpad-tf-docs-'));
    try {
      expect(await writeModuleReadmes(root)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
