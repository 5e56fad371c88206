"""The lake's folder layout: Hive-style `key=value` partitions that Glue, Spark and Athena all read.

raw     s3://<raw>/stream/rides/year=YYYY/month=MM/day=DD/hour=HH/   Firehose (dynamic partitioning on the
                                                                     text of event_time: the ingestion stack)
        s3://<raw>/uploads/rides/...                                 batch uploads, as the uploader names them
clean   s3://<clean>/rides/year=YYYY/month=MM/day=DD/                Parquet, by event time (raw → clean)
curated s3://<curated>/rides/year=YYYY/month=MM/                     Delta Lake, by the ride's first event
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .times import parse_timestamp

# Where the ride events land in the raw zone, under the raw bucket (job argument --raw_path).
RAW_PREFIXES = ("stream/rides/", "uploads/rides/")

CLEAN_PARTITION_KEYS = ("year", "month", "day")
CURATED_PARTITION_KEYS = ("year", "month")
# Firehose partitions by hour as well: it writes a file every buffer interval, so days hold many files.
FIREHOSE_PARTITION_KEYS = ("year", "month", "day", "hour")

_FIELDS = {"year": ("year", 4), "month": ("month", 2), "day": ("day", 2), "hour": ("hour", 2)}


def partition_values(event_time: Any, keys: tuple[str, ...] = CLEAN_PARTITION_KEYS) -> dict[str, str]:
    """Zero-padded partition values of a timestamp in UTC: {'year': '2024', 'month': '03', 'day': '07'}.

    Strings, not numbers, so that the folders read `month=03` and sort in calendar order.
    """
    moment = parse_timestamp(event_time)
    if moment is None:
        raise ValueError(f"not a timestamp: {event_time!r}")
    return {key: _format(moment, key) for key in keys}


def partition_path(event_time: Any, keys: tuple[str, ...] = CLEAN_PARTITION_KEYS) -> str:
    """`year=2024/month=03/day=07`: the folder a record with this event time is written to."""
    values = partition_values(event_time, keys)
    return "/".join(f"{key}={values[key]}" for key in keys)


def parse_partition_path(path: str) -> dict[str, str]:
    """The `key=value` folders of an S3 key or URL, in order: the inverse of partition_path."""
    return dict(part.split("=", 1) for part in path.split("/") if "=" in part)


def raw_source_paths(raw_path: str) -> list[str]:
    """The folders the raw → clean job reads under `--raw_path` (a bucket URL, with or without `/`;
    a local folder in the Glue Docker image)."""
    base = raw_path.rstrip("/")
    return [f"{base}/{prefix}" for prefix in RAW_PREFIXES]


def _format(moment: datetime, key: str) -> str:
    try:
        attribute, width = _FIELDS[key]
    except KeyError:
        raise ValueError(f"unknown partition key {key!r}; use {', '.join(_FIELDS)}") from None
    return str(getattr(moment, attribute)).zfill(width)
