import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CACHE_ROOT, writeCacheFile } from '../config/cache-file.ts';

const require = createRequire(import.meta.url);
const HCL2JSON_VERSION: string = require('@cdktf/hcl2json/package.json').version;

/**
 * Parsed files, by the hash of their text and the parser's version: starting the parser's WebAssembly
 * module takes longer than `npm run docs` spends on everything else of the Terraform track.
 */
export const HCL_CACHE_DIR = path.join(CACHE_ROOT, 'hcl');

/** The Terraform track: root, modules and their examples. */
export const TERRAFORM_DIR = path.resolve(import.meta.dirname, '../../terraform');

/** One block's attributes as @cdktf/hcl2json gives them: expressions as `${...}` strings, blocks as arrays. */
export type HclBody = Record<string, unknown>;

/** A .tf file, parsed: top-level block type → (label →) list of bodies, as HCL's JSON syntax has it. */
export interface TfFile {
  /** Relative to the repository root. */
  readonly file: string;
  readonly hcl: Record<string, unknown>;
}

/** Every .tf file under `dir` (no .terraform/ provider folders), sorted, relative to `root`. */
export function listTfFiles(dir: string, root = path.dirname(TERRAFORM_DIR)): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.tf'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .filter((f) => !f.split(path.sep).includes('.terraform'))
    .sort();
}

/**
 * Parses one file with a real HCL parser (HashiCorp's hcl, compiled to WASM); a syntax error names the file
 * and line. A file parsed before with the same text is read from {@link HCL_CACHE_DIR} instead.
 */
export async function parseTfFile(
  file: string,
  root = path.dirname(TERRAFORM_DIR),
  cacheDir = HCL_CACHE_DIR,
): Promise<TfFile> {
  const text = readFileSync(path.join(root, file), 'utf8');
  const key = createHash('sha256').update(`${HCL2JSON_VERSION}\0${file}\0${text}`).digest('hex').slice(0, 24);
  const cached = path.join(cacheDir, `${key}.json`);
  if (existsSync(cached)) return { file, hcl: JSON.parse(readFileSync(cached, 'utf8')) };
  // Loaded on first use: the parser decompresses and starts its WebAssembly module as it is imported.
  const { parse } = await import('@cdktf/hcl2json');
  const hcl = await parse(file, text);
  writeCacheFile(cached, JSON.stringify(hcl));
  return { file, hcl };
}

/** A module folder (the root or one of modules/): its files' blocks together, as Terraform reads them. */
export interface TfModule {
  readonly dir: string;
  readonly files: readonly TfFile[];
  readonly variables: Readonly<Record<string, HclBody>>;
  readonly outputs: Readonly<Record<string, HclBody>>;
  readonly locals: Readonly<Record<string, unknown>>;
  readonly modules: Readonly<Record<string, HclBody>>;
  readonly terraform: readonly HclBody[];
}

/** Reads the .tf files directly in `dir` (not its subfolders), relative to `root`. */
export async function readModule(dir: string, root = path.dirname(TERRAFORM_DIR)): Promise<TfModule> {
  const names = readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.tf'));
  const files = await Promise.all(names.sort().map((f) => parseTfFile(path.join(dir, f), root)));
  const labelled = (type: string) =>
    Object.fromEntries(
      files.flatMap((f) =>
        Object.entries((f.hcl[type] ?? {}) as Record<string, HclBody[]>).map(([name, [body]]) => [
          name,
          body ?? {},
        ]),
      ),
    );
  const unlabelled = (type: string) => files.flatMap((f) => (f.hcl[type] ?? []) as HclBody[]);
  return {
    dir,
    files,
    variables: labelled('variable'),
    outputs: labelled('output'),
    locals: Object.assign({}, ...unlabelled('locals')),
    modules: labelled('module'),
    terraform: unlabelled('terraform'),
  };
}

/** The module folders under `root`, relative to it: terraform/, then terraform/modules/<name>, sorted. */
export function moduleDirs(root = path.dirname(TERRAFORM_DIR)): string[] {
  const modules = path.join(root, 'terraform/modules');
  return [
    'terraform',
    ...readdirSync(modules)
      .sort()
      .map((name) => `terraform/modules/${name}`),
  ];
}
