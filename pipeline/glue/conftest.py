"""One local SparkSession (Spark 3.5.4 + Delta 3.3.0, as Glue 5.0) for the whole pytest session.

Only the tests that ask for the `spark` fixture start it: the pure-Python tests of the transforms run
without Java. Starting Spark takes a few seconds; each test then reuses it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from pipeline.glue.testing.lake import Lake, run_scenario
from pipeline.glue.testing.spark import local_spark

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    session = local_spark("launchpad-glue-tests")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def lake(spark: SparkSession, tmp_path_factory: pytest.TempPathFactory) -> Lake:
    """Both jobs run over the fixtures, once per session (testing/lake.py): their tests read the result."""
    return run_scenario(spark, tmp_path_factory.mktemp("lake"))
