/**
 * The project's Python virtualenvs, made from the pinned requirements files: the first command that needs
 * Python (npm test, npm run lint) creates or refreshes them, so a fresh machine needs only Python 3.11+,
 * never packages that happen to be installed. A virtualenv is refreshed when its pinned files or its Python
 * change: a stamp inside it records what it was made from.
 */

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '../..');

export interface VirtualEnv {
  /** Folder of the virtualenv, from the repository root. */
  readonly dir: string;
  /** Its pinned requirements files, from the repository root (`-r` and `-c` includes are followed). */
  readonly requirements: readonly string[];
  /** What it is for, in progress lines. */
  readonly purpose: string;
}

/** The tools and libraries of the pipeline code and its tests (pytest, moto, cfn-lint, ruff, Spark...). */
export const MAIN_ENV: VirtualEnv = {
  dir: '.venv',
  requirements: ['requirements.txt'],
  purpose: 'the Python tools and tests',
};

/**
 * checkov, the second scanner of the synthesized templates, apart: it pins boto3 exactly to a release the
 * pipeline code and its tests have moved past (docs/decisions/0016-checkov-second-scanner.md).
 */
export const CHECKOV_ENV: VirtualEnv = {
  dir: '.venv-checkov',
  requirements: ['requirements-checkov.txt'],
  purpose: 'checkov',
};

/**
 * Apache Airflow as MWAA runs it (decision 0014), apart from MAIN_ENV: Airflow's pins (Flask, SQLAlchemy,
 * boto3...) are those of its constraints file, not the project's. The DAG's tests run in it.
 */
export const AIRFLOW_ENV: VirtualEnv = {
  dir: '.venv-airflow',
  requirements: ['pipeline/dags/testing/requirements.txt'],
  purpose: 'the DAG in Apache Airflow',
};

const MIN_PYTHON: readonly [number, number] = [3, 11];

export class PythonSetupError extends Error {
  override name = 'PythonSetupError';
}

/** The folder of a virtualenv's executables: put it first on PATH and `python3`, `pytest`... are its own. */
export function binDir(env: VirtualEnv, root = REPOSITORY_ROOT): string {
  return path.join(root, env.dir, process.platform === 'win32' ? 'Scripts' : 'bin');
}

export function pythonOf(env: VirtualEnv, root = REPOSITORY_ROOT): string {
  return path.join(binDir(env, root), process.platform === 'win32' ? 'python.exe' : 'python');
}

export interface EnsureOptions {
  /** The Python that makes the virtualenv. Default: $LAUNCHPAD_PYTHON, else `python3`. */
  readonly basePython?: string;
  readonly root?: string;
  readonly onProgress?: (line: string) => void;
}

/** Creates or refreshes the virtualenv when needed and returns its Python. */
export function ensureVirtualEnv(env: VirtualEnv, options: EnsureOptions = {}): string {
  const root = options.root ?? REPOSITORY_ROOT;
  const base = options.basePython ?? process.env.LAUNCHPAD_PYTHON ?? 'python3';
  const progress = options.onProgress ?? ((line: string) => console.error(line));
  const python = pythonOf(env, root);
  const stampFile = path.join(root, env.dir, '.launchpad-requirements');
  const version = pythonVersion(existsSync(python) ? python : base);
  const stamp = requirementsStamp(env, root, version);
  if (existsSync(python) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return python;

  const started = performance.now();
  const files = env.requirements.join(', ');
  if (!existsSync(python)) {
    const baseVersion = pythonVersion(base);
    progress(
      `Python: creating ${env.dir} for ${env.purpose} with ${base} (${baseVersion}) from ${files} ...`,
    );
    run(base, ['-m', 'venv', path.join(root, env.dir)], root, 'create the virtualenv', venvHint());
  } else {
    progress(`Python: ${files} changed, refreshing ${env.dir} ...`);
  }
  const install = ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet'];
  run(python, [...install, ...env.requirements.flatMap((file) => ['-r', file])], root, `install ${files}`);
  writeFileSync(stampFile, requirementsStamp(env, root, pythonVersion(python)));
  progress(`Python: ${env.dir} is ready (${((performance.now() - started) / 1000).toFixed(0)} s).`);
  return python;
}

/** `Python 3.11.7`, checked against the minimum the pipeline code needs (Glue 5.0 runs 3.11). */
function pythonVersion(python: string): string {
  const result = spawnSync(python, ['--version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new PythonSetupError(
      `No Python found at "${python}": install Python ${MIN_PYTHON.join('.')} or newer (Debian/Ubuntu: sudo apt-get install python3 python3-venv), or set LAUNCHPAD_PYTHON to one.`,
    );
  }
  const text = `${result.stdout}${result.stderr}`.trim();
  const [major = 0, minor = 0] = (/(\d+)\.(\d+)/.exec(text) ?? []).slice(1).map(Number);
  if (major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1])) {
    throw new PythonSetupError(
      `${python} is ${text}; the pipeline code needs Python ${MIN_PYTHON.join('.')} or newer. Install one and set LAUNCHPAD_PYTHON to it.`,
    );
  }
  return text;
}

/** What the virtualenv is made from: its Python's version and every pinned file it reads, constraints too. */
function requirementsStamp(env: VirtualEnv, root: string, version: string): string {
  const hash = createHash('sha256').update(version);
  const seen = new Set<string>();
  const add = (file: string) => {
    const absolute = path.resolve(root, file);
    if (seen.has(absolute)) return;
    seen.add(absolute);
    if (!existsSync(absolute)) {
      throw new PythonSetupError(`${file} does not exist: ${env.dir} is made from it. Restore it from git.`);
    }
    const text = readFileSync(absolute, 'utf8');
    hash.update(`${path.relative(root, absolute)}\n${text}`);
    for (const match of text.matchAll(/^\s*(?:-r|--requirement|-c|--constraint)\s+(\S+)/gm)) {
      add(path.join(path.dirname(path.relative(root, absolute)), match[1] ?? ''));
    }
  };
  for (const file of env.requirements) add(file);
  return hash.digest('hex');
}

function run(program: string, args: readonly string[], cwd: string, what: string, hint = ''): void {
  const result = spawnSync(program, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new PythonSetupError(
      `Could not ${what} (${program} ${args.join(' ')}: ${result.error?.message ?? `exit ${result.status}`}).${hint}\n${output}`,
    );
  }
}

function venvHint(): string {
  return ' Debian and Ubuntu ship venv apart: sudo apt-get install python3-venv.';
}
