"""Raw ride events → clean events: the type and null rules, deduplication, and the clean table's columns.

The event contract is pipeline/schemas/ride-event.schema.json. Version 1 sends `fare_amount` as whole
units (an integer); version 2 sends it with cents (a number) and adds `tip_amount`. The raw zone keeps
events as sent, so a batch can hold both; the clean zone has one schema for all of them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from .columns import Column
from .partitions import CLEAN_PARTITION_KEYS, partition_values
from .times import parse_timestamp

EVENT_TYPES = ("requested", "accepted", "started", "completed", "cancelled")

# An event without any of these cannot be placed (which ride? which event? when?): it is dropped.
REQUIRED_FIELDS = ("event_id", "ride_id", "event_time")

# Valid ranges, as in the JSON schema. A number outside its range becomes null; the event is kept.
NUMBER_RANGES = {
    "distance_km": (0.0, 500.0),
    "fare_amount": (0.0, 10000.0),
    "tip_amount": (0.0, 1000.0),
    "lat": (-90.0, 90.0),
    "lon": (-180.0, 180.0),
}

# The clean table (Parquet, partitioned by the last three). Nested pickup/dropoff points are flattened:
# Athena and QuickSight handle plain columns better than structs.
CLEAN_COLUMNS = (
    Column("event_id", "STRING", "UUID of the event, lower case; unique in a run's output"),
    Column("ride_id", "STRING", "The ride the event belongs to, lower case"),
    Column("event_type", "STRING", "requested, accepted, started, completed or cancelled (lower case)"),
    Column("event_time", "TIMESTAMP", "When it happened, UTC"),
    Column("schema_version", "INT", "Event schema version the producer wrote (1 when missing)"),
    Column("city", "STRING", "City of the pickup"),
    Column("rider_id", "STRING", "Who asked for the ride"),
    Column("driver_id", "STRING", "Who drives; null until accepted"),
    Column("pickup_lat", "DOUBLE", "Pickup latitude"),
    Column("pickup_lon", "DOUBLE", "Pickup longitude"),
    Column("dropoff_lat", "DOUBLE", "Drop-off latitude"),
    Column("dropoff_lon", "DOUBLE", "Drop-off longitude"),
    Column("distance_km", "DOUBLE", "Trip distance; set on completed"),
    Column("fare_amount", "DOUBLE", "Fare; version 1 sent an integer, widened to double"),
    Column("tip_amount", "DOUBLE", "Tip; version 2 and later, null for version-1 events"),
    Column("currency", "STRING", "USD, EUR or GBP (upper case)"),
    Column("payment_type", "STRING", "card, cash or wallet (lower case); set on completed"),
    Column("year", "STRING", "Partition: year of event_time (UTC)"),
    Column("month", "STRING", "Partition: month of event_time, zero-padded"),
    Column("day", "STRING", "Partition: day of event_time, zero-padded"),
)

# Glue's resolveChoice specs: a JSON column that holds integers in some records and decimals in others
# (fare_amount in v1 vs v2, a latitude of 52 vs 52.52) is a choice type in a DynamicFrame; cast it.
RESOLVE_CHOICE_SPECS = (
    ("fare_amount", "cast:double"),
    ("tip_amount", "cast:double"),
    ("distance_km", "cast:double"),
    ("pickup.lat", "cast:double"),
    ("pickup.lon", "cast:double"),
    ("dropoff.lat", "cast:double"),
    ("dropoff.lon", "cast:double"),
    ("schema_version", "cast:int"),
)


def choice_specs(present_paths: Iterable[str]) -> list[tuple[str, str]]:
    """The RESOLVE_CHOICE_SPECS whose column is in this batch (a v1-only batch has no tip_amount)."""
    present = set(present_paths)
    return [(path, action) for path, action in RESOLVE_CHOICE_SPECS if path in present]


def normalize_event(record: Any) -> dict[str, Any] | None:
    """One raw event as a clean row (a dict of CLEAN_COLUMNS, in order), or None to drop it.

    Null rules: no event_id, ride_id or parseable event_time → dropped. Empty or blank strings → null.
    Type rules: strings trimmed; ids lower case; event_time an aware UTC datetime; fare, tip, distance
    and coordinates floats (integers and numeric strings accepted; booleans, NaN, infinities and values
    out of range → null); schema_version an int (1 when missing). Fields not in the contract are dropped.
    Partition columns year/month/day come from event_time. Idempotent: a clean row normalizes to itself.
    """
    if rejection(record) is not None:
        return None
    event_id = _text(record.get("event_id"))
    ride_id = _text(record.get("ride_id"))
    event_time = parse_timestamp(record.get("event_time"))
    if event_id is None or ride_id is None or event_time is None:  # never, after rejection(): narrows types
        return None
    pickup_lat, pickup_lon = _point(record, "pickup")
    dropoff_lat, dropoff_lon = _point(record, "dropoff")
    values = {
        "event_id": event_id.lower(),
        "ride_id": ride_id.lower(),
        "event_type": _lower(record.get("event_type")),
        "event_time": event_time,
        "schema_version": _integer(record.get("schema_version")) or 1,
        "city": _text(record.get("city")),
        "rider_id": _text(record.get("rider_id")),
        "driver_id": _text(record.get("driver_id")),
        "pickup_lat": pickup_lat,
        "pickup_lon": pickup_lon,
        "dropoff_lat": dropoff_lat,
        "dropoff_lon": dropoff_lon,
        "distance_km": _number(record.get("distance_km"), "distance_km"),
        "fare_amount": _number(record.get("fare_amount"), "fare_amount"),
        "tip_amount": _number(record.get("tip_amount"), "tip_amount"),
        "currency": _upper(record.get("currency")),
        "payment_type": _lower(record.get("payment_type")),
        **partition_values(event_time, CLEAN_PARTITION_KEYS),
    }
    return {column.name: values[column.name] for column in CLEAN_COLUMNS}


def rejection(record: Any) -> str | None:
    """Why normalize_event drops this raw record (the reason the quarantine keeps beside it), or None.

    The same null rules as normalize_event, one reason each: a record that is not a JSON object, or that
    lacks an event_id, a ride_id or an event_time that reads as a time, cannot be placed in the table.
    """
    if not isinstance(record, Mapping):
        return "not a JSON object"
    for field in ("event_id", "ride_id"):
        if _text(record.get(field)) is None:
            return f"no {field}"
    if record.get("event_time") is None:
        return "no event_time"
    if parse_timestamp(record.get("event_time")) is None:
        return f"event_time is not a time: {str(record.get('event_time'))[:40]}"
    return None


def triage(record: Any) -> tuple[str, Any]:
    """One raw record through the rules: ("clean", its clean row), or ("rejected", (reason, the record
    as JSON text)) for the quarantine. Null fields are left out of that text: a raw reader gives every
    record the fields any record of the batch has."""
    row = normalize_event(record)
    if row is not None:
        return "clean", row
    reason = rejection(record) or "refused by the clean rules"
    return "rejected", (reason, json.dumps(_without_nulls(record), default=str, sort_keys=True))


def pick_latest(a: Mapping[str, Any], b: Mapping[str, Any]) -> Mapping[str, Any]:
    """Of two copies of one event, the one to keep: the later event_time; on a tie the higher schema
    version, then the one with more fields set, then a fixed order. Commutative and associative, so
    Spark's reduceByKey gives the same answer whatever order the copies arrive in."""
    return a if _preference(a) >= _preference(b) else b


