import json
from pathlib import Path
from typing import TYPE_CHECKING

import boto3
import pytest

from pipeline.lake_tool.lake import PURPOSES

if TYPE_CHECKING:
    from pipeline.lake_tool.conftest import Lake, RunCli, RunModule


def status_of(out: str, bucket: str) -> str:
    """The STATUS column of the table row that names `bucket`."""
    for line in out.splitlines():
        if f" {bucket} " in f" {line} ":
            return line.split(bucket, 1)[1].strip()
    raise AssertionError(f"{bucket} not listed in:\n{out}")


def test_reports_deployed_and_missing_buckets_with_the_deploy_command(
    lake_env: "Lake", run_cli: "RunCli"
) -> None:
    lake_env.create("raw", "access-logs")

    result = run_cli("buckets", *lake_env.options())

    assert result.code == 0, result.err
    assert f"account {lake_env.account}" in result.out
    for purpose in PURPOSES:
        expected = "exists" if purpose in ("raw", "access-logs") else "not deployed yet"
        assert status_of(result.out, lake_env.bucket(purpose)) == expected
    assert "3 of 5 buckets are not deployed yet" in result.out
    assert f"npx cdk deploy '{lake_env.env}/foundation'" in result.out


def test_no_deploy_hint_when_every_bucket_exists(lake_env: "Lake", run_cli: "RunCli") -> None:
    lake_env.create(*PURPOSES)

    result = run_cli("buckets", *lake_env.options())

    assert result.code == 0, result.err
    assert all(status_of(result.out, lake_env.bucket(p)) == "exists" for p in PURPOSES)
    assert "cdk deploy" not in result.out


def test_region_option_overrides_the_config(lake_env: "Lake", run_cli: "RunCli") -> None:
    result = run_cli("buckets", *lake_env.options(), "--region", "eu-central-1")

    assert result.code == 0, result.err
    assert "region eu-central-1" in result.out


def test_other_buckets_are_not_mistaken_for_the_lake(lake_env: "Lake", run_cli: "RunCli") -> None:
    # Same purpose in another environment, and another project: neither is this environment's bucket.
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket=f"{lake_env.project}-other-raw-{lake_env.account}")
    s3.create_bucket(Bucket=f"elsewhere-{lake_env.env}-raw-{lake_env.account}")

    result = run_cli("buckets", *lake_env.options())

    assert status_of(result.out, lake_env.bucket("raw")) == "not deployed yet"


@pytest.mark.usefixtures("aws_env")
def test_default_config_dir_works_from_any_directory(run_module: "RunModule", tmp_path: Path) -> None:
    repo_config = json.loads((Path(__file__).resolve().parents[2] / "config" / "dev.json").read_text())

    result = run_module("buckets", cwd=tmp_path)

    assert result.code == 0, result.err
    assert f"project {repo_config['project']}" in result.out
    assert f"{repo_config['project']}-dev-raw-" in result.out
    assert "npx cdk deploy 'dev/foundation'" in result.out
