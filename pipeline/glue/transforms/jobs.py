"""The two Glue jobs as data: the arguments each script reads and the settings the CDK stack must give it.

This is the one place the job arguments are listed. The scripts read exactly `argument_names`; the
processing stack (infra/, phase 3) should build each job's DefaultArguments from `default_arguments()`
(or from `python3 -m pipeline.glue.transforms.jobs`, which prints them as JSON), and a test there can
compare the synthesized AWS::Glue::Job against this file.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass

# Spark 3.5.4, Python 3.11, Delta Lake 3.3.0 (docs/decisions/0013-glue-5.md). requirements-spark.txt pins
# the same pyspark and delta-spark, so the tests run the jobs on the engine versions Glue runs them on.
GLUE_VERSION = "5.0"
SPARK_VERSION = "3.5.4"
DELTA_VERSION = "3.3.0"
# The size of a run comes from config/<env>.json (`processing`); these are that schema's defaults.
WORKER_TYPE = "G.1X"  # 1 DPU: 4 vCPU, 16 GB memory
NUMBER_OF_WORKERS = 2  # the minimum: one driver, one executor
TIMEOUT_MINUTES = 30  # Glue's default is 48 hours (2,880 minutes): a stuck job would bill all of it

# Glue Spark jobs (2.0 and later): billed per second with a 1-minute minimum per run. The repository's
# price catalog (lib/cost/catalog/us-east-1.json) holds the same rates.
USD_PER_DPU_HOUR = 0.44
USD_PER_DPU_HOUR_FLEX = 0.29  # ExecutionClass FLEX: spare capacity, may start later
DPU_PER_WORKER = {"G.1X": 1, "G.2X": 2, "G.4X": 4, "G.8X": 8}

# Spark settings for Delta Lake, set when the session starts: the first two cannot be changed from a
# running script. Glue takes them as ONE job argument named --conf whose value chains them with " --conf ".
# AWS's Glue guide adds spark.delta.logStore.class=...S3SingleDriverLogStore: Delta's default for s3://.
# autoMerge lets a MERGE add a column its maps assign from the source (Delta 2.3+), but not one an UPDATE
# expression also reads from the target (coalesce(s.tip_amount, t.tip_amount) fails on Delta 3.3.0 with
# DELTA_MERGE_UNRESOLVED_EXPRESSION): clean_to_curated.py adds new columns itself before merging.
DELTA_SPARK_CONF = {
    "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
    "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
    "spark.databricks.delta.schema.autoMerge.enabled": "true",
}
# Settings the scripts apply themselves at run time (spark.conf.set), in Glue and in Docker alike.
RUNTIME_SPARK_CONF = {"spark.sql.session.timeZone": "UTC"}


@dataclass(frozen=True)
class JobArgument:
    name: str  # read by getResolvedOptions; passed to the job as --<name>
    meaning: str
    default: str  # what the CDK stack sets it to ({raw}, {clean}, {curated}: the zone bucket names)


@dataclass(frozen=True)
class GlueJob:
    purpose: str  # resource name suffix: <project>-<env>-<purpose>
    script: str  # path from the repository root
    description: str
    arguments: tuple[JobArgument, ...]
    glue_arguments: tuple[tuple[str, str], ...]  # Glue's own special parameters, as (name, value)

    @property
    def argument_names(self) -> list[str]:
        """What the script passes to getResolvedOptions (JOB_NAME is set by Glue itself)."""
        return ["JOB_NAME", *(argument.name for argument in self.arguments)]


# Job bookmarks: each run reads only the S3 objects that arrived since the last successful run.
_BOOKMARKS = ("--job-bookmark-option", "job-bookmark-enable")


def run_cost(
    minutes: float,
    workers: int = NUMBER_OF_WORKERS,
    worker_type: str = WORKER_TYPE,
    usd_per_dpu_hour: float = USD_PER_DPU_HOUR,
) -> float:
    """What one run costs: workers × DPU per worker × hours (1 minute at least) × the DPU-hour rate."""
    return workers * DPU_PER_WORKER[worker_type] * max(minutes, 1) / 60 * usd_per_dpu_hour


def spark_conf_argument(conf: dict[str, str]) -> str:
    """The value of Glue's --conf argument: `k1=v1 --conf k2=v2 --conf k3=v3`."""
    return " --conf ".join(f"{key}={value}" for key, value in conf.items())


RAW_TO_CLEAN = GlueJob(
    purpose="raw-to-clean",
    script="pipeline/glue/raw_to_clean.py",
    description="Raw ride events (JSON) → clean events (Parquet, Snappy, partitioned by event day)",
    arguments=(
        JobArgument(
            "raw_path",
            "The raw zone: the job reads stream/rides/ and uploads/rides/ below it",
            "s3://{raw}/",
        ),
        JobArgument("clean_path", "Where the clean rides table is written", "s3://{clean}/rides/"),
        JobArgument(
            "quarantine_path",
            "Where the events the clean rules refuse are kept, as JSON with the reason",
            "s3://{clean}/quarantine/rides/",
        ),
    ),
    glue_arguments=(_BOOKMARKS,),
)

CLEAN_TO_CURATED = GlueJob(
    purpose="clean-to-curated",
    script="pipeline/glue/clean_to_curated.py",
    description="Clean events (Parquet) → curated rides (Delta Lake, one row per ride, MERGE upserts)",
    arguments=(
        JobArgument("clean_path", "The clean rides table the job reads", "s3://{clean}/rides/"),
        JobArgument("curated_path", "The curated rides Delta table", "s3://{curated}/rides/"),
    ),
    glue_arguments=(
        _BOOKMARKS,
        ("--datalake-formats", "delta"),
        ("--conf", spark_conf_argument(DELTA_SPARK_CONF)),
    ),
)

JOBS = {job.purpose: job for job in (RAW_TO_CLEAN, CLEAN_TO_CURATED)}


def default_arguments(
    job: GlueJob, *, raw: str, clean: str, curated: str, extra_py_files: str | None = None
) -> dict[str, str]:
    """The job's DefaultArguments for these zone bucket names (+ the transforms zip, when given)."""
    values = {f"--{a.name}": a.default.format(raw=raw, clean=clean, curated=curated) for a in job.arguments}
    values.update(dict(job.glue_arguments))
    if extra_py_files:
        values["--extra-py-files"] = extra_py_files
    return values


def main(argv: list[str] | None = None) -> int:
    """Print every job's settings as JSON: `python3 -m pipeline.glue.transforms.jobs`."""
    del argv
    placeholders = {"raw": "<raw bucket>", "clean": "<clean bucket>", "curated": "<curated bucket>"}
    report = {
        purpose: {
            "script": job.script,
            "glueVersion": GLUE_VERSION,
            "workerType": WORKER_TYPE,
            "numberOfWorkers": NUMBER_OF_WORKERS,
            "timeoutMinutes": TIMEOUT_MINUTES,
            "argumentNames": job.argument_names,
            "defaultArguments": default_arguments(job, **placeholders),
        }
        for purpose, job in JOBS.items()
    }
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
