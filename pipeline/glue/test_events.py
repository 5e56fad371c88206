"""Raw → clean rules on plain rows: type drift, nulls, trimming, unknown fields, duplicates, the contract."""

from __future__ import annotations

import itertools
import json
import math
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pipeline.glue.testing.samples import event_id, fixture_rows, v1, v2
from pipeline.glue.transforms.columns import ATHENA_TYPES, ddl, names, to_row
from pipeline.glue.transforms.events import (
    CLEAN_COLUMNS,
    EVENT_TYPES,
    NUMBER_RANGES,
    REQUIRED_FIELDS,
    RESOLVE_CHOICE_SPECS,
    choice_specs,
    clean_events,
    dedupe,
    normalize_event,
    pick_latest,
    rejection,
    triage,
)
from pipeline.glue.transforms.times import parse_timestamp

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "schemas" / "ride-event.schema.json").read_text())
UTC = UTC


def clean(record: Any) -> dict[str, Any]:
    result = normalize_event(record)
    assert result is not None, f"dropped: {record}"
    return result


# --- type rules ----------------------------------------------------------------------------------


def test_version_1_integer_fare_becomes_a_double() -> None:
    row = clean(v1("a", "completed", "2024-03-07T09:30:00Z", fare_amount=18))
    assert row["fare_amount"] == 18.0
    assert isinstance(row["fare_amount"], float)
    assert row["tip_amount"] is None  # version 1 has no tip: null, not 0
    assert row["schema_version"] == 1


def test_version_2_double_fare_and_tip_are_kept() -> None:
    row = clean(v2("a", "completed", "2024-03-07T09:30:00Z", fare_amount=18.4, tip_amount=2))
    assert (row["fare_amount"], row["tip_amount"], row["schema_version"]) == (18.4, 2.0, 2)
    assert isinstance(row["tip_amount"], float)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (12, 12.0),
        (12.5, 12.5),
        ("12.50", 12.5),  # a numeric string from a CSV upload
        (" 7 ", 7.0),
        (0, 0.0),
        (10000, 10000.0),
        (10000.01, None),  # above the schema's maximum
        (-1, None),  # below its minimum
        (True, None),  # JSON true is not a number
        (float("nan"), None),
        (float("inf"), None),
        ("twelve", None),
        ([12], None),
        (None, None),
    ],
)
def test_fare_type_rule(value: Any, expected: float | None) -> None:
    assert clean(v1("a", "completed", "2024-03-07T09:30:00Z", fare_amount=value))["fare_amount"] == expected


def test_event_time_is_parsed_to_utc_and_decides_the_partition() -> None:
    row = clean(v1("a", "requested", "2024-03-07T23:30:00-02:00"))
    assert row["event_time"] == datetime(2024, 3, 8, 1, 30, tzinfo=UTC)
    assert (row["year"], row["month"], row["day"]) == ("2024", "03", "08")


def test_strings_are_trimmed_and_case_normalized() -> None:
    row = clean(
        v1(
            "a",
            " Completed ",
            "2024-03-07T09:30:00Z",
            event_id="  ABCDEF01-0000-4000-8000-000000000001 ",
            ride_id=" RIDE-000000000A ",
            city="  Berlin ",
            currency=" eur",
            payment_type="CARD ",
            driver_id="   ",
        )
    )
    assert row["event_id"] == "abcdef01-0000-4000-8000-000000000001"
    assert row["ride_id"] == "ride-000000000a"
    assert (row["event_type"], row["city"], row["currency"], row["payment_type"]) == (
        "completed",
        "Berlin",
        "EUR",
        "card",
    )
    assert row["driver_id"] is None  # blank → null


def test_points_are_flattened_and_range_checked() -> None:
    row = clean(
        v1("a", "requested", "2024-03-07T09:30:00Z", pickup={"lat": 52, "lon": 200}, dropoff="nowhere")
    )
    assert (row["pickup_lat"], row["pickup_lon"]) == (52.0, None)
    assert (row["dropoff_lat"], row["dropoff_lon"]) == (None, None)


