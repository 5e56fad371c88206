"""Each function works as it will be deployed: its folder plus a copy of common/, nothing else.

The CDK stack packages pipeline/lambdas/<name>/ as the function's asset and copies common/ into it
(tests, conftest.py and __pycache__ left out); Lambda then imports `handler` from the asset's root.
"""

from __future__ import annotations

import ast
import os
import py_compile
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

LAMBDAS = Path(__file__).resolve().parent
FUNCTIONS = {
    "s3_validator": {"METRIC_NAMESPACE": "Launchpad/Tests", "ENVIRONMENT": "sandbox"},
    "stream_consumer": {
        "RAW_BUCKET": "raw-bucket",
        "METRIC_NAMESPACE": "Launchpad/Tests",
        "ENVIRONMENT": "sandbox",
    },
    "api_ingest": {"STREAM_NAME": "rides"},
    "data_quality": {"WORKGROUP": "analytics", "DATABASE": "curated", "TABLE": "rides"},
}
# What the python3.12 Lambda runtime provides besides the standard library.
RUNTIME_PACKAGES = {"boto3", "botocore"}
EXCLUDED = shutil.ignore_patterns("test_*.py", "conftest.py", "__pycache__")


def build_asset(name: str, into: Path) -> Path:
    """The asset of function `name` as the CDK stack builds it."""
    asset = into / name
    shutil.copytree(LAMBDAS / name, asset, ignore=EXCLUDED)
    shutil.copytree(LAMBDAS / "common", asset / "common", ignore=EXCLUDED)
    return asset


def import_in_asset(asset: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Imports `handler` in a fresh interpreter whose only code is the asset, as Lambda's init does."""
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_EC2_METADATA_DISABLED": "true",
        **env,
    }
    code = "import handler; assert callable(handler.handler); print('ok')"
    return subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, '.'); {code}"],
        cwd=asset,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("name", FUNCTIONS)
def test_each_asset_imports_on_its_own(name: str, tmp_path: Path) -> None:
    asset = build_asset(name, tmp_path)
    assert sorted(p.name for p in asset.iterdir()) == ["common", "handler.py"]

    result = import_in_asset(asset, FUNCTIONS[name])

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_a_missing_setting_fails_the_init_with_its_name(tmp_path: Path) -> None:
    asset = build_asset("api_ingest", tmp_path)

    result = import_in_asset(asset, {})

    assert result.returncode == 1
    assert "MissingSettingError: Environment variable STREAM_NAME is not set" in result.stderr


@pytest.mark.parametrize("name", [*FUNCTIONS, "common"])
def test_lambda_code_imports_only_the_standard_library_boto3_and_common(name: str) -> None:
    allowed = set(sys.stdlib_module_names) | RUNTIME_PACKAGES | {"common", "__future__"}
    for file in (LAMBDAS / name).glob("*.py"):
        if file.name.startswith("test_"):
            continue
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                assert module.split(".")[0] in allowed, f"{file.relative_to(LAMBDAS)} imports {module}"


def test_every_python_file_of_the_pipeline_compiles(tmp_path: Path) -> None:
    pipeline = LAMBDAS.parent
    files = [f for f in pipeline.rglob("*.py") if "__pycache__" not in f.parts]
    for file in files:
        py_compile.compile(str(file), cfile=str(tmp_path / "compiled.pyc"), doraise=True)
    assert len(files) > 10
