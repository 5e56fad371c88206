"""The fake Airflow itself: strict where the real one is (or should be), and gone after use."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from testing.fake_airflow import fake_airflow

DAGS = Path(__file__).resolve().parent


def write_dag(folder: Path, body: str) -> Path:
    path = folder / "some_dag.py"
    path.write_text(
        "from airflow import DAG\n"
        "from airflow.providers.amazon.aws.operators.glue import GlueJobOperator\n" + body
    )
    return path


IN_DAG = "with DAG(dag_id='d'):\n"
JOB = "    GlueJobOperator(task_id='t')\n"
MISTAKES = {
    "operator argument misspelt": (IN_DAG + "    GlueJobOperator(task_id='t', job_nmae='j')\n", "'job_nmae'"),
    "default_args key misspelt": ("with DAG(dag_id='d', default_args={'retry': 1}):\n    pass\n", "'retry'"),
    "DAG argument misspelt": ("with DAG(dag_id='d', schedul='@daily'):\n    pass\n", "DAG: .*'schedul'"),
    "required argument left out": (IN_DAG + "    GlueJobOperator()\n", r"missing arguments \['task_id'\]"),
    "operator outside a DAG": ("GlueJobOperator(task_id='t', job_name='j')\n", "made outside a DAG"),
    "task id twice": (IN_DAG + JOB + JOB, "used twice"),
}


@pytest.mark.parametrize(("body", "error"), MISTAKES.values(), ids=MISTAKES.keys())
def test_mistakes_fail_as_they_would_on_mwaa(tmp_path: Path, body: str, error: str) -> None:
    with fake_airflow(tmp_path) as airflow, pytest.raises((TypeError, RuntimeError, ValueError), match=error):
        airflow.load(write_dag(tmp_path, body))


def test_an_operator_the_fake_does_not_know_is_an_import_error(tmp_path: Path) -> None:
    path = tmp_path / "other.py"
    path.write_text("from airflow.providers.amazon.aws.operators.emr import EmrAddStepsOperator\n")
    with fake_airflow(tmp_path) as airflow, pytest.raises(ImportError):
        airflow.load(path)


def test_nothing_of_the_fake_or_the_loaded_files_stays_in_sys_modules(tmp_path: Path) -> None:
    before = dict(sys.modules)
    with fake_airflow(tmp_path) as airflow:
        airflow.load(write_dag(tmp_path, IN_DAG + JOB))
        assert "airflow" in sys.modules
        assert "some_dag" in sys.modules
        assert str(tmp_path) in sys.path
    assert not [name for name in sys.modules if name == "airflow" or name.startswith("airflow.")]
    assert "some_dag" not in sys.modules
    assert str(tmp_path) not in sys.path
    assert all(sys.modules.get(name) is module for name, module in before.items())
