import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'launchpad-launch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const launch = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, ['scripts/launch.mjs', script, ...args], { cwd: ROOT, encoding: 'utf8' });

function script(name: string, text: string): string {
  const file = path.join(work, name);
  writeFileSync(file, text);
  return path.relative(ROOT, file);
}

describe('scripts/launch.mjs', () => {
  it("runs a TypeScript command with its arguments, where its source is, with the repository's packages", () => {
    const file = script(
      'where.ts',
      [
        "import { parse } from 'yaml';",
        'const answer: Record<string, unknown> = {',
        '  dir: import.meta.dirname,',
        '  file: import.meta.filename,',
        '  url: import.meta.url,',
        '  argv: process.argv.slice(2),',
        "  parsed: parse('a: 1'),",
        "  text: 'import.meta.dirname stays text in a string',",
        '};',
        'console.log(JSON.stringify(answer));',
      ].join('\n'),
    );
    const run = launch(file, '--flag', 'value');
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      dir: work,
      file: path.join(work, 'where.ts'),
      url: `file://${path.join(work, 'where.ts')}`,
      argv: ['--flag', 'value'],
      parsed: { a: 1 },
      text: 'import.meta.dirname stays text in a string',
    });
  });

  it('points a stack trace at the TypeScript line', () => {
    const file = script(
      'throws.ts',
      ['const n: number = 1;', '', 'throw new Error("failed at " + n);'].join('\n'),
    );
    const run = launch(file);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('failed at 1');
    expect(run.stderr).toContain(`${path.join(work, 'throws.ts')}:3`);
  });

  it('loads code behind a dynamic import only when it runs', () => {
    script('heavy.ts', "import 'aws-cdk-lib';\nexport const loaded = true;\n");
    const file = script(
      'lazy.ts',
      [
        "import { createRequire } from 'node:module';",
        "const cdkLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('aws-cdk-lib'));",
        'const before = cdkLoaded();',
        "if (process.argv[2] === 'load') await import('./heavy.ts');",
        'console.log(JSON.stringify({ before, after: cdkLoaded() }));',
      ].join('\n'),
    );
    expect(JSON.parse(launch(file).stdout)).toEqual({ before: false, after: false });
    expect(JSON.parse(launch(file, 'load').stdout)).toEqual({ before: false, after: true });
  });

  it('reuses its bundle until a source changes, then builds again', () => {
    const value = (n: number) => script('value.ts', `export const value: number = ${n};\n`);
    value(1);
    const file = script('show.ts', "import { value } from './value.ts';\nconsole.log(value);\n");
    expect(launch(file).stdout).toBe('1\n');
    expect(launch(file).stdout).toBe('1\n');
    value(22);
    expect(launch(file).stdout).toBe('22\n');
  });

  it("removes an earlier bundle's chunks once they are a day old (a command may still be running on them)", () => {
    const lazy = (n: number) => {
      script('chunked.ts', `export const n: number = ${n};\n`);
      return script('chunks.ts', "const { n } = await import('./chunked.ts');\nconsole.log(n);\n");
    };
    const file = lazy(1);
    expect(launch(file).stdout).toBe('1\n');
    const outdir = path.join(
      ROOT,
      'node_modules/.cache/launchpad',
      createHash('sha256').update(ROOT).digest('hex').slice(0, 12),
      file.replaceAll(path.sep, '__'),
    );
    const chunks = () => readdirSync(outdir).filter((f) => f.startsWith('chunk'));
    const [first] = chunks();
    lazy(2);
    expect(launch(file).stdout).toBe('2\n');
    const second = chunks().find((f) => f !== first);
    // A day and a minute ago: the next build removes the first bundle's chunk, and keeps the second's.
    const old = new Date(Date.now() - (24 * 60 + 1) * 60 * 1000);
    utimesSync(path.join(outdir, first as string), old, old);
    lazy(3);
    expect(launch(file).stdout).toBe('3\n');
    expect(chunks()).not.toContain(first);
    expect(chunks()).toContain(second);
    expect(chunks()).toHaveLength(2);
  });

  it('says how to use it when no script is given', () => {
    const run = spawnSync(process.execPath, ['scripts/launch.mjs'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^Usage: node scripts\/launch\.mjs <script\.ts>/);
  });
});