def dedupe(records: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """One record per event_id (see pick_latest), ordered by event_time then event_id."""
    kept: dict[str, Mapping[str, Any]] = {}
    for record in records:
        key = record["event_id"]
        kept[key] = pick_latest(kept[key], record) if key in kept else record
    return sorted(kept.values(), key=lambda r: (r["event_time"], r["event_id"]))


def clean_events(records: Iterable[Any]) -> list[dict[str, Any]]:
    """The whole raw → clean rule set on plain Python rows: normalize, drop, dedupe."""
    normalized = (normalize_event(record) for record in records)
    return list(dedupe(r for r in normalized if r is not None))  # type: ignore[arg-type]


def _preference(record: Mapping[str, Any]) -> tuple[Any, ...]:
    filled = sum(value is not None for value in record.values())
    canonical = json.dumps(record, sort_keys=True, default=str)
    return (record["event_time"], record.get("schema_version") or 0, filled, canonical)


def _without_nulls(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    return value


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, str)):
        text = str(value).strip()
        return text or None
    return None


def _lower(value: Any) -> str | None:
    text = _text(value)
    return text.lower() if text else None


def _upper(value: Any) -> str | None:
    text = _text(value)
    return text.upper() if text else None


def _float(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float, Decimal)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def _number(value: Any, field: str) -> float | None:
    number = _float(value)
    low, high = NUMBER_RANGES[field]
    return number if number is not None and low <= number <= high else None


def _integer(value: Any) -> int | None:
    number = _float(value)
    return int(number) if number is not None and number.is_integer() else None


def _point(record: Mapping[str, Any], name: str) -> tuple[float | None, float | None]:
    """A nested {lat, lon} (raw) or flat name_lat/name_lon (clean) point, each coordinate range-checked."""
    point = record.get(name)
    if isinstance(point, Mapping):
        lat, lon = point.get("lat"), point.get("lon")
    else:
        lat, lon = record.get(f"{name}_lat"), record.get(f"{name}_lon")
    return _number(lat, "lat"), _number(lon, "lon")
