"""Fixtures of the DAG tests: the Variables the DAG reads, and the DAG loaded over the fake Airflow.

pipeline/dags/ goes on sys.path, as MWAA puts its dags/ folder there, so `import launchpad_dag_config`
works here the way it does in the DAG file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from types import ModuleType

import pytest

DAGS = Path(__file__).resolve().parent
if str(DAGS) not in sys.path:
    sys.path.insert(0, str(DAGS))

from testing.fake_airflow import FakeAirflow, LoadDag, fake_airflow  # noqa: E402 - needs the path above
from testing.variables import VARIABLES  # noqa: E402


@pytest.fixture
def dag_variables(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Sets every AIRFLOW_VAR_* the DAG reads (and only those); a test may change or delete some."""
    for name in [name for name in os.environ if name.startswith("AIRFLOW_VAR_")]:
        monkeypatch.delenv(name)
    for name, value in VARIABLES.items():
        monkeypatch.setenv(f"AIRFLOW_VAR_{name}", value)
    return dict(VARIABLES)


@pytest.fixture
def load_dag(dag_variables: dict[str, str]) -> Iterator[LoadDag]:
    """Loads ride_pipeline.py over the fake Airflow, with the environment as it is when called."""
    with ExitStack() as stack:

        def load() -> tuple[FakeAirflow, ModuleType]:
            airflow = stack.enter_context(fake_airflow(DAGS))
            return airflow, airflow.load(DAGS / "ride_pipeline.py")

        yield load
