"""A local SparkSession as Glue 5.0 runs the jobs: Spark 3.5.4 with Delta Lake 3.3.0 and the jobs' --conf.

pyspark and delta-spark come from requirements-spark.txt (the project's .venv). Delta's jars are not in
the delta-spark wheel: `configure_spark_with_delta_pip` asks Spark to fetch io.delta:delta-spark_2.12 of
the installed version from Maven Central with its own resolver (Ivy) on the first run, into ~/.ivy2, and
later runs take them from there without the network. Spark needs Java 17 (Glue 5.0's).

The session is kept light for two shared cores: local[2], two shuffle partitions, two partitions for
Delta's log replay (its default, 50, costs seconds per read of a tiny table), the JVM's quick JIT only,
no web UI, no progress bar.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.glue.transforms.jobs import DELTA_SPARK_CONF, DELTA_VERSION, RUNTIME_SPARK_CONF, SPARK_VERSION

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

REPOSITORY = Path(__file__).resolve().parents[3]

LIGHT_CONF = {
    "spark.master": "local[2]",
    "spark.sql.shuffle.partitions": "2",
    "spark.default.parallelism": "2",
    "spark.databricks.delta.snapshotPartitions": "2",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.memory": "1g",
    # Tiny data and short runs: the quick JIT (C1) alone and the serial GC halve the JVM's CPU time.
    "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
    # The Glue Data Catalog types partition keys as strings (`month=03` is '03'); so does this session.
    "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
}


class SparkSetupError(RuntimeError):
    pass


def local_spark(app_name: str = "launchpad-glue-local") -> SparkSession:
    """Starts (or returns the running) local session; raises SparkSetupError saying what to fix."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise SparkSetupError(
            "Spark needs Java 17 and found no `java` on PATH and no JAVA_HOME: install it "
            "(Debian/Ubuntu: sudo apt-get install openjdk-17-jre-headless) or set JAVA_HOME."
        )
    try:
        import pyspark
        from delta import configure_spark_with_delta_pip
        from pyspark.sql import SparkSession
    except ImportError as error:
        raise SparkSetupError(
            f"{error.name} is missing from {sys.prefix}: it is pinned in requirements-spark.txt; "
            "run `npm run python -- --version` to refresh the project's .venv."
        ) from error
    if pyspark.__version__ != SPARK_VERSION:
        raise SparkSetupError(
            f"pyspark {pyspark.__version__} is installed; the jobs run on Glue 5.0's Spark {SPARK_VERSION} "
            "(pipeline/glue/transforms/jobs.py SPARK_VERSION): pin it in requirements-spark.txt."
        )
    # Glue's workers run in UTC, and PySpark turns timestamps into Python datetimes in the local zone of
    # the process (the JVM and the Python workers inherit it from here). The Python workers import
    # pipeline.glue.transforms as Glue's do from --extra-py-files: the repository goes on their path.
    os.environ["TZ"] = "UTC"
    time.tzset()
    paths = [str(REPOSITORY), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable

    builder = SparkSession.builder.appName(app_name)
    for key, value in {**LIGHT_CONF, **DELTA_SPARK_CONF, **RUNTIME_SPARK_CONF}.items():
        builder = builder.config(key, value)
    session = configure_spark_with_delta_pip(builder).getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    delta = session.sparkContext.getConf().get("spark.jars.packages", "")
    if not delta.endswith(f":{DELTA_VERSION}"):
        raise SparkSetupError(
            f"Spark loaded {delta or 'no Delta jars'}; Glue 5.0 runs Delta {DELTA_VERSION}: "
            "pin delta-spark to it in requirements-spark.txt."
        )
    return session