def test_schema_version_defaults_to_1_and_accepts_numeric_text() -> None:
    record = v1("a", "requested", "2024-03-07T09:30:00Z")
    del record["schema_version"]
    assert clean(record)["schema_version"] == 1
    assert clean({**record, "schema_version": "2"})["schema_version"] == 2
    assert clean({**record, "schema_version": 2.0})["schema_version"] == 2
    assert clean({**record, "schema_version": 1.5})["schema_version"] == 1


def test_unknown_fields_are_dropped_and_columns_come_in_order() -> None:
    row = clean({**v2("a", "completed", "2024-03-07T09:30:00Z"), "surge": 1.4, "debug": {"x": 1}})
    assert list(row) == list(names(CLEAN_COLUMNS))


def test_unknown_event_types_are_kept_for_inspection() -> None:
    # The clean zone is the event log: an event type from a newer producer stays visible there;
    # the curated fold ignores it (test_rides.py).
    assert clean(v1("a", "Arrived", "2024-03-07T09:30:00Z"))["event_type"] == "arrived"


def test_normalizing_is_idempotent() -> None:
    rows = [
        v1("a", "requested", "2024-03-07T09:00:00+01:00"),
        v2("a", "completed", "2024-03-07T09:30:00.25Z", fare_amount="18.40"),
        v1("b", "cancelled", "2024-03-07 10:00:00", pickup={"lat": 52, "lon": 13}),
    ]
    for row in rows:
        once = clean(row)
        assert normalize_event(once) == once


# --- null rules ----------------------------------------------------------------------------------


@pytest.mark.parametrize("field", REQUIRED_FIELDS)
@pytest.mark.parametrize("missing", ["absent", None, "", "   "])
def test_events_without_a_required_field_are_dropped(field: str, missing: Any) -> None:
    record = v1("a", "requested", "2024-03-07T09:30:00Z")
    if missing == "absent":
        del record[field]
    else:
        record[field] = missing
    assert normalize_event(record) is None


@pytest.mark.parametrize("bad_time", ["2024-13-01T00:00:00Z", "tomorrow", 1709802300])
def test_events_with_an_unreadable_time_are_dropped(bad_time: Any) -> None:
    assert normalize_event(v1("a", "requested", bad_time)) is None


@pytest.mark.parametrize("record", [None, "not json", 42, ["a", "list"]])
def test_things_that_are_not_objects_are_dropped(record: Any) -> None:
    assert normalize_event(record) is None


# --- duplicates ----------------------------------------------------------------------------------


def test_dedupe_keeps_one_copy_per_event_the_latest_by_event_time() -> None:
    first = clean(v1("a", "requested", "2024-03-07T09:00:00Z", event_id=event_id(1)))
    corrected = clean(v1("a", "requested", "2024-03-07T09:00:05Z", event_id=event_id(1)))
    other = clean(v1("a", "accepted", "2024-03-07T09:01:00Z", event_id=event_id(2)))
    assert dedupe([corrected, other, first, first]) == [corrected, other]


def test_dedupe_ignores_arrival_order() -> None:
    copies = [
        clean(v1("a", "completed", "2024-03-07T09:30:00Z", event_id=event_id(5))),
        clean(v2("a", "completed", "2024-03-07T09:30:00Z", event_id=event_id(5))),  # same time, newer version
        clean(v1("a", "completed", "2024-03-07T09:29:00Z", event_id=event_id(5))),
        clean(v1("a", "requested", "2024-03-07T09:00:00Z", event_id=event_id(6))),
    ]
    results = {json.dumps(dedupe(order), default=str) for order in itertools.permutations(copies)}
    assert len(results) == 1
    kept = dedupe(copies)
    assert [row["event_id"] for row in kept] == [event_id(6), event_id(5)]
    assert kept[1]["schema_version"] == 2  # the tie on event_time goes to the newer schema version


def test_pick_latest_is_commutative_and_associative_like_reduce_by_key_needs() -> None:
    a = clean(v1("a", "requested", "2024-03-07T09:00:00Z", event_id=event_id(9)))
    b = clean(v1("a", "requested", "2024-03-07T09:00:00Z", event_id=event_id(9), city="Potsdam"))
    c = clean(v1("a", "requested", "2024-03-07T09:00:01Z", event_id=event_id(9)))
    assert pick_latest(a, b) == pick_latest(b, a)
    assert pick_latest(pick_latest(a, b), c) == pick_latest(a, pick_latest(b, c)) == c


