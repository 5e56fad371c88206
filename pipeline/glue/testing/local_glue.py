"""The few awsglue calls the job scripts make, over a real local SparkSession: the scripts' main() runs as is.

awsglue (GlueContext, DynamicFrame, Job, getResolvedOptions) is not on PyPI: its Python side is a wrapper
over Glue's Scala ETL library, which AWS ships inside Glue and its Docker image only. pyspark and delta are
the real ones (requirements-spark.txt); only `awsglue.*` modules are put in sys.modules, each a thin
mapping onto Spark:

  create_dynamic_frame.from_options(s3, json)     spark.read.json (PERMISSIVE): unreadable lines become
                                                  the frame's error records (errorsCount,
                                                  errorsAsDynamicFrame), as Glue keeps them apart
  create_dynamic_frame.from_options(s3, parquet)  spark.read.parquet
  DynamicFrame.resolveChoice(specs=cast:T)        a cast of each named column (nested ones by withField)
  DynamicFrame.fromDF / toDF / count / schema     the DataFrame itself
  write_dynamic_frame.from_options(s3, ...)       DataFrameWriter, append, partitionBy the partitionKeys
  Job.init / Job.commit, transformation_ctx       bookmarks: a source skips the files it returned before
                                                  the last commit of the same job
  getResolvedOptions                              argparse over `--name value`, every name required

What this does not reproduce (Glue-only, see docs/guides/glue-jobs.md): real choice types (Spark's JSON
reader widens int + double to double, and int/double + string to string, before resolveChoice runs),
the shape of Glue's error records, bookmarks by S3 modification time and their reset, the Data Catalog,
S3 itself (paths here are local folders), workers, and Glue's own Spark build.
"""

from __future__ import annotations

import argparse
import os
import sys
import types
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F  # noqa: N812 - PySpark's usual name
from pyspark.sql.types import StructType

CORRUPT_RECORD = "_corrupt_record"  # Spark's column for a line its JSON reader cannot parse


class LocalGlue:
    """One local account: the SparkSession and the bookmark state of every job, kept across runs."""

    def __init__(self, spark: SparkSession) -> None:
        self.spark = spark
        self.bookmarks: dict[tuple[str, str], set[str]] = {}  # (job name, transformation_ctx) → files
        self.pending: dict[tuple[str, str], set[str]] = {}
        self.job_name = ""
        self.commits = 0

    def reset_bookmarks(self, job_name: str) -> None:
        """`aws glue reset-job-bookmark --job-name <job_name>`: the next run reads everything again."""
        for key in [key for key in self.bookmarks if key[0] == job_name]:
            del self.bookmarks[key]

    def commit(self) -> None:
        for key, files in self.pending.items():
            self.bookmarks.setdefault(key, set()).update(files)
        self.pending.clear()
        self.commits += 1

    def new_files(self, paths: Sequence[str], context: str) -> list[str]:
        """The files under `paths` (recursively; hidden and `_` names skipped as Spark does) that the
        source `context` of the current job has not returned before its last commit."""
        key = (self.job_name, context)
        seen = self.bookmarks.get(key, set()) if context else set()
        found = sorted(
            str(path)
            for root in map(_local_path, paths)
            if root.exists()
            for path in (root.rglob("*") if root.is_dir() else [root])
            if path.is_file()
            and not any(part.startswith(("_", ".")) for part in path.relative_to(root).parts)
        )
        fresh = [file for file in found if file not in seen]
        if context:
            self.pending.setdefault(key, set()).update(fresh)
        return fresh

    def modules(self) -> dict[str, types.ModuleType]:
        local = self

        class GlueContext:
            def __init__(self, spark_context: Any) -> None:
                del spark_context  # the session's own
                self.spark_session = local.spark
                self.create_dynamic_frame = _Reader(self)
                self.write_dynamic_frame = _Writer(self)
                self.local = local

        class Job:
            def __init__(self, glue_context: GlueContext) -> None:
                self.glue_context = glue_context

            def init(self, name: str, args: dict[str, str]) -> None:
                del args
                local.job_name = name

            def commit(self) -> None:
                local.commit()

        def module(name: str, **attributes: Any) -> types.ModuleType:
            created = types.ModuleType(name)
            created.__dict__.update(attributes)
            return created

        return {
            "awsglue": module("awsglue"),
            "awsglue.context": module("awsglue.context", GlueContext=GlueContext),
            "awsglue.dynamicframe": module("awsglue.dynamicframe", DynamicFrame=DynamicFrame),
            "awsglue.job": module("awsglue.job", Job=Job),
            "awsglue.utils": module("awsglue.utils", getResolvedOptions=get_resolved_options),
        }

    @contextmanager
    def installed(self) -> Iterator[LocalGlue]:
        """Puts the awsglue modules in sys.modules for the duration (and restores what was there)."""
        modules = self.modules()
        saved = {name: sys.modules.get(name) for name in modules}
        sys.modules.update(modules)
        try:
            yield self
        finally:
            for name, previous in saved.items():
                if previous is None:
                    sys.modules.pop(name, None)
                else:
                    sys.modules[name] = previous


