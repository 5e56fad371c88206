"""Table columns as data: one list per table gives the Spark schema (DDL), the row tuples and the docs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

# Spark SQL types the tables use (DDL spelling), with the Athena/Glue Catalog type each becomes.
ATHENA_TYPES = {"STRING": "string", "INT": "int", "DOUBLE": "double", "TIMESTAMP": "timestamp"}


class Column(NamedTuple):
    name: str
    type: str  # Spark SQL DDL type: a key of ATHENA_TYPES
    description: str


def names(columns: Iterable[Column]) -> tuple[str, ...]:
    return tuple(column.name for column in columns)


def ddl(columns: Iterable[Column]) -> str:
    """Spark DDL schema string, e.g. `ride_id STRING, fare_amount DOUBLE`: what createDataFrame takes."""
    return ", ".join(f"{column.name} {column.type}" for column in columns)


def to_row(record: Mapping[str, Any], columns: Iterable[Column]) -> tuple[Any, ...]:
    """The record's values in column order (missing keys are null): a row for a DDL-typed DataFrame."""
    return tuple(record.get(column.name) for column in columns)
