/**
 * A zip of a folder, written with Node's own zlib (deflate and CRC-32) rather than a dependency: the
 * project's zip libraries arrive only as dependencies of other packages. The output is deterministic
 * (sorted entries, a fixed timestamp), so the same files give the same bytes, the same SHA-256, and a
 * retried upload can see that the artifact already in S3 is this one.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Folders that are caches, build output or local environments, never source: left out of the artifact. Every
 * `.venv*` folder goes too: the project keeps one virtualenv per pin set (.venv, .venv-airflow, .venv-checkov).
 */
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  'cdk.out',
  '__pycache__',
  '.pytest_cache',
  '.mypy_cache',
  '.ruff_cache',
  '.venv',
  'venv',
  'node_modules',
  '.git',
]);

export interface ZipEntry {
  /** Path inside the archive, with forward slashes. */
  readonly name: string;
  readonly data: Buffer;
}

/**
 * Every file under `folder` (relative names, sorted), caches left out. In a git work tree, the files git
 * would commit: tracked or new, never ignored (a tool built into a gitignored folder, such as the 110 MiB
 * tools/tofu/tofu, is not source); elsewhere, or when git ignores `folder` itself, every file.
 */
export function readFolderEntries(folder: string): ZipEntry[] {
  const names = gitFiles(folder) ?? walk(folder);
  return names
    .filter((name) => {
      const parts = name.split('/');
      const dirs = parts.slice(0, -1);
      return !dirs.some((d) => SKIPPED_FOLDERS.has(d) || d.startsWith('.venv')) && !name.endsWith('.pyc');
    })
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => ({ name, data: readFileSync(path.join(folder, name)) }));
}

/**
 * The files git lists under `folder` (tracked and untracked, not ignored), or undefined outside a work tree
 * and for a folder git ignores as a whole (a build output given as the source: every file of it is meant).
 */
export function gitFiles(folder: string): string[] | undefined {
  if (spawnSync('git', ['check-ignore', '-q', '.'], { cwd: folder }).status === 0) return undefined;
  const run = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: folder,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) return undefined;
  // A tracked file deleted in the work tree is still listed; a submodule is listed as a folder.
  return run.stdout
    .split('\0')
    .filter((name) => name !== '' && statSync(path.join(folder, name), { throwIfNoEntry: false })?.isFile());
}

function walk(folder: string): string[] {
  const names: string[] = [];
  const visit = (dir: string, prefix: string) => {
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      const name = prefix === '' ? item.name : `${prefix}/${item.name}`;
      if (item.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(item.name) && !item.name.startsWith('.venv'))
          visit(path.join(dir, item.name), name);
      } else if (item.isFile()) {
        names.push(name);
      }
    }
  };
  visit(folder, '');
  return names;
}

/** 1980-01-01 00:00, the earliest DOS date: a fixed time keeps the archive's bytes reproducible. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** General-purpose flag bit 11: names are UTF-8. */
const UTF8_FLAG = 0x0800;

export function zipEntries(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = deflateRawSync(entry.data, { level: 9 });
    // Store what deflate cannot shrink (already compressed files).
    const stored = deflated.length >= entry.data.length;
    const body = stored ? entry.data : deflated;
    const method = stored ? 0 : 8;
    const crc = crc32(entry.data);
    if (offset > 0xffffffff || entry.data.length > 0xffffffff) {
      throw new Error(`The source artifact is too large for a zip without ZIP64 (at ${entry.name}).`);
    }

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(UTF8_FLAG, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_FLAG, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal attributes: 0
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: a regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + body.length;
  }
  if (entries.length > 0xffff) throw new Error('The source artifact has more than 65535 files.');
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

export function zipFolder(folder: string): { readonly zip: Buffer; readonly files: number } {
  const entries = readFolderEntries(folder);
  return { zip: zipEntries(entries), files: entries.length };
}
