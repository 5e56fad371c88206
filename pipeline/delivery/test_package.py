"""The package holds exactly what the stack bundles, reproducibly, for the targets it names."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from pipeline.delivery.package import REPOSITORY, build, function_files, main, read_manifest, sha256_of
from pipeline.delivery.targets import TargetsError, parse_targets, targets_from_env

TARGETS = {
    "functions": [
        {"name": "launchpad-dev-api-ingest", "artifact": "lambdas/api_ingest.zip"},
        {"name": "launchpad-dev-s3-validator", "artifact": "lambdas/s3_validator.zip"},
    ],
    "objects": [
        {"artifact": "glue/raw_to_clean.py", "url": "s3://assets-bucket/abc123.py"},
        {"artifact": "glue/transforms.zip", "url": "s3://assets-bucket/def456.zip"},
    ],
}


def test_a_function_zip_holds_its_folder_and_common_without_tests() -> None:
    names = list(function_files("api_ingest"))

    assert "handler.py" in names
    assert "common/ride_event.py" in names
    assert not [n for n in names if "test_" in n or "__pycache__" in n or n.endswith(".pyc")]
    assert not [n for n in names if n.startswith("events/") or n == "conftest.py"]


def test_builds_every_named_artifact_and_a_manifest_of_their_digests(tmp_path: Path) -> None:
    targets = parse_targets(json.dumps(TARGETS))

    manifest = build(tmp_path, targets.artifacts, "abc1234")

    assert manifest["commit"] == "abc1234"
    assert sorted(manifest["artifacts"]) == targets.artifacts
    for artifact, digest in manifest["artifacts"].items():
        assert sha256_of(tmp_path / artifact) == digest
    assert read_manifest(tmp_path) == manifest
    script = (tmp_path / "glue/raw_to_clean.py").read_bytes()
    assert script == (REPOSITORY / "pipeline/glue/raw_to_clean.py").read_bytes()
    with zipfile.ZipFile(tmp_path / "glue/transforms.zip") as library:
        assert "pipeline/glue/transforms/rides.py" in library.namelist()


def test_the_same_sources_give_the_same_bytes(tmp_path: Path) -> None:
    first = build(tmp_path / "a", ["lambdas/stream_consumer.zip"], "x")
    second = build(tmp_path / "b", ["lambdas/stream_consumer.zip"], "x")

    assert first == second


def test_the_zip_imports_its_handler_from_the_root(tmp_path: Path) -> None:
    build(tmp_path, ["lambdas/s3_validator.zip"], "x")

    with zipfile.ZipFile(tmp_path / "lambdas/s3_validator.zip") as archive:
        assert {"handler.py", "common/__init__.py"} <= set(archive.namelist())


@pytest.mark.parametrize(
    ("artifact", "message"),
    [("lambdas/no_such_function.zip", "handler.py does not exist"), ("glue/missing.py", "does not exist")],
)
def test_an_artifact_without_sources_names_what_is_missing(
    tmp_path: Path, artifact: str, message: str
) -> None:
    with pytest.raises(TargetsError, match=message):
        build(tmp_path, [artifact], "x")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "is not JSON"),
        ("[]", "must be a JSON object"),
        ('{"functions": [{"name": "f", "artifact": "bin/tool.exe"}]}', "no rule builds artifact"),
        ('{"functions": [{"artifact": "lambdas/a.zip"}]}', "'name' must be a non-empty string"),
        ('{"objects": [{"artifact": "glue/a.py", "url": "https://x/y"}]}', "url must be s3://bucket/key"),
        ('{"objects": {"artifact": "glue/a.py"}}', "must be a list of objects"),
    ],
)
def test_malformed_targets_are_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(TargetsError, match=message):
        parse_targets(text)


def test_targets_are_required(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(TargetsError, match="DEPLOY_TARGETS is not set"):
        targets_from_env({})


def test_the_command_builds_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DEPLOY_TARGETS", json.dumps(TARGETS))
    monkeypatch.setenv("COMMIT_SHA", "0123abc")

    assert main([str(tmp_path / "dist")]) == 0

    assert read_manifest(tmp_path / "dist")["commit"] == "0123abc"
    assert "Wrote 4 artifacts" in capsys.readouterr().out


def test_the_command_fails_clearly_without_targets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DEPLOY_TARGETS", raising=False)

    assert main([str(tmp_path)]) == 1
    assert "DEPLOY_TARGETS is not set" in capsys.readouterr().out
