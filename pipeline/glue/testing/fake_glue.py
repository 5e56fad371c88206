"""A stand-in for awsglue, pyspark and delta, just large enough to run the job scripts' main() in tests.

It is not Spark. It runs the scripts' own calls on Python lists, so the tests can check what no Spark-free
test could otherwise: that main() reads the paths and arguments it should, passes the bookmark contexts,
resolveChoice specs, partition keys, Parquet options and MERGE maps it should, and that the data flowing
through those calls comes out right. What it cannot check is Spark's and Glue's own behaviour: that is
what a run in the Glue Docker image or in Glue is for (docs/guides/glue-jobs.md).

Storage is a dict of "objects": key → list of rows. Bookmarks are simulated per transformation_ctx:
a source returns only objects it has not returned before a job.commit().
"""

from __future__ import annotations

import re
import sys
import types
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import reduce
from typing import Any

from pipeline.glue.transforms.partitions import parse_partition_path
from pipeline.glue.transforms.rides import CURATED_COLUMNS, apply_merge


class Row(dict):
    def asDict(self, recursive: bool = False) -> dict[str, Any]:  # noqa: N802 - PySpark's name
        return {k: (dict(v) if recursive and isinstance(v, dict) else v) for k, v in self.items()}


class RDD:
    def __init__(self, items: Iterable[Any]) -> None:
        self.items = list(items)

    def map(self, f: Callable[[Any], Any]) -> RDD:
        return RDD(f(item) for item in self.items)

    def filter(self, f: Callable[[Any], Any]) -> RDD:
        return RDD(item for item in self.items if f(item))

    def reduceByKey(self, f: Callable[[Any, Any], Any]) -> RDD:  # noqa: N802
        groups: dict[Any, list[Any]] = defaultdict(list)
        for key, value in self.items:
            groups[key].append(value)
        return RDD((key, reduce(f, values)) for key, values in groups.items())

    def groupByKey(self) -> RDD:  # noqa: N802
        groups: dict[Any, list[Any]] = defaultdict(list)
        for key, value in self.items:
            groups[key].append(value)
        return RDD((key, iter(values)) for key, values in groups.items())

    def values(self) -> RDD:
        return RDD(value for _, value in self.items)

    def reduce(self, f: Callable[[Any, Any], Any]) -> Any:
        return reduce(f, self.items)

    def isEmpty(self) -> bool:  # noqa: N802
        return not self.items

    def cache(self) -> RDD:
        return self

    def unpersist(self) -> RDD:
        return self


class DataFrame:
    def __init__(self, spark: Spark, rows: list[dict[str, Any]], columns: list[str]) -> None:
        self.spark, self.rows, self.columns = spark, rows, columns

    @property
    def rdd(self) -> RDD:
        return RDD(Row(row) for row in self.rows)

    def limit(self, count: int) -> DataFrame:
        return DataFrame(self.spark, self.rows[:count], self.columns)

    def alias(self, _name: str) -> DataFrame:
        return self

    @property
    def write(self) -> DataFrameWriter:
        return DataFrameWriter(self)


class DeltaStore:
    """A Delta table's state: columns, partition columns, rows and one entry per commit."""

    def __init__(self, columns: list[str], partition_by: list[str], rows: list[dict[str, Any]]) -> None:
        self.columns, self.partition_by, self.rows = columns, partition_by, rows
        self.history: list[str] = ["WRITE"]


class DataFrameWriter:
    def __init__(self, frame: DataFrame) -> None:
        self.frame = frame
        self.settings: dict[str, Any] = {"mode": "errorifexists", "options": {}, "partition_by": []}

    def format(self, name: str) -> DataFrameWriter:
        self.settings["format"] = name
        return self

    def mode(self, name: str) -> DataFrameWriter:
        self.settings["mode"] = name
        return self

    def option(self, key: str, value: str) -> DataFrameWriter:
        self.settings["options"][key] = value
        return self

    def partitionBy(self, *columns: str) -> DataFrameWriter:  # noqa: N802
        self.settings["partition_by"] = list(columns)
        return self

    def save(self, path: str) -> None:
        spark, frame = self.frame.spark, self.frame
        spark.writes.append({"path": path, **self.settings})
        if self.settings.get("format") != "delta":
            raise NotImplementedError("the fake writes Delta tables only")
        store = spark.delta.get(path)
        if store is None:
            spark.delta[path] = DeltaStore(
                list(frame.columns), self.settings["partition_by"], list(frame.rows)
            )
            return
        if self.settings["mode"] != "append":
            raise RuntimeError(f"Delta table {path} exists (mode {self.settings['mode']})")
        added = [c for c in frame.columns if c not in store.columns]
        if added and self.settings["options"].get("mergeSchema") != "true":
            raise RuntimeError(f"schema mismatch: {added} not in the table; set mergeSchema")
        store.columns.extend(added)
        store.rows.extend(frame.rows)
        store.history.append("WRITE (mergeSchema)" if added else "WRITE")


class Conf:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def set(self, key: str, value: str) -> None:
        self.values[key] = value


