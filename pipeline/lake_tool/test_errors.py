"""Expected failures end with a message that says what to do, a non-zero exit code and no traceback."""

import json
import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import boto3
import pytest

if TYPE_CHECKING:
    from pipeline.lake_tool.conftest import Lake, Result, RunCli, RunModule


def without_credentials(tmp_path: Path) -> dict[str, str]:
    """os.environ (already pointed at moto by aws_env) minus every credential source."""
    env = {k: v for k, v in os.environ.items() if k not in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")}
    env["AWS_SHARED_CREDENTIALS_FILE"] = str(tmp_path / "missing-credentials")
    env["AWS_CONFIG_FILE"] = str(tmp_path / "missing-config")
    env["AWS_EC2_METADATA_DISABLED"] = "true"
    return env


def assert_clean_failure(result: "Result") -> None:
    assert result.code != 0
    assert "Traceback" not in result.err
    assert result.err.startswith("lake_tool: error: ")


@pytest.mark.parametrize("command", [["buckets"], ["ls"], ["upload", __file__, "--dataset", "code"]])
def test_no_credentials(
    lake_env: "Lake", run_module: "RunModule", tmp_path: Path, command: list[str]
) -> None:
    result = run_module(*command, *lake_env.options(), env=without_credentials(tmp_path))

    assert_clean_failure(result)
    assert "No AWS credentials found" in result.err
    assert "aws configure" in result.err
    assert "aws sso login --profile" in result.err
    assert "--profile" in result.err


def test_unknown_profile(lake_env: "Lake", run_module: "RunModule", tmp_path: Path) -> None:
    env = without_credentials(tmp_path)
    Path(env["AWS_CONFIG_FILE"]).write_text("[profile learner]\nregion = us-east-1\n")

    result = run_module("buckets", "--profile", "typo", *lake_env.options(), env=env)

    assert_clean_failure(result)
    assert "The AWS profile 'typo' does not exist" in result.err
    assert "aws configure list-profiles" in result.err
    assert "aws configure sso --profile typo" in result.err


def test_missing_config_file_lists_the_environments(lake_env: "Lake", run_module: "RunModule") -> None:
    (lake_env.config_dir / "stage.json").write_text(json.dumps({"project": "p", "region": "us-east-1"}))

    result = run_module("ls", "--env", "qa", "--config-dir", str(lake_env.config_dir))

    assert_clean_failure(result)
    assert "No config file for environment 'qa'" in result.err
    assert str(lake_env.config_dir / "qa.json") in result.err
    assert f"stage, {lake_env.env}" in result.err  # promotion order: stage before the others


def test_unreachable_endpoint(lake_env: "Lake", run_cli: "RunCli", monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:  # a port nothing listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    monkeypatch.setenv("AWS_ENDPOINT_URL", closed)
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")  # connection errors are retried too; one try is faster

    result = run_cli("buckets", *lake_env.options())

    assert_clean_failure(result)
    assert "Could not reach AWS" in result.err
    assert closed in result.err
    assert "AWS_ENDPOINT_URL" in result.err


def ingest_user_keys(bucket: str) -> dict[str, str]:
    """An IAM user that may only upload: write objects to raw, nothing else."""
    iam = boto3.client("iam")
    iam.create_user(UserName="ingest")
    statements = [
        {
            "Effect": "Allow",
            "Action": ["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
            "Resource": f"arn:aws:s3:::{bucket}/*",
        },
        {
            "Effect": "Allow",
            "Action": ["s3:ListBucketMultipartUploads"],
            "Resource": f"arn:aws:s3:::{bucket}",
        },
    ]
    iam.put_user_policy(
        UserName="ingest",
        PolicyName="write-raw",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": statements}),
    )
    key = iam.create_access_key(UserName="ingest")["AccessKey"]
    return {"AWS_ACCESS_KEY_ID": key["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": key["SecretAccessKey"]}


def test_access_denied_names_operation_bucket_and_role_limits(
    lake_env: "Lake",
    run_cli: "RunCli",
    enforce_iam: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lake_env.create("raw")
    for name, value in ingest_user_keys(lake_env.bucket("raw")).items():
        monkeypatch.setenv(name, value)
    enforce_iam()

    result = run_cli("ls", *lake_env.options())

    assert_clean_failure(result)
    assert f"Access denied: ListObjectsV2 on bucket {lake_env.bucket('raw')}" in result.err
    assert "needs s3:ListBucket" in result.err
    assert "upload-only credentials may write to raw" in result.err


def test_buckets_the_credentials_may_not_look_at_are_not_called_missing(
    lake_env: "Lake",
    run_cli: "RunCli",
    enforce_iam: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lake_env.create("raw")
    for name, value in ingest_user_keys(lake_env.bucket("raw")).items():
        monkeypatch.setenv(name, value)
    enforce_iam()

    result = run_cli("buckets", *lake_env.options())

    assert result.code == 0, result.err
    [row] = [line for line in result.out.splitlines() if lake_env.bucket("raw") in line]
    assert row.endswith("unknown: access denied (403)")  # not "not deployed yet": S3 does not say
    assert "HeadBucket needs s3:ListBucket" in result.out


def test_rejected_credentials(
    lake_env: "Lake",
    run_cli: "RunCli",
    enforce_iam: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAUNKNOWNKEY000000")
    enforce_iam()

    result = run_cli("buckets", *lake_env.options())

    assert_clean_failure(result)
    assert "AWS rejected the credentials (InvalidClientTokenId from GetCallerIdentity)" in result.err
    assert "aws sso login" in result.err
