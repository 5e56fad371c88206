"""Glue job clean → curated: clean ride events (Parquet) → the `rides` Delta Lake table, one row per ride.

Reads    s3://<clean>/rides/ (Parquet) as a DynamicFrame with job bookmarks: only the files new since
         the last successful run.
Folds    each ride's new events into its partial state: status, step times, fare, tip, distance...
         (transforms/rides.py: ride_state).
MERGEs   the states into s3://<curated>/rides/, a Delta table partitioned by year and month of the
         ride's first event, keyed by ride_id: new rides are inserted, known rides updated by the rules
         of transforms/rides.py (MERGE_RULES), which tolerate late, repeated and out-of-order events.
Evolves  the schema: a run holding version-2 events writes `tip_amount`; when the table lacks the
         column, the job first appends an empty DataFrame with mergeSchema=true, which adds it (rows
         written before read null). The MERGE cannot add it itself, even with autoMerge on (set below):
         its UPDATE reads the target's tip_amount (coalesce(s.tip_amount, t.tip_amount)), and Delta
         3.3.0 (Glue 5.0) refuses that with DELTA_MERGE_UNRESOLVED_EXPRESSION while the column is missing
         (pipeline/glue/test_scripts.py runs both on Delta 3.3.0).

Arguments (transforms/jobs.py lists them for the CDK stack):
  --JOB_NAME       set by Glue
  --clean_path     s3://<clean bucket>/rides/     the clean rides table (written by raw_to_clean.py)
  --curated_path   s3://<curated bucket>/rides/   the curated rides Delta table
Glue settings this job needs (the CDK stack passes them as DefaultArguments):
  --datalake-formats     delta
  --conf                 spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension
                     --conf spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog
                     --conf spark.databricks.delta.schema.autoMerge.enabled=true
                         (one argument named --conf; its value is the whole text, on one line)
  --job-bookmark-option  job-bookmark-enable
  --extra-py-files       the transforms zip (python3 -m pipeline.glue.package)
Run one at a time (MaxConcurrentRuns 1): two MERGEs into one table at once conflict.

awsglue exists only inside Glue (or its Docker image): it, pyspark and delta are imported in main(), so
this module imports anywhere; the tests run main() on local Spark + Delta with a thin awsglue adapter
(testing/local_glue.py).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from pipeline.glue.transforms.columns import ddl, names, to_row
from pipeline.glue.transforms.jobs import CLEAN_TO_CURATED, RUNTIME_SPARK_CONF
from pipeline.glue.transforms.partitions import CURATED_PARTITION_KEYS
from pipeline.glue.transforms.rides import (
    SOURCE_ALIAS,
    TARGET_ALIAS,
    curated_columns,
    merge_plan,
    new_columns,
    ride_state,
)

JOB = CLEAN_TO_CURATED
SOURCE_CTX = "clean_rides"  # transformation_ctx: the bookmark state is stored under it


def main(argv: Sequence[str] | None = None) -> None:
    from awsglue.context import GlueContext
    from awsglue.job import Job
    from awsglue.utils import getResolvedOptions
    from delta.tables import DeltaTable
    from pyspark.context import SparkContext

    args = getResolvedOptions(list(sys.argv if argv is None else argv), JOB.argument_names)
    glue_context = GlueContext(SparkContext.getOrCreate())
    spark = glue_context.spark_session
    for key, value in RUNTIME_SPARK_CONF.items():
        spark.conf.set(key, value)
    job = Job(glue_context)
    job.init(args["JOB_NAME"], args)

    clean = glue_context.create_dynamic_frame.from_options(
        connection_type="s3",
        connection_options={"paths": [args["clean_path"]], "recurse": True},
        format="parquet",
        transformation_ctx=SOURCE_CTX,
    )
    if clean.count() == 0:  # nothing new since the last run's bookmark
        job.commit()
        return

    states = (
        clean.toDF()
        .rdd.map(lambda row: row.asDict(recursive=True))
        .filter(lambda event: event.get("ride_id"))
        .map(lambda event: (event["ride_id"], event))
        .groupByKey()
        .map(lambda ride: ride_state(ride[1]))
        .filter(lambda state: state is not None)
        .cache()
    )
    if states.isEmpty():
        job.commit()
        return

    columns = curated_columns(states.map(lambda state: state["schema_version"]).reduce(max))
    source = spark.createDataFrame(states.map(lambda state: to_row(state, columns)), schema=ddl(columns))
    path = args["curated_path"]

    if not DeltaTable.isDeltaTable(spark, path):
        source.write.format("delta").partitionBy(*CURATED_PARTITION_KEYS).save(path)
    else:
        if new_columns(DeltaTable.forPath(spark, path).toDF().columns, names(columns)):
            # Schema evolution: an empty append with mergeSchema adds the new columns to the table.
            source.limit(0).write.format("delta").mode("append").option("mergeSchema", "true").save(path)
        plan = merge_plan(columns)
        (
            DeltaTable.forPath(spark, path)
            .alias(TARGET_ALIAS)
            .merge(source.alias(SOURCE_ALIAS), plan.condition)
            .whenMatchedUpdate(set=plan.update)
            .whenNotMatchedInsert(values=plan.insert)
            .execute()
        )
    states.unpersist()
    job.commit()


if __name__ == "__main__":
    main()