class Spark:
    def __init__(self) -> None:
        self.conf = Conf()
        self.delta: dict[str, DeltaStore] = {}
        self.writes: list[dict[str, Any]] = []
        self.merges: list[dict[str, Any]] = []
        self.schemas: list[str] = []

    def createDataFrame(self, data: RDD, schema: str) -> DataFrame:  # noqa: N802
        self.schemas.append(schema)
        columns = [part.strip().split(" ")[0] for part in schema.split(",")]
        rows = [dict(zip(columns, values, strict=True)) for values in data.items]
        return DataFrame(self, rows, columns)


class Field:
    def __init__(self, name: str, data_type: Any) -> None:
        self.name, self.dataType = name, data_type


class Struct:
    def __init__(self, fields: list[Field]) -> None:
        self.fields = fields


def infer_schema(rows: list[dict[str, Any]]) -> Struct:
    names: dict[str, list[Any]] = {}
    for row in rows:
        for key, value in row.items():
            names.setdefault(key, []).append(value)
    fields = []
    for name, values in names.items():
        nested = [value for value in values if isinstance(value, dict)]
        fields.append(Field(name, infer_schema(nested) if nested else None))
    return Struct(fields)


class DynamicFrame:
    def __init__(self, glue: GlueContext, rows: list[dict[str, Any]]) -> None:
        self.glue, self.rows = glue, rows

    def count(self) -> int:
        return len(self.rows)

    def schema(self) -> Struct:
        return infer_schema(self.rows)

    def resolveChoice(self, specs: list[tuple[str, str]], transformation_ctx: str = "") -> DynamicFrame:  # noqa: N802
        self.glue.calls.append(("resolveChoice", {"specs": specs, "transformation_ctx": transformation_ctx}))
        rows = [_cast(dict(row), specs) for row in self.rows]
        return DynamicFrame(self.glue, rows)

    def toDF(self) -> DataFrame:  # noqa: N802
        columns = list(dict.fromkeys(key for row in self.rows for key in row))
        return DataFrame(self.glue.spark_session, [dict(row) for row in self.rows], columns)

    @classmethod
    def fromDF(cls, frame: DataFrame, glue: GlueContext, name: str) -> DynamicFrame:  # noqa: N802
        glue.calls.append(("fromDF", {"name": name}))
        return cls(glue, [dict(row) for row in frame.rows])


def _cast(row: dict[str, Any], specs: list[tuple[str, str]]) -> dict[str, Any]:
    for path, action in specs:
        *parents, leaf = path.split(".")
        node: Any = row
        for parent in parents:
            node = node.get(parent) if isinstance(node, dict) else None
        if isinstance(node, dict) and node.get(leaf) is not None:
            kind = action.split(":", 1)[1]
            try:
                node[leaf] = float(node[leaf]) if kind == "double" else int(node[leaf])
            except (TypeError, ValueError):
                node[leaf] = None  # Glue's cast gives null for what it cannot convert
    return row


class _Reader:
    def __init__(self, glue: GlueContext) -> None:
        self.glue = glue

    def from_options(self, **options: Any) -> DynamicFrame:
        glue = self.glue
        glue.calls.append(("read", options))
        context = options.get("transformation_ctx", "")
        seen = glue.bookmarks.setdefault(context, set()) if context else set()
        keys = [
            key
            for key in sorted(glue.objects)
            if any(key.startswith(path) for path in options["connection_options"]["paths"])
            and key not in seen
        ]
        glue.pending.setdefault(context, set()).update(keys)
        return DynamicFrame(glue, [dict(row) for key in keys for row in glue.objects[key]])


class _Writer:
    def __init__(self, glue: GlueContext) -> None:
        self.glue = glue

    def from_options(self, frame: DynamicFrame, **options: Any) -> None:
        glue = self.glue
        glue.calls.append(("write", options))
        path = options["connection_options"]["path"].rstrip("/")
        keys = options["connection_options"].get("partitionKeys", [])
        files: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in frame.rows:
            folder = "/".join(f"{key}={row[key]}" for key in keys)
            files[folder].append({k: v for k, v in row.items() if k not in keys})
        glue.run += 1
        for folder, rows in files.items():
            key = (
                f"{path}/{folder}/part-{glue.run:05d}.snappy.parquet"
                if folder
                else f"{path}/part-{glue.run:05d}"
            )
            glue.objects[key] = rows


class GlueContext:
    def __init__(self, spark: Spark, objects: dict[str, list[dict[str, Any]]]) -> None:
        self.spark_session = spark
        self.objects = objects
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.bookmarks: dict[str, set[str]] = {}
        self.pending: dict[str, set[str]] = {}
        self.commits = 0
        self.run = 0
        self.create_dynamic_frame = _Reader(self)
        self.write_dynamic_frame = _Writer(self)

    def commit(self) -> None:
        for context, keys in self.pending.items():
            if context:
                self.bookmarks.setdefault(context, set()).update(keys)
        self.pending.clear()
        self.commits += 1


