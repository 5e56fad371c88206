"""Clean events → the curated `rides` table: one row per ride, its latest state, upserted with a Delta MERGE.

A run of clean → curated sees only the events that arrived since the last run (job bookmarks), so a
ride's events can be split over runs and arrive late or out of order. Each run folds its events into one
partial state per ride (`ride_state`) and MERGEs those into the table with rules that combine two
partial states (`MERGE_RULES`): step times keep the earliest, `last_event_time` the latest, and the
descriptive values come from the side with the newer events. `merge_rows` is the same rule set in
Python; the tests check it against the SQL that `merge_plan` hands to Delta.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .columns import Column, names
from .events import EVENT_TYPES, normalize_event
from .partitions import CURATED_PARTITION_KEYS, partition_values

# Which step follows which: breaks ties between events with the same event_time.
STEP_RANK = {event_type: rank for rank, event_type in enumerate(EVENT_TYPES)}
STEP_COLUMNS = {event_type: f"{event_type}_at" for event_type in EVENT_TYPES}

_V1 = (
    Column("ride_id", "STRING", "Key: one row per ride"),
    Column("status", "STRING", "Latest step: requested, accepted, started, completed or cancelled"),
    Column("city", "STRING", "City of the pickup"),
    Column("rider_id", "STRING", "Who asked for the ride"),
    Column("driver_id", "STRING", "Who drives (latest known)"),
    Column("requested_at", "TIMESTAMP", "Time of the requested event (UTC)"),
    Column("accepted_at", "TIMESTAMP", "Time of the accepted event"),
    Column("started_at", "TIMESTAMP", "Time of the started event"),
    Column("completed_at", "TIMESTAMP", "Time of the completed event"),
    Column("cancelled_at", "TIMESTAMP", "Time of the cancelled event"),
    Column("pickup_lat", "DOUBLE", "Pickup latitude"),
    Column("pickup_lon", "DOUBLE", "Pickup longitude"),
    Column("dropoff_lat", "DOUBLE", "Drop-off latitude"),
    Column("dropoff_lon", "DOUBLE", "Drop-off longitude"),
    Column("distance_km", "DOUBLE", "Trip distance"),
    Column("fare_amount", "DOUBLE", "Fare (double since version 2; version-1 integers widened)"),
    Column("currency", "STRING", "Currency of fare and tip"),
    Column("payment_type", "STRING", "How the rider paid"),
    Column("schema_version", "INT", "Newest event schema version seen for the ride"),
    Column("first_event_time", "TIMESTAMP", "Earliest event of the ride: decides the partition"),
    Column("last_event_time", "TIMESTAMP", "Latest event of the ride: decides which state is newer"),
    Column("year", "STRING", "Partition: year of first_event_time (UTC)"),
    Column("month", "STRING", "Partition: month of first_event_time, zero-padded"),
)
# Version 2 adds one column. Delta appends a column added by schema evolution at the end of the table.
_V2 = (*_V1, Column("tip_amount", "DOUBLE", "Tip; added by version 2, null on rides written before"))

CURATED_SCHEMAS: dict[int, tuple[Column, ...]] = {1: _V1, 2: _V2}
LATEST_SCHEMA_VERSION = max(CURATED_SCHEMAS)
CURATED_COLUMNS = CURATED_SCHEMAS[LATEST_SCHEMA_VERSION]

# Values a ride takes from its most recent event that has them.
LATEST_VALUES = (
    "city",
    "rider_id",
    "driver_id",
    "pickup_lat",
    "pickup_lon",
    "dropoff_lat",
    "dropoff_lon",
    "distance_km",
    "fare_amount",
    "tip_amount",
    "currency",
    "payment_type",
)

# How a MERGE combines the table's row (t) with the run's partial state of the same ride (s).
MERGE_RULES: dict[str, str] = {
    "ride_id": "key",
    "status": "latest",
    **dict.fromkeys(LATEST_VALUES, "latest"),
    **dict.fromkeys(STEP_COLUMNS.values(), "earliest"),
    "schema_version": "greatest",
    "first_event_time": "earliest",
    "last_event_time": "greatest",
    "year": "with_first",
    "month": "with_first",
}

TARGET_ALIAS = "t"
SOURCE_ALIAS = "s"
MERGE_CONDITION = f"{TARGET_ALIAS}.ride_id = {SOURCE_ALIAS}.ride_id"

# Spark SQL for each rule ({c} is the column). Spark's least()/greatest() skip nulls; coalesce() takes
# the first non-null. A SET expression sees the row as it was before the update, like SQL's UPDATE.
RULE_SQL = {
    "latest": (
        "CASE WHEN s.last_event_time >= t.last_event_time "
        "THEN coalesce(s.{c}, t.{c}) ELSE coalesce(t.{c}, s.{c}) END"
    ),
    "earliest": "least(t.{c}, s.{c})",
    "greatest": "greatest(t.{c}, s.{c})",
    "with_first": "CASE WHEN s.first_event_time < t.first_event_time THEN s.{c} ELSE t.{c} END",
}


def curated_columns(schema_version: int) -> tuple[Column, ...]:
    """The curated columns of a schema version; versions newer than this code knows get the latest."""
    known = [version for version in CURATED_SCHEMAS if version <= schema_version]
    if not known:
        raise ValueError(f"no curated schema for version {schema_version}; known: {sorted(CURATED_SCHEMAS)}")
    return CURATED_SCHEMAS[max(known)]


def ride_state(events: Iterable[Mapping[str, Any]]) -> dict[str, Any] | None:
    """Fold one ride's events (raw or clean rows, any order, duplicates allowed) into its curated row.

    Events are ordered by event_time, then by step (so `cancelled` wins a tie with `requested`). The
    status is the last event's type; each `<step>_at` the earliest event of that step; the other values
    the latest non-null value. Events without a known event_type or without the required fields are
    ignored. None when no event is left. Returns every column of the latest curated schema.
    """
    usable = []
    for event in events:
        clean = normalize_event(event)
        if clean is not None and clean["event_type"] in STEP_RANK:
            usable.append(clean)
    if not usable:
        return None
    ride_ids = {event["ride_id"] for event in usable}
    if len(ride_ids) > 1:
        raise ValueError(f"events of several rides folded together: {sorted(ride_ids)}")
    ordered = sorted(usable, key=lambda e: (e["event_time"], STEP_RANK[e["event_type"]], e["event_id"]))

    state: dict[str, Any] = dict.fromkeys(names(CURATED_COLUMNS))
    state["ride_id"] = ordered[0]["ride_id"]
    for event in ordered:
        for name in LATEST_VALUES:
            if event[name] is not None:
                state[name] = event[name]
        step = STEP_COLUMNS[event["event_type"]]
        if state[step] is None:
            state[step] = event["event_time"]
    state["status"] = ordered[-1]["event_type"]
    state["schema_version"] = max(event["schema_version"] for event in ordered)
    state["first_event_time"] = ordered[0]["event_time"]
    state["last_event_time"] = ordered[-1]["event_time"]
    state.update(partition_values(state["first_event_time"], CURATED_PARTITION_KEYS))
    return state


@dataclass(frozen=True)
class MergePlan:
    """What the job passes to Delta: `DeltaTable.alias('t').merge(source.alias('s'), condition)
    .whenMatchedUpdate(set=update).whenNotMatchedInsert(values=insert)`."""

    condition: str
    update: dict[str, str] = field(default_factory=dict)
    insert: dict[str, str] = field(default_factory=dict)


def merge_plan(columns: Sequence[Column]) -> MergePlan:
    """The MERGE for a source with these columns. Table columns the source lacks (tip_amount in a
    version-1 run) are left alone on update and null on insert."""
    unknown = [column.name for column in columns if column.name not in MERGE_RULES]
    if unknown:
        raise ValueError(f"no merge rule for column(s) {', '.join(unknown)}: add them to MERGE_RULES")
    update = {
        column.name: RULE_SQL[MERGE_RULES[column.name]].format(c=column.name)
        for column in columns
        if MERGE_RULES[column.name] != "key"
    }
    insert = {column.name: f"{SOURCE_ALIAS}.{column.name}" for column in columns}
    return MergePlan(MERGE_CONDITION, update, insert)


def new_columns(target_columns: Iterable[str], source_columns: Iterable[str]) -> list[str]:
    """Source columns the table does not have yet: the schema evolution this run brings (Spark
    resolves column names case-insensitively, and so does this)."""
    existing = {name.lower() for name in target_columns}
    return [name for name in source_columns if name.lower() not in existing]


def merge_rows(
    target: Mapping[str, Any], source: Mapping[str, Any], columns: Sequence[Column]
) -> dict[str, Any]:
    """A matched row after the MERGE: RULE_SQL evaluated in Python, with SQL's null semantics."""
    merged = dict(target)
    source_newer = _compare(source.get("last_event_time"), target.get("last_event_time"), ">=")
    source_first = _compare(source.get("first_event_time"), target.get("first_event_time"), "<")
    for column in columns:
        name, rule = column.name, MERGE_RULES[column.name]
        t, s = target.get(name), source.get(name)
        if rule == "key":
            continue
        if rule == "latest":
            merged[name] = _coalesce(s, t) if source_newer else _coalesce(t, s)
        elif rule == "earliest":
            merged[name] = _skip_nulls(min, t, s)
        elif rule == "greatest":
            merged[name] = _skip_nulls(max, t, s)
        elif rule == "with_first":
            merged[name] = s if source_first else t
        else:  # pragma: no cover - MERGE_RULES and RULE_SQL are checked against each other by the tests
            raise ValueError(f"unknown merge rule {rule!r}")
    return merged


def apply_merge(
    table: Iterable[Mapping[str, Any]], source: Iterable[Mapping[str, Any]], columns: Sequence[Column]
) -> list[dict[str, Any]]:
    """The whole MERGE on Python rows: matched rides merged, new rides inserted (missing columns null).
    The table's columns are the union of its own and the source's (schema evolution)."""
    rows = {row["ride_id"]: dict(row) for row in table}
    all_names = list(dict.fromkeys([*(n for row in rows.values() for n in row), *names(columns)]))
    for state in source:
        ride = state["ride_id"]
        if ride in rows:
            rows[ride] = merge_rows(rows[ride], state, columns)
        else:
            rows[ride] = {name: state.get(name) for name in names(columns)}
    return [{name: row.get(name) for name in all_names} for row in rows.values()]


def _coalesce(*values: Any) -> Any:
    return next((value for value in values if value is not None), None)


def _skip_nulls(choose: Any, *values: Any) -> Any:
    present = [value for value in values if value is not None]
    return choose(present) if present else None


def _compare(left: datetime | None, right: datetime | None, operator: str) -> bool:
    """SQL comparison: anything compared with null is not true."""
    if left is None or right is None:
        return False
    return left >= right if operator == ">=" else left < right
