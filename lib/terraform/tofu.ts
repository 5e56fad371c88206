/**
 * OpenTofu, built from its Go module by `npm run tofu:install` into tools/tofu/ (gitignored): the Terraform CLI
 * this machine can have, since no Terraform or OpenTofu binary comes from Debian or npm. npm test runs its
 * `fmt -check` over terraform/; `init`, `validate` and `plan` need the AWS provider from a registry these
 * machines cannot reach, so they run only in the Terraform workflow.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * The newest release the Go module proxy serves (it serves v1.6.3 to v1.12.6, with gaps). It must be 1.10 or
 * newer: terraform/'s S3 backend sets `use_lockfile`, which OpenTofu has since 1.10 (decision 0019). The
 * workflow's Terraform 1.14 and OpenTofu format HCL with the same rules (both use hclwrite's formatter).
 */
export const TOFU_VERSION = '1.12.6';

/** The Go module that holds OpenTofu's source; its `cmd/tofu` package is the CLI. */
export const TOFU_MODULE = 'github.com/opentofu/opentofu';

export const TOFU_BIN = path.resolve(
  import.meta.dirname,
  '../../tools/tofu',
  process.platform === 'win32' ? 'tofu.exe' : 'tofu',
);

/** The command that builds it, for messages. */
export const TOFU_INSTALL = 'npm run tofu:install';

/**
 * Runs `bin` with `args`. Without TF_CLI_CONFIG_FILE: `version` and `fmt` read no CLI configuration, and one
 * that names a missing file makes tofu print a warning on stdout, in front of its JSON or diff.
 */
export function runTofu(args: readonly string[], bin: string = TOFU_BIN) {
  const { TF_CLI_CONFIG_FILE: _unused, ...env } = process.env;
  return spawnSync(bin, args, { encoding: 'utf8', env });
}

/** The version `bin` reports (`tofu version -json`), or undefined when it is missing or does not run. */
export function installedTofuVersion(bin: string = TOFU_BIN): string | undefined {
  const run = runTofu(['version', '-json'], bin);
  if (run.status !== 0) return undefined;
  try {
    return (JSON.parse(run.stdout) as { terraform_version?: string }).terraform_version;
  } catch {
    return undefined;
  }
}

/** A step of `npm run tofu:install` that failed; the message says which and what to do. */
export class TofuInstallError extends Error {}