def test_clean_events_on_a_mixed_v1_v2_batch_with_bad_rows() -> None:
    duplicate = v2("b", "completed", "2024-03-08T00:10:00+01:00", event_id=event_id(42))
    batch = [
        v1("a", "requested", "2024-03-07T09:00:00Z"),
        v1("a", "completed", "2024-03-07T09:30:00Z", fare_amount=18),
        v2("b", "requested", "2024-03-07T22:50:00Z"),
        duplicate,
        dict(duplicate),  # sent twice
        {**v2("c", "requested", "2024-03-07T09:00:00Z"), "ride_id": None},  # no ride
        "garbage line",
    ]
    rows = clean_events(batch)
    assert len(rows) == 4
    assert {type(row["fare_amount"]) for row in rows if row["fare_amount"] is not None} == {float}
    by_id = {row["event_id"]: row for row in rows}
    assert by_id[event_id(42)]["tip_amount"] == 2.5
    assert (by_id[event_id(42)]["year"], by_id[event_id(42)]["day"]) == ("2024", "07")  # 23:10 UTC


# --- resolveChoice and columns -----------------------------------------------------------------


def test_choice_specs_cover_only_columns_in_the_batch() -> None:
    v1_only = [
        "schema_version",
        "event_id",
        "fare_amount",
        "pickup",
        "pickup.lat",
        "pickup.lon",
        "distance_km",
    ]
    assert choice_specs(v1_only) == [
        ("fare_amount", "cast:double"),
        ("distance_km", "cast:double"),
        ("pickup.lat", "cast:double"),
        ("pickup.lon", "cast:double"),
        ("schema_version", "cast:int"),
    ]
    assert ("tip_amount", "cast:double") in choice_specs([*v1_only, "tip_amount"])


def test_ddl_and_rows_follow_the_column_list() -> None:
    assert ddl(CLEAN_COLUMNS).startswith(
        "event_id STRING, ride_id STRING, event_type STRING, event_time TIMESTAMP"
    )
    row = clean(v2("a", "completed", "2024-03-07T09:30:00Z"))
    assert to_row(row, CLEAN_COLUMNS) == tuple(row.values())
    assert {column.type for column in CLEAN_COLUMNS} <= set(ATHENA_TYPES)


# --- the event contract (pipeline/schemas/ride-event.schema.json) ----------------------------------


def test_rules_match_the_event_schema() -> None:
    properties = SCHEMA["properties"]
    assert tuple(properties["event_type"]["enum"]) == EVENT_TYPES
    assert set(REQUIRED_FIELDS) <= set(SCHEMA["required"])
    for field in ("fare_amount", "tip_amount", "distance_km"):
        assert NUMBER_RANGES[field] == (properties[field]["minimum"], properties[field]["maximum"]), field
    point = SCHEMA["definitions"]["point"]["properties"]
    for axis in ("lat", "lon"):
        assert NUMBER_RANGES[axis] == (point[axis]["minimum"], point[axis]["maximum"])


def test_every_contract_field_has_a_clean_column() -> None:
    columns = set(names(CLEAN_COLUMNS))
    for field, spec in SCHEMA["properties"].items():
        expected = {f"{field}_lat", f"{field}_lon"} if "$ref" in spec else {field}
        assert expected <= columns, f"{field} would be dropped by raw → clean"


def test_every_numeric_contract_field_is_resolved_by_resolve_choice() -> None:
    # A JSON number can arrive as an integer or a decimal: each needs a resolveChoice cast. Both lists
    # (the schema and RESOLVE_CHOICE_SPECS) must agree, or a DynamicFrame keeps a choice type.
    numeric = set()
    for field, spec in SCHEMA["properties"].items():
        types = spec.get("type", [])
        if "$ref" in spec:
            numeric |= {f"{field}.lat", f"{field}.lon"}
        elif {"number", "integer"} & set(types if isinstance(types, list) else [types]):
            numeric.add(field)
    assert {path for path, _ in RESOLVE_CHOICE_SPECS} == numeric
    clean_types = {column.name: column.type for column in CLEAN_COLUMNS}
    for path, action in RESOLVE_CHOICE_SPECS:
        spark_type = {"cast:double": "DOUBLE", "cast:int": "INT"}[action]
        assert clean_types[path.replace(".", "_")] == spark_type, path


