// `npm run python -- <arguments>`: the project's Python (.venv), created or refreshed from the pinned
// requirements first, e.g. `npm run python -- -m pytest pipeline/lambdas` or `npm run python -- -m ruff check`.
import { spawnSync } from 'node:child_process';
import { ensureVirtualEnv, MAIN_ENV, PythonSetupError } from '../lib/python/venv.ts';

const HELP = `Usage: npm run python -- <python arguments>

Runs the project's Python, ${MAIN_ENV.dir}/, with the given arguments. The first run creates that virtualenv
from ${MAIN_ENV.requirements.join(', ')} (pinned versions, from PyPI); a run after the file changed refreshes it.
It needs Python 3.11 or newer as python3 (or LAUNCHPAD_PYTHON) with its venv module.

Examples:
  npm run python -- -m pytest pipeline/lambdas     the Lambda handlers' tests
  npm run python -- -m pipeline.lake_tool --help   the lake practice tool
  npm run python -- -m ruff check                  what npm run lint runs for Python`;

const args = process.argv.slice(2);
if (args.length === 0 || args[0] === '--help' || args[0] === '-h') {
  console.log(HELP);
} else {
  try {
    const python = ensureVirtualEnv(MAIN_ENV);
    const result = spawnSync(python, args, { stdio: 'inherit' });
    process.exitCode = result.status ?? 1;
  } catch (error) {
    if (!(error instanceof PythonSetupError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
