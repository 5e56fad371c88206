"""Glue job raw → clean: ride events as sent (JSON lines) → typed, deduplicated, partitioned Parquet.

Reads    s3://<raw>/stream/rides/   (Firehose)  and  s3://<raw>/uploads/rides/   (batch uploads),
         recursively, as a DynamicFrame with job bookmarks: each run sees only objects new since the
         last successful run.
Resolves type drift: fare_amount is an integer in version-1 events and a double in version 2, which a
         DynamicFrame holds as a choice type; resolveChoice casts it (and the other numbers) to double.
Applies  the null and type rules, and keeps one copy of each event_id (the latest by event_time):
         pipeline/glue/transforms/events.py.
Writes   s3://<clean>/rides/year=YYYY/month=MM/day=DD/*.snappy.parquet, partitioned by event time (UTC),
         appending to what earlier runs wrote.
Keeps    what it cannot use, never drops it: lines that are not JSON (the DynamicFrame's error records)
         under s3://<clean>/quarantine/rides/unreadable/, and events the null rules refuse (no id, no
         time...) under .../rejected/ as {"reason", "record"} JSON lines; the run's log counts both.

Arguments (transforms/jobs.py lists them for the CDK stack):
  --JOB_NAME         set by Glue
  --raw_path         s3://<raw bucket>/                     the raw zone (both prefixes above, below it)
  --clean_path       s3://<clean bucket>/rides/             the clean rides table
  --quarantine_path  s3://<clean bucket>/quarantine/rides/  what the job could not use, with the reason
Glue settings: --job-bookmark-option job-bookmark-enable; --extra-py-files with the transforms zip
(python3 -m pipeline.glue.package). Glue 5.0, G.1X × 2 workers are plenty for the sample data.

Deduplication covers one run. An event delivered again in a later run is written again; the curated
MERGE folds it in without harm (see transforms/rides.py).

awsglue exists only inside Glue (or its Docker image): it and pyspark are imported in main(), so this module
imports anywhere; the tests run main() on local Spark with a thin awsglue adapter (testing/local_glue.py).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from pipeline.glue.transforms.columns import ddl, to_row
from pipeline.glue.transforms.events import CLEAN_COLUMNS, choice_specs, pick_latest, triage
from pipeline.glue.transforms.jobs import RAW_TO_CLEAN, RUNTIME_SPARK_CONF
from pipeline.glue.transforms.partitions import CLEAN_PARTITION_KEYS, raw_source_paths

JOB = RAW_TO_CLEAN
# transformation_ctx names: the bookmark state is stored under them, so renaming one restarts it.
SOURCE_CTX = "raw_rides"
RESOLVE_CTX = "raw_rides_resolved"
SINK_CTX = "clean_rides"
UNREADABLE_CTX = "raw_rides_unreadable"
REJECTED_CTX = "raw_rides_rejected"
PARQUET_OPTIONS = {"compression": "snappy"}
REJECTED_SCHEMA = "reason STRING, record STRING"


def main(argv: Sequence[str] | None = None) -> None:
    from awsglue.context import GlueContext
    from awsglue.dynamicframe import DynamicFrame
    from awsglue.job import Job
    from awsglue.utils import getResolvedOptions
    from pyspark.context import SparkContext

    args = getResolvedOptions(list(sys.argv if argv is None else argv), JOB.argument_names)
    glue_context = GlueContext(SparkContext.getOrCreate())
    spark = glue_context.spark_session
    for key, value in RUNTIME_SPARK_CONF.items():
        spark.conf.set(key, value)
    job = Job(glue_context)
    job.init(args["JOB_NAME"], args)

    raw = glue_context.create_dynamic_frame.from_options(
        connection_type="s3",
        connection_options={"paths": raw_source_paths(args["raw_path"]), "recurse": True},
        format="json",
        transformation_ctx=SOURCE_CTX,
    )
    quarantine = args["quarantine_path"].rstrip("/")
    unreadable = raw.errorsCount()
    if unreadable:
        glue_context.write_dynamic_frame.from_options(
            frame=raw.errorsAsDynamicFrame(),
            connection_type="s3",
            connection_options={"path": f"{quarantine}/unreadable/"},
            format="json",
            transformation_ctx=UNREADABLE_CTX,
        )
    if raw.count() == 0:  # nothing new since the last run's bookmark
        print(f"{JOB.purpose}: no new events; {unreadable} unreadable line(s) quarantined")
        job.commit()
        return

    specs = choice_specs(field_paths(raw.schema()))
    if specs:
        raw = raw.resolveChoice(specs=specs, transformation_ctx=RESOLVE_CTX)

    # Each record once through the rules: ("clean", row) or ("rejected", (reason, the record as JSON)).
    checked = raw.toDF().rdd.map(lambda row: triage(row.asDict(recursive=True))).cache()
    rows = (
        checked.filter(lambda item: item[0] == "clean")
        .map(lambda item: (item[1]["event_id"], item[1]))
        .reduceByKey(pick_latest)
        .values()
        .map(lambda event: to_row(event, CLEAN_COLUMNS))
    )
    clean = spark.createDataFrame(rows, schema=ddl(CLEAN_COLUMNS)).cache()
    glue_context.write_dynamic_frame.from_options(
        frame=DynamicFrame.fromDF(clean, glue_context, SINK_CTX),
        connection_type="s3",
        connection_options={"path": args["clean_path"], "partitionKeys": list(CLEAN_PARTITION_KEYS)},
        format="parquet",
        format_options=PARQUET_OPTIONS,
        transformation_ctx=SINK_CTX,
    )
    rejected = spark.createDataFrame(
        checked.filter(lambda item: item[0] == "rejected").map(lambda item: item[1]), schema=REJECTED_SCHEMA
    ).cache()
    refused = rejected.count()
    if refused:
        glue_context.write_dynamic_frame.from_options(
            frame=DynamicFrame.fromDF(rejected, glue_context, REJECTED_CTX),
            connection_type="s3",
            connection_options={"path": f"{quarantine}/rejected/"},
            format="json",
            transformation_ctx=REJECTED_CTX,
        )
    print(
        f"{JOB.purpose}: {clean.count()} clean event(s) written; quarantined {refused} rejected event(s)"
        f" and {unreadable} unreadable line(s) under {quarantine}/"
    )
    for frame in (clean, rejected, checked):
        frame.unpersist()
    job.commit()


def field_paths(schema: Any, prefix: str = "") -> list[str]:
    """Dotted paths of every field of a DynamicFrame schema (awsglue.gluetypes.StructType): `pickup.lat`."""
    paths = []
    for field in getattr(schema, "fields", []):
        path = f"{prefix}{field.name}"
        paths.append(path)
        paths.extend(field_paths(field.dataType, f"{path}."))
    return paths


if __name__ == "__main__":
    main()