# --- the shared sample-event fixtures, once they exist ------------------------------------------


@pytest.mark.parametrize("name", ["rides-v1.jsonl", "rides-v2.jsonl"])
def test_valid_fixture_events_all_survive(name: str) -> None:
    rows = fixture_rows(name)
    cleaned = [normalize_event(row) for row in rows]
    assert all(row is not None for row in cleaned), "a valid sample event was dropped"
    for row in cleaned:
        assert row is not None
        assert row["fare_amount"] is None or isinstance(row["fare_amount"], float)
    if name == "rides-v1.jsonl":
        assert all(row["tip_amount"] is None for row in cleaned if row)


def test_mixed_fixture_batch_keeps_the_clean_invariants() -> None:
    rows = [
        *fixture_rows("rides-v1.jsonl"),
        *fixture_rows("rides-v2.jsonl"),
        *fixture_rows("rides-bad.jsonl"),
    ]
    cleaned = clean_events(rows)
    assert len({row["event_id"] for row in cleaned}) == len(cleaned)
    for row in cleaned:
        assert all(row[field] is not None for field in REQUIRED_FIELDS)
        assert row["event_time"].utcoffset().total_seconds() == 0
        for field in ("fare_amount", "tip_amount", "distance_km"):
            value = row[field]
            assert value is None or (isinstance(value, float) and math.isfinite(value))


def test_bad_fixture_events_never_raise() -> None:
    for row in fixture_rows("rides-bad.jsonl"):
        normalize_event(row)  # dropped or cleaned, never an exception


def test_each_bad_fixture_event_gets_the_rule_for_its_fault() -> None:
    for row in fixture_rows("rides-bad.jsonl"):
        result = normalize_event(row)
        placeable = isinstance(row, dict) and all(
            isinstance(row.get(field), str) and row[field].strip() for field in REQUIRED_FIELDS
        )
        if not placeable or parse_timestamp(row.get("event_time")) is None:
            assert result is None, f"kept an event that cannot be placed: {row!r:.120}"
            continue
        assert result is not None, f"dropped a placeable event: {row!r:.120}"
        assert result["event_id"] == row["event_id"].strip().lower()
        assert set(result) == set(names(CLEAN_COLUMNS))  # surge_multiplier and the like are gone
        for field in ("distance_km", "fare_amount", "tip_amount"):
            value = row.get(field)
            if isinstance(value, float) and not math.isfinite(value):  # NaN in the JSON
                assert result[field] is None
        pickup = row.get("pickup") or {}
        if isinstance(pickup.get("lat"), (int, float)) and not -90 <= pickup["lat"] <= 90:
            assert result["pickup_lat"] is None


def test_rejection_names_why_exactly_the_dropped_records_are_dropped() -> None:
    rows = [*fixture_rows("rides-v1.jsonl"), *fixture_rows("rides-bad.jsonl"), None, {"event_id": "E"}]
    for row in rows:
        assert (normalize_event(row) is None) == (rejection(row) is not None), f"{row!r:.120}"
    assert rejection({"event_id": "E"}) == "no ride_id"
    assert rejection({"event_id": "E", "ride_id": "R", "event_time": "2024-02-30T25:10:00Z"}) == (
        "event_time is not a time: 2024-02-30T25:10:00Z"
    )


def test_triage_keeps_the_refused_record_as_json_beside_its_reason() -> None:
    kind, (reason, text) = triage(
        {"event_id": "E", "ride_id": None, "city": "Paris", "pickup": {"lat": None}}
    )
    assert (kind, reason, json.loads(text)) == (
        "rejected",
        "no ride_id",
        {"event_id": "E", "city": "Paris", "pickup": {}},
    )
    kind, row = triage(v1("a", "requested", "2024-03-07T09:00:00Z"))
    assert (kind, row["ride_id"]) == ("clean", "ride-000000000a")
