// terraform/'s formatting checked by a real Terraform CLI: OpenTofu, built by npm run tofu:install
// (lib/terraform/tofu.ts). Without it these tests are skipped, saying why; CI builds it (.ci/run) and fails on
// any skipped test. init and validate are not run: they need the AWS provider from a registry (decision 0019).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, type TestOptions } from 'vitest';
import { TERRAFORM_DIR } from './tf-files.ts';
import { installedTofuVersion, runTofu, TOFU_INSTALL, TOFU_VERSION } from './tofu.ts';

const version = installedTofuVersion();
const needsTofu: TestOptions = version
  ? {}
  : { skip: true, meta: { skipReason: `OpenTofu is not built: ${TOFU_INSTALL}` } };

/** `tofu fmt -check -recursive -diff` over `dir`: exit 0 when every file is formatted, 3 and a diff when not. */
function fmtCheck(dir: string) {
  const run = runTofu(['fmt', '-check', '-recursive', '-diff', '-no-color', dir]);
  return { status: run.status, diff: run.stdout };
}

const work = mkdtempSync(path.join(tmpdir(), 'launchpad-tofu-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('tofu fmt -check', needsTofu, () => {
  it(`runs OpenTofu ${TOFU_VERSION}, the version npm run tofu:install pins`, () => {
    expect(version, `tools/tofu/tofu is another version: run ${TOFU_INSTALL} to rebuild it`).toBe(
      TOFU_VERSION,
    );
  });

  it('finds every .tf under terraform/ formatted (tofu fmt -recursive terraform/ fixes it)', () => {
    const { status, diff } = fmtCheck(TERRAFORM_DIR);
    expect(diff).toBe('');
    expect(status).toBe(0);
  });

  it('fails on a misaligned file and shows the change (the check is not vacuous)', () => {
    const misaligned = 'variable "name" {\n  type = string\n  description = "A name."\n}\n';
    writeFileSync(path.join(work, 'misaligned.tf'), misaligned);
    const { status, diff } = fmtCheck(work);
    expect(status).toBe(3);
    expect(diff).toContain('misaligned.tf');
    expect(diff).toContain('+  type        = string');
  });
});