class Job:
    def __init__(self, glue: GlueContext) -> None:
        self.glue = glue

    def init(self, name: str, args: dict[str, str]) -> None:
        self.glue.calls.append(("job.init", {"name": name, "args": args}))

    def commit(self) -> None:
        self.glue.commit()


class DeltaTable:
    """delta.tables.DeltaTable over the fake Spark's tables. MERGE applies the Python rule set
    (transforms/rides.apply_merge) and checks the SQL maps name only columns that exist."""

    def __init__(self, spark: Spark, path: str) -> None:
        self.spark, self.path = spark, path
        self.plan: dict[str, Any] = {}

    @classmethod
    def isDeltaTable(cls, spark: Spark, path: str) -> bool:  # noqa: N802
        return path in spark.delta

    @classmethod
    def forPath(cls, spark: Spark, path: str) -> DeltaTable:  # noqa: N802
        if path not in spark.delta:
            raise RuntimeError(f"{path} is not a Delta table")
        return cls(spark, path)

    def toDF(self) -> DataFrame:  # noqa: N802
        store = self.spark.delta[self.path]
        return DataFrame(self.spark, store.rows, store.columns)

    def alias(self, name: str) -> DeltaTable:
        self.plan["target_alias"] = name
        return self

    def merge(self, source: DataFrame, condition: str) -> DeltaTable:
        self.plan.update(source=source, condition=condition)
        return self

    def whenMatchedUpdate(self, set: dict[str, str]) -> DeltaTable:  # noqa: N802, A002 - Delta's name
        self.plan["set"] = set
        return self

    def whenNotMatchedInsert(self, values: dict[str, str]) -> DeltaTable:  # noqa: N802
        self.plan["values"] = values
        return self

    def execute(self) -> None:
        store = self.spark.delta[self.path]
        source: DataFrame = self.plan["source"]
        for name in [*self.plan["set"], *self.plan["values"]]:
            if name not in store.columns:  # what Delta 2.1 (Glue 4.0) does with explicit maps
                raise RuntimeError(f"cannot resolve {name} in MERGE: table columns are {store.columns}")
        for referenced in re.findall(r"\bt\.(\w+)", " ".join(self.plan["set"].values())):
            if referenced not in store.columns:
                raise RuntimeError(f"cannot resolve t.{referenced}")
        self.spark.merges.append(dict(self.plan))
        by_name = {column.name: column for column in CURATED_COLUMNS}
        columns = [by_name[name] for name in source.columns]
        store.rows = apply_merge(store.rows, source.rows, columns)
        store.history.append("MERGE")


def get_resolved_options(argv: list[str], names: list[str]) -> dict[str, str]:
    """awsglue.utils.getResolvedOptions: `--name value` pairs; every name is required."""
    values = {}
    for name in names:
        flag = f"--{name}"
        if flag not in argv:
            raise SystemExit(f"error: the following arguments are required: {flag}")
        values[name] = argv[argv.index(flag) + 1]
    return values


class Environment:
    """One fake AWS account: the objects, the Spark session, the Glue context of every run."""

    def __init__(self, objects: dict[str, list[dict[str, Any]]] | None = None) -> None:
        self.spark = Spark()
        self.glue = GlueContext(self.spark, objects if objects is not None else {})

    def modules(self) -> dict[str, types.ModuleType]:
        env = self

        class SparkContext:
            @staticmethod
            def getOrCreate() -> SparkContext:  # noqa: N802
                return SparkContext()

        def glue_context(_sc: Any) -> GlueContext:
            return env.glue

        def module(name: str, **attributes: Any) -> types.ModuleType:
            created = types.ModuleType(name)
            created.__dict__.update(attributes)
            return created

        return {
            "awsglue": module("awsglue"),
            "awsglue.context": module("awsglue.context", GlueContext=glue_context),
            "awsglue.dynamicframe": module("awsglue.dynamicframe", DynamicFrame=DynamicFrame),
            "awsglue.job": module("awsglue.job", Job=Job),
            "awsglue.utils": module("awsglue.utils", getResolvedOptions=get_resolved_options),
            "pyspark": module("pyspark"),
            "pyspark.context": module("pyspark.context", SparkContext=SparkContext),
            "delta": module("delta"),
            "delta.tables": module("delta.tables", DeltaTable=DeltaTable),
        }

    @contextmanager
    def installed(self) -> Iterator[Environment]:
        """Puts the fake modules in sys.modules for the duration (and restores what was there)."""
        fakes = self.modules()
        saved = {name: sys.modules.get(name) for name in fakes}
        sys.modules.update(fakes)
        try:
            yield self
        finally:
            for name, previous in saved.items():
                if previous is None:
                    sys.modules.pop(name, None)
                else:
                    sys.modules[name] = previous

    def partitions(self, prefix: str) -> list[dict[str, str]]:
        """The partition folders written under a path, parsed."""
        return [
            parse_partition_path(key[len(prefix) :])
            for key in sorted(self.glue.objects)
            if key.startswith(prefix)
        ]
