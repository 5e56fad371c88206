"""Fixtures of the lake tool's tests: a temporary environment config, and ways to run the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest

from pipeline.lake_tool.cli import main

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


# Types of the two runner fixtures below.
RunCli = Callable[..., Result]
RunModule = Callable[..., Result]


@dataclass(frozen=True)
class Lake:
    """A temporary config dir with one environment, and the account moto reports for the credentials."""

    config_dir: Path
    env: str
    project: str
    region: str
    account: str

    def bucket(self, purpose: str) -> str:
        # The naming convention of lib/config/resource-names.ts, written out apart from the code under test.
        return f"{self.project}-{self.env}-{purpose}-{self.account}"

    def create(self, *purposes: str) -> None:
        s3 = boto3.client("s3", region_name=self.region)
        for purpose in purposes:
            s3.create_bucket(Bucket=self.bucket(purpose))

    def options(self) -> list[str]:
        return ["--env", self.env, "--config-dir", str(self.config_dir)]


def write_config(config_dir: Path, env: str, **values: object) -> Path:
    config_dir.mkdir(parents=True, exist_ok=True)
    file = config_dir / f"{env}.json"
    file.write_text(json.dumps(values), encoding="utf-8")
    return file


@pytest.fixture
def lake_env(aws_env: dict[str, str], tmp_path: Path) -> Lake:
    """Environment `sandbox` of project `practice` (not the repo's values, so nothing depends on them)."""
    config_dir = tmp_path / "config"
    write_config(config_dir, "sandbox", project="practice", region="us-east-1", owner="tests")
    account = boto3.client("sts").get_caller_identity()["Account"]
    return Lake(config_dir, "sandbox", "practice", "us-east-1", account)


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> RunCli:
    """Runs main() in this process, as `python3 -m pipeline.lake_tool ARGS` would, and captures output."""

    def run(*argv: str) -> Result:
        capsys.readouterr()
        try:
            code = main(list(argv))
        except SystemExit as exit_:  # argparse: --help, usage errors
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def run_module() -> RunModule:
    """Runs `python3 -m pipeline.lake_tool ARGS` as a real process (with the current os.environ)."""

    def run(*argv: str, env: dict[str, str] | None = None, cwd: Path = REPO_ROOT) -> Result:
        environment = dict(os.environ if env is None else env)
        environment["PYTHONPATH"] = str(REPO_ROOT)  # so it also runs from another working directory
        process = subprocess.run(
            [sys.executable, "-m", "pipeline.lake_tool", *argv],
            cwd=cwd,
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
        )
        return Result(process.returncode, process.stdout, process.stderr)

    return run
