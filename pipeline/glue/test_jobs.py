"""The job scripts compile and import without Spark; their arguments and Glue settings live in one place."""

from __future__ import annotations

import ast
import json
import py_compile
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.glue import clean_to_curated, raw_to_clean
from pipeline.glue.transforms import jobs
from pipeline.glue.transforms.jobs import (
    CLEAN_TO_CURATED,
    DELTA_SPARK_CONF,
    JOBS,
    RAW_TO_CLEAN,
    default_arguments,
    run_cost,
    spark_conf_argument,
)

GLUE = Path(__file__).resolve().parent
REPOSITORY = GLUE.parents[1]
SCRIPTS = {"raw-to-clean": raw_to_clean, "clean-to-curated": clean_to_curated}
SPARK_ONLY = ("pyspark", "awsglue", "delta", "py4j")
PRICES = REPOSITORY / "lib" / "cost" / "catalog" / "us-east-1.json"


def python_files() -> list[Path]:
    return sorted(p for p in GLUE.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", python_files(), ids=lambda p: str(p.relative_to(GLUE)))
def test_every_module_compiles(path: Path, tmp_path: Path) -> None:
    py_compile.compile(str(path), cfile=str(tmp_path / "out.pyc"), doraise=True)


_BLOCKER = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {blocked!r}:
            raise ImportError(f'{{name}} must not be imported at module level')
sys.meta_path.insert(0, Block())
import pipeline.glue.raw_to_clean, pipeline.glue.clean_to_curated, pipeline.glue.package
import pipeline.glue.transforms.jobs, pipeline.glue.transforms.scan_estimate
loaded = sorted(m for m in sys.modules if m.split('.')[0] in {blocked!r})
print(loaded)
"""


def test_scripts_import_without_spark_glue_or_delta() -> None:
    # A fresh interpreter in which importing pyspark, awsglue or delta raises: the scripts must still import.
    result = subprocess.run(
        [sys.executable, "-c", _BLOCKER.format(blocked=set(SPARK_ONLY))],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_requirements_pin_the_spark_and_delta_of_the_glue_version() -> None:
    pins = dict(
        re.findall(r"^([\w-]+)==(\S+)", (REPOSITORY / "requirements-spark.txt").read_text(), re.MULTILINE)
    )
    assert (jobs.GLUE_VERSION, pins["pyspark"], pins["delta-spark"]) == (
        "5.0",
        jobs.SPARK_VERSION,
        jobs.DELTA_VERSION,
    )
    assert "-r requirements-spark.txt" in (REPOSITORY / "requirements.txt").read_text()


# --- arguments ---------------------------------------------------------------------------------------


def test_each_script_reads_the_arguments_of_its_job() -> None:
    for purpose, module in SCRIPTS.items():
        assert module.JOB is JOBS[purpose]
        assert JOBS[purpose].script == f"pipeline/glue/{Path(module.__file__).name}"
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        resolved = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "getResolvedOptions"
        ]
        assert len(resolved) == 1, f"{purpose}: one getResolvedOptions call"
        assert ast.unparse(resolved[0].args[1]) == "JOB.argument_names", (
            "arguments come from transforms/jobs.py"
        )


def test_argument_names() -> None:
    assert RAW_TO_CLEAN.argument_names == ["JOB_NAME", "raw_path", "clean_path", "quarantine_path"]
    assert CLEAN_TO_CURATED.argument_names == ["JOB_NAME", "clean_path", "curated_path"]
    for job in JOBS.values():
        assert all(name.isidentifier() for name in job.argument_names)


def test_default_arguments_for_the_cdk_stack() -> None:
    buckets = {
        "raw": "launchpad-dev-raw-123456789012",
        "clean": "launchpad-dev-clean-123456789012",
        "curated": "launchpad-dev-curated-123456789012",
    }
    assert default_arguments(RAW_TO_CLEAN, **buckets) == {
        "--raw_path": "s3://launchpad-dev-raw-123456789012/",
        "--clean_path": "s3://launchpad-dev-clean-123456789012/rides/",
        "--quarantine_path": "s3://launchpad-dev-clean-123456789012/quarantine/rides/",
        "--job-bookmark-option": "job-bookmark-enable",
    }
    curated = default_arguments(CLEAN_TO_CURATED, **buckets, extra_py_files="s3://assets/transforms.zip")
    assert curated["--curated_path"] == "s3://launchpad-dev-curated-123456789012/rides/"
    assert curated["--datalake-formats"] == "delta"
    assert curated["--extra-py-files"] == "s3://assets/transforms.zip"
    assert curated["--conf"] == (
        "spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension"
        " --conf spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog"
        " --conf spark.databricks.delta.schema.autoMerge.enabled=true"
    )
    assert "--datalake-formats" not in default_arguments(RAW_TO_CLEAN, **buckets)


def test_spark_conf_argument() -> None:
    assert spark_conf_argument({"a": "1"}) == "a=1"
    assert spark_conf_argument({"a": "1", "b": "2"}) == "a=1 --conf b=2"


def test_scripts_and_guide_document_the_arguments_and_settings() -> None:
    guide = (REPOSITORY / "docs" / "guides" / "glue-jobs.md").read_text(encoding="utf-8")
    for purpose, module in SCRIPTS.items():
        doc = module.__doc__ or ""
        for name in JOBS[purpose].argument_names:
            assert f"--{name}" in doc, f"{purpose} docstring misses --{name}"
            assert f"--{name}" in guide, f"glue-jobs.md misses --{name}"
    flat_doc = " ".join((clean_to_curated.__doc__ or "").split())
    for key, value in DELTA_SPARK_CONF.items():
        assert f"{key}={value}" in flat_doc
    assert spark_conf_argument(DELTA_SPARK_CONF) in guide
    assert "--datalake-formats delta" in flat_doc


def test_jobs_module_prints_the_settings_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert jobs.main([]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"raw-to-clean", "clean-to-curated"}
    assert report["clean-to-curated"]["defaultArguments"]["--datalake-formats"] == "delta"
    assert report["raw-to-clean"]["argumentNames"] == [
        "JOB_NAME",
        "raw_path",
        "clean_path",
        "quarantine_path",
    ]


# --- cost of a run -------------------------------------------------------------------------------------


def test_run_cost() -> None:
    assert run_cost(5) == pytest.approx(2 * 1 * 5 / 60 * 0.44)  # $0.0733: G.1X × 2 for 5 minutes
    assert round(run_cost(5), 2) == 0.07
    assert run_cost(0.2) == run_cost(1)  # one minute at least
    assert run_cost(60, workers=10, worker_type="G.2X") == pytest.approx(8.80)
    assert run_cost(5, usd_per_dpu_hour=jobs.USD_PER_DPU_HOUR_FLEX) == pytest.approx(2 * 5 / 60 * 0.29)


def test_rates_match_the_price_catalog() -> None:
    prices = json.loads(PRICES.read_text(encoding="utf-8"))["prices"]
    assert prices["glue.etl.dpu-hour"]["tiers"][0]["usd"] == jobs.USD_PER_DPU_HOUR
    assert prices["glue.etl.flex.dpu-hour"]["tiers"][0]["usd"] == jobs.USD_PER_DPU_HOUR_FLEX