class DynamicFrame:
    """A DataFrame, plus the records its source could not read (Glue's error records)."""

    def __init__(self, frame: DataFrame, glue_context: Any, name: str = "", errors: DataFrame | None = None):
        self.frame, self.glue_context, self.name, self.errors = frame, glue_context, name, errors

    @classmethod
    def fromDF(cls, frame: DataFrame, glue_context: Any, name: str) -> DynamicFrame:  # noqa: N802 - Glue's
        return cls(frame, glue_context, name)

    def toDF(self) -> DataFrame:  # noqa: N802
        return self.frame

    def count(self) -> int:
        return self.frame.count()

    def schema(self) -> StructType:
        return self.frame.schema

    def errorsCount(self) -> int:  # noqa: N802
        return 0 if self.errors is None else self.errors.count()

    def errorsAsDynamicFrame(self) -> DynamicFrame:  # noqa: N802
        spark = self.glue_context.spark_session
        errors = self.errors if self.errors is not None else spark.createDataFrame([], StructType([]))
        return DynamicFrame(errors, self.glue_context, f"{self.name}_errors")

    def resolveChoice(self, specs: Sequence[tuple[str, str]], transformation_ctx: str = "") -> DynamicFrame:  # noqa: N802
        frame = self.frame
        for path, action in specs:
            kind, _, spark_type = action.partition(":")
            if kind != "cast":
                raise ValueError(f"resolveChoice {path}: only cast:<type> is mapped locally, not {action}")
            top, _, nested = path.partition(".")
            cast = F.col(path).cast(spark_type)
            frame = frame.withColumn(top, F.col(top).withField(nested, cast) if nested else cast)
        return DynamicFrame(frame, self.glue_context, transformation_ctx or self.name, self.errors)


class _Reader:
    def __init__(self, glue_context: Any) -> None:
        self.glue_context = glue_context

    def from_options(
        self,
        connection_type: str,
        connection_options: dict[str, Any],
        format: str,  # noqa: A002 - Glue's name
        transformation_ctx: str = "",
        format_options: dict[str, Any] | None = None,
    ) -> DynamicFrame:
        del format_options
        if connection_type != "s3":
            raise ValueError(f"only connection_type s3 (local folders here), not {connection_type}")
        local: LocalGlue = self.glue_context.local
        spark = local.spark
        files = local.new_files(connection_options["paths"], transformation_ctx)
        if not files:
            return DynamicFrame(
                spark.createDataFrame([], StructType([])), self.glue_context, transformation_ctx
            )
        if format == "json":
            frame = (
                spark.read.option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT_RECORD)
                .json(files)
            )
            if CORRUPT_RECORD not in frame.columns:
                return DynamicFrame(frame, self.glue_context, transformation_ctx)
            # Spark refuses a query of the corrupt-record column alone on the raw files: cache first.
            frame = frame.cache()
            unreadable = F.col(CORRUPT_RECORD).isNotNull()
            errors = frame.filter(unreadable).select(F.col(CORRUPT_RECORD).alias("record"))
            good = frame.filter(~unreadable).drop(CORRUPT_RECORD)
            return DynamicFrame(good, self.glue_context, transformation_ctx, errors)
        if format == "parquet":
            return DynamicFrame(spark.read.parquet(*files), self.glue_context, transformation_ctx)
        raise ValueError(f"format {format} is not mapped locally (json, parquet)")


class _Writer:
    def __init__(self, glue_context: Any) -> None:
        self.glue_context = glue_context

    def from_options(
        self,
        frame: DynamicFrame,
        connection_type: str,
        connection_options: dict[str, Any],
        format: str,  # noqa: A002 - Glue's name
        format_options: dict[str, Any] | None = None,
        transformation_ctx: str = "",
    ) -> None:
        del transformation_ctx
        if connection_type != "s3":
            raise ValueError(f"only connection_type s3 (local folders here), not {connection_type}")
        writer = frame.toDF().write.mode("append").format(format)
        for key, value in (format_options or {}).items():
            writer = writer.option(key, value)
        keys = connection_options.get("partitionKeys") or []
        if keys:
            writer = writer.partitionBy(*keys)
        writer.save(str(_local_path(connection_options["path"])))


def get_resolved_options(argv: Sequence[str], names: Sequence[str]) -> dict[str, str]:
    """awsglue.utils.getResolvedOptions: `--name value` for each name, all required, others ignored."""
    parser = argparse.ArgumentParser(prog=os.path.basename(argv[0]) if argv else "job")
    for name in names:
        parser.add_argument(f"--{name}", required=True)
    known, _ = parser.parse_known_args(list(argv[1:]))
    return vars(known)


def _local_path(url: str) -> Path:
    if url.startswith("s3://"):
        raise ValueError(f"{url}: local runs read and write folders; pass a path or a file:// URL")
    return Path(url.removeprefix("file://"))
