// `npm run tofu:install`: builds the pinned OpenTofu from its Go module into tools/tofu/, so that npm test can
// check terraform/'s formatting with a real Terraform CLI (lib/terraform/tofu.ts says why it is built here).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatDuration } from '../lib/smoke/duration.ts';
import {
  installedTofuVersion,
  TOFU_BIN,
  TOFU_INSTALL,
  TOFU_MODULE,
  TOFU_VERSION,
  TofuInstallError,
} from '../lib/terraform/tofu.ts';
import { runCli } from './run-cli.ts';

const HELP = `Usage: ${TOFU_INSTALL}

Builds OpenTofu ${TOFU_VERSION} from source into tools/tofu/tofu (gitignored): downloads the Go module
${TOFU_MODULE}@v${TOFU_VERSION} through the Go module proxy (GOPROXY), then runs go build ./cmd/tofu
inside it (go install refuses the module's replace directives). About 4 minutes of CPU: 4 to 7 minutes
on 2 cores, idle or shared. Skips the build when tools/tofu/tofu already reports ${TOFU_VERSION}.
npm test then runs tools/tofu/tofu fmt -check over terraform/; without it that test is skipped, saying why.
Needs Go 1.21 or newer, which fetches by itself the Go release OpenTofu's go.mod asks for.

  -h, --help   this text`;

/** Go 1.21 is the first that switches to the toolchain a go.mod asks for (GOTOOLCHAIN=auto). */
const MIN_GO = [1, 21] as const;
const GO_HINT =
  'install Go 1.21 or newer (https://go.dev/dl; Debian 13: apt-get install golang-go; Debian 12 packages Go 1.19, which is too old)';
const PROGRESS_EVERY_MS = 30_000;

runCli(HELP, async (argv) => {
  const { values } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) return console.log(HELP);
  const where = path.relative(process.cwd(), TOFU_BIN);
  if (installedTofuVersion() === TOFU_VERSION) {
    return console.log(`OpenTofu ${TOFU_VERSION} is already built: ${where}. Nothing to do.`);
  }
  console.log(`Go: ${checkGo()}`);
  console.log(`[1/3] Downloading ${TOFU_MODULE}@v${TOFU_VERSION} through the Go module proxy ...`);
  const source = downloadModule();
  console.log(`[2/3] Building ${where} in ${source} (4 to 7 minutes on 2 shared cores) ...`);
  const started = Date.now();
  await buildTofu(source, started);
  const minutes = formatDuration(Date.now() - started);
  console.log(`[3/3] Checking that ${where} reports ${TOFU_VERSION} ...`);
  const built = installedTofuVersion();
  if (built !== TOFU_VERSION) {
    throw new TofuInstallError(
      `${where} was built but reports ${built ?? 'no version (tofu version -json failed)'}, not ${TOFU_VERSION}: delete tools/tofu/ and run ${TOFU_INSTALL} again.`,
    );
  }
  console.log(
    `OpenTofu ${TOFU_VERSION} is built: ${where} (build ${minutes}). npm test now runs its fmt -check.`,
  );
});

/** The Go version, checked to be new enough; throws saying how to install Go otherwise. */
function checkGo(): string {
  const run = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' });
  if (run.error || run.status !== 0) {
    throw new TofuInstallError(
      `Go is not installed (no working \`go\` on PATH): ${GO_HINT}, then run ${TOFU_INSTALL} again.`,
    );
  }
  const version = run.stdout.trim();
  const [major = 0, minor = 0] = (version.match(/^go(\d+)\.(\d+)/)?.slice(1) ?? []).map(Number);
  if (major < MIN_GO[0] || (major === MIN_GO[0] && minor < MIN_GO[1])) {
    throw new TofuInstallError(`${version} is too old to build OpenTofu ${TOFU_VERSION}: ${GO_HINT}.`);
  }
  return version;
}

/** Downloads the module into Go's module cache and returns its source folder. */
function downloadModule(): string {
  // Outside any go.mod, so that no module of the caller's takes part.
  const run = spawnSync('go', ['mod', 'download', '-json', `${TOFU_MODULE}@v${TOFU_VERSION}`], {
    cwd: tmpdir(),
    encoding: 'utf8',
  });
  const info = parseJson(run.stdout) as { Dir?: string; Error?: string } | undefined;
  if (run.status !== 0 || !info?.Dir) {
    const why = info?.Error ?? (run.stderr.trim() || `exit ${run.status ?? run.signal}`);
    throw new TofuInstallError(
      `go mod download ${TOFU_MODULE}@v${TOFU_VERSION} failed: ${why}. Check that the Go module proxy (go env GOPROXY) is reachable, then run ${TOFU_INSTALL} again.`,
    );
  }
  return info.Dir;
}

/** `go build ./cmd/tofu` in the module's folder, printing a line every 30 s while it runs. */
async function buildTofu(source: string, started: number): Promise<void> {
  mkdirSync(path.dirname(TOFU_BIN), { recursive: true });
  // dev=no drops the "-dev" suffix, as OpenTofu's release builds do; -s -w leave out debug symbols.
  const ldflags = `-s -w -X ${TOFU_MODULE}/version.dev=no`;
  const go = spawn('go', ['build', '-trimpath', '-ldflags', ldflags, '-o', TOFU_BIN, './cmd/tofu'], {
    cwd: source,
    stdio: 'inherit',
  });
  const timer = setInterval(
    () => console.log(`  still building (${formatDuration(Date.now() - started)})`),
    PROGRESS_EVERY_MS,
  );
  const status = await new Promise<number | string>((resolve) => {
    go.on('error', (error) => resolve(error.message));
    go.on('close', (code, signal) => resolve(code ?? signal ?? 'no status'));
  }).finally(() => clearInterval(timer));
  if (status !== 0) {
    throw new TofuInstallError(
      `go build ./cmd/tofu in ${source} failed (${status}): see go's output above. Run ${TOFU_INSTALL} again once it is fixed; the download is kept.`,
    );
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
