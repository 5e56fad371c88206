"""Deploy and smoke test against moto over HTTP: the real boto3 calls, waiters and metadata round trip."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import boto3
import pytest

from pipeline.delivery import deploy, smoke
from pipeline.delivery.package import build
from pipeline.delivery.targets import TargetsError, parse_targets

FUNCTION = "launchpad-dev-api-ingest"
BUCKET = "cdk-assets-123456789012-us-east-1"
TARGETS = parse_targets(
    json.dumps(
        {
            "functions": [{"name": FUNCTION, "artifact": "lambdas/api_ingest.zip"}],
            "objects": [
                {"artifact": "glue/raw_to_clean.py", "url": f"s3://{BUCKET}/hash1.py"},
                {"artifact": "glue/transforms.zip", "url": f"s3://{BUCKET}/hash2.zip"},
            ],
        }
    )
)


def _old_code() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return 'old'\n")
    return buffer.getvalue()


@pytest.fixture
def environment(aws_env: dict[str, str], tmp_path: Path) -> Path:
    """A function and the Glue assets bucket as the other stacks leave them; returns a built package."""
    iam = boto3.client("iam")
    role = iam.create_role(
        RoleName="fn", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []})
    )["Role"]["Arn"]
    boto3.client("lambda").create_function(
        FunctionName=FUNCTION,
        Runtime="python3.12",
        Role=role,
        Handler="handler.handler",
        Code={"ZipFile": _old_code()},
    )
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket=BUCKET)
    s3.put_object(Bucket=BUCKET, Key="hash1.py", Body=b"old script")
    package = tmp_path / "dist"
    build(package, TARGETS.artifacts, "abc1234")
    return package


def test_deploy_replaces_the_code_and_the_glue_files_then_the_smoke_test_passes(environment: Path) -> None:
    assert smoke.check(environment, TARGETS) != []  # before: the old code is deployed

    done = deploy.deploy(environment, TARGETS, "abc1234")

    assert done == [
        f"function {FUNCTION} ← lambdas/api_ingest.zip",
        f"object s3://{BUCKET}/hash1.py ← glue/raw_to_clean.py",
        f"object s3://{BUCKET}/hash2.zip ← glue/transforms.zip",
    ]
    head = boto3.client("s3").head_object(Bucket=BUCKET, Key="hash1.py")
    assert head["Metadata"]["launchpad-commit"] == "abc1234"
    assert smoke.check(environment, TARGETS) == []


def test_the_smoke_test_names_each_target_that_is_not_this_package(environment: Path) -> None:
    problems = smoke.check(environment, TARGETS)

    assert f"{FUNCTION}: its code is not lambdas/api_ingest.zip of this package" in problems
    assert f"s3://{BUCKET}/hash1.py: not glue/raw_to_clean.py of this package" in problems
    assert f"s3://{BUCKET}/hash2.zip: no such object" in problems


def test_a_missing_function_is_a_problem_not_a_crash(aws_env: dict, tmp_path: Path) -> None:
    build(tmp_path, TARGETS.artifacts, "x")
    boto3.client("s3").create_bucket(Bucket=BUCKET)

    assert f"{FUNCTION}: no such function" in smoke.check(tmp_path, TARGETS)


def test_the_smoke_test_fails_after_someone_ships_other_code(environment: Path) -> None:
    deploy.deploy(environment, TARGETS, "abc1234")
    boto3.client("lambda").update_function_code(FunctionName=FUNCTION, ZipFile=_old_code())

    assert smoke.check(environment, TARGETS) == [
        f"{FUNCTION}: its code is not lambdas/api_ingest.zip of this package"
    ]


def test_a_package_built_for_other_targets_is_refused_before_any_call(aws_env: dict, tmp_path: Path) -> None:
    build(tmp_path, ["lambdas/api_ingest.zip"], "x")

    with pytest.raises(
        TargetsError, match=re.escape("the package has no glue/raw_to_clean.py, glue/transforms.zip")
    ):
        deploy.deploy(tmp_path, TARGETS, "x")


def test_the_commands_exit_non_zero_on_problems(
    environment: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(
        "DEPLOY_TARGETS",
        json.dumps({"functions": [{"name": FUNCTION, "artifact": "lambdas/api_ingest.zip"}], "objects": []}),
    )
    assert smoke.main([str(environment)]) == 1
    assert deploy.main([str(environment)]) == 0
    assert smoke.main([str(environment)]) == 0
    out = capsys.readouterr().out
    assert f"function {FUNCTION} ← lambdas/api_ingest.zip" in out
    assert "1 deployed target(s) checked, 0 problem(s)" in out


def test_lambda_reports_code_digests_in_base64() -> None:
    assert smoke.lambda_code_sha256("00ff") == "AP8="
