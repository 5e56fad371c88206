"""The Lambda step against the real function: the DAG's payload, rendered as Airflow renders it, handed
to pipeline/lambdas/s3_validator (AWS through moto), must come back as an answer, not an error."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

import launchpad_dag_config as launchpad

LAMBDAS = Path(__file__).resolve().parents[1] / "lambdas"


def test_the_validator_answers_the_dags_payload_with_no_files_to_check(
    aws_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(LAMBDAS))  # the function's asset root, as Lambda has it
    monkeypatch.setenv("METRIC_NAMESPACE", "Launchpad/Tests")
    monkeypatch.setenv("ENVIRONMENT", "sandbox")
    path = LAMBDAS / "s3_validator" / "handler.py"
    spec = importlib.util.spec_from_file_location("dag_test_s3_validator", path)
    assert spec is not None
    assert spec.loader is not None
    handler = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, handler)
    spec.loader.exec_module(handler)

    template = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(launchpad.validator_payload())
    dag = SimpleNamespace(dag_id=launchpad.DAG_ID)
    event = json.loads(template.render(dag=dag, run_id="manual__2025-03-01", ds="2025-03-01"))
    assert event == {
        "source": "launchpad.mwaa",
        "dag_id": "launchpad_ride_pipeline",
        "run_id": "manual__2025-03-01",
        "logical_date": "2025-03-01",
    }
    # No S3 records in it: the function checks nothing and says so (a FunctionError would fail the task).
    assert handler.handler(event, None) == {"files": []}
