"""The shared fixtures (pipeline/fixtures/*.jsonl) and the agreement of ride_event.py with the JSON Schema.

The fixtures come from `npm run events` (the commands are in docs/guides/sample-events.md); every Python
test of the pipeline, Lambda and Glue, reads them, so what they hold is checked here.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from common import ride_event
from common.ride_event import parse_json, parse_line, validate
from pipeline.lambdas.testing.events import fixture_lines

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schemas" / "ride-event.schema.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))

# What is wrong with each line of rides-bad.jsonl, in order: (field the problem names, words it uses).
BAD_LINES = [
    ("event_time", "expected UTC in ISO 8601 with a Z"),  # "2024-03-07 09:51:08": space, no zone
    ("fare_amount", 'found the string "18.4"'),  # a number sent as a string
    ("tip_amount", "not in schema_version 1"),  # version 1 with a field of version 2
    ("event_time", "not a real time (day is out of range for month)"),  # 2024-02-30T25:10:00Z
    ("not valid JSON", "NaN is not a JSON value"),  # what Python's json.dumps writes for float("nan")
    ("ride_id", "missing (required)"),
    ("expected a JSON object", "found an array"),  # the event wrapped in [ ]
    ("event_id", "a lower-case UUID"),  # upper-case UUID
    ("pickup.lat", "from -90 to 90, found 123.456"),
    ("event_type", 'found the string "arrived"'),
    ("schema_version", "expected 1 or 2, found 3"),
    ("surge_multiplier", "not a field of the ride event"),
    ("not valid JSON", "Expecting ',' delimiter"),  # cut off in the middle
]
# Lines of rides-bad.jsonl the JSON Schema alone accepts: the rules beyond it catch them.
BEYOND_SCHEMA_LINES = {3, 4}


# ---- the fixtures hold what the tests rely on ------------------------------------------------------------


@pytest.mark.parametrize(("name", "version"), [("rides-v1", 1), ("rides-v2", 2)])
def test_every_line_of_the_good_fixtures_is_valid(name: str, version: int) -> None:
    for number, line in enumerate(fixture_lines(name), start=1):
        event, problems = parse_line(line)
        assert problems == [], f"{name}.jsonl line {number}"
        assert event is not None
        assert event["schema_version"] == version


def test_rides_v1_has_every_lifecycle_step_duplicates_and_late_events() -> None:
    events = [parse_json(line) for line in fixture_lines("rides-v1")]

    assert len(events) == 60
    assert set(Counter(e["event_type"] for e in events)) == set(ride_event.EVENT_TYPES)
    repeated = [i for i, n in Counter(e["event_id"] for e in events).items() if n > 1]
    assert len(repeated) == 3  # duplicates: the same event, byte for byte, a second time
    late = [e for e in events if e["event_time"] < "2024-03-07T08:00:00Z"]
    assert len(late) == 2  # arrived within the window, happened before it
    assert all("tip_amount" not in e for e in events)
    assert all(isinstance(e["fare_amount"], int) for e in events if e["fare_amount"] is not None)
    assert {e["currency"] for e in events} == {"USD", "EUR", "GBP"}


def test_rides_v2_has_cents_and_tips() -> None:
    events = [parse_json(line) for line in fixture_lines("rides-v2")]

    assert len(events) == 20
    assert all("tip_amount" in e for e in events)
    completed = [e for e in events if e["event_type"] == "completed"]
    assert completed
    assert all(e["fare_amount"] is not None and e["distance_km"] is not None for e in completed)
    assert any(isinstance(e["fare_amount"], float) for e in completed)
    assert any((e["tip_amount"] or 0) > 0 for e in completed)


def test_rides_of_the_fixtures_follow_their_lifecycle() -> None:
    order = {"requested": 0, "accepted": 1, "started": 2, "completed": 3, "cancelled": 3}
    for name in ("rides-v1", "rides-v2"):
        rides: dict[str, list[dict[str, Any]]] = {}
        for event in {e["event_id"]: e for e in map(parse_json, fixture_lines(name))}.values():
            rides.setdefault(event["ride_id"], []).append(event)
        for ride_id, events in rides.items():
            steps = [order[e["event_type"]] for e in sorted(events, key=lambda e: e["event_time"])]
            assert steps == sorted(steps), f"{name}: {ride_id}"
            assert len({(e["city"], e["rider_id"], e["currency"]) for e in events}) == 1, f"{name}: {ride_id}"


@pytest.mark.parametrize(("number", "expected"), list(enumerate(BAD_LINES, start=1)))
def test_each_bad_line_is_rejected_for_its_reason(number: int, expected: tuple[str, str]) -> None:
    line = fixture_lines("rides-bad")[number - 1]
    field, words = expected

    event, problems = parse_line(line)

    assert event is None
    assert len(problems) == 1, problems
    assert problems[0].startswith(field), problems
    assert words in problems[0], problems


def test_the_bad_fixture_has_one_line_per_reason() -> None:
    assert len(fixture_lines("rides-bad")) == len(BAD_LINES)


# ---- the Python rules and the JSON Schema agree ----------------------------------------------------------


def test_fields_required_fields_and_enums_are_the_schema_s() -> None:
    properties = SCHEMA["properties"]

    assert tuple(properties) == ride_event.FIELDS
    assert tuple(SCHEMA["required"]) == ride_event.REQUIRED
    assert SCHEMA["additionalProperties"] is False
    assert tuple(properties["schema_version"]["enum"]) == ride_event.SCHEMA_VERSIONS
    assert tuple(properties["event_type"]["enum"]) == ride_event.EVENT_TYPES
    assert tuple(properties["currency"]["enum"]) == ride_event.CURRENCIES
    assert tuple(properties["payment_type"]["enum"]) == (*ride_event.PAYMENT_TYPES, None)
    assert (properties["city"]["minLength"], properties["city"]["maxLength"]) == ride_event.CITY_LENGTH


def test_patterns_and_ranges_are_the_schema_s() -> None:
    properties = SCHEMA["properties"]
    point = SCHEMA["definitions"]["point"]

    for field, pattern in ride_event.PATTERNS.items():
        assert properties[field]["pattern"] == f"^{pattern.pattern}$", field
    for field in ("distance_km", "fare_amount", "tip_amount"):
        assert (properties[field]["minimum"], properties[field]["maximum"]) == ride_event.RANGES[field], field
    for field in ride_event.POINT_FIELDS:
        bounds = (point["properties"][field]["minimum"], point["properties"][field]["maximum"])
        assert bounds == ride_event.RANGES[field], field
    assert tuple(point["required"]) == ride_event.POINT_FIELDS
    assert point["additionalProperties"] is False


def test_nullable_fields_are_the_schema_s() -> None:
    nullable = {
        name
        for name, spec in SCHEMA["properties"].items()
        if "null" in (spec.get("type") if isinstance(spec.get("type"), list) else [spec.get("type")])
    }
    base = json.loads(fixture_lines("rides-v2")[0])
    optional = [name for name in ride_event.FIELDS if name not in ride_event.REQUIRED]
    accepted_as_null = {name for name in optional if not validate({**base, name: None})}

    assert accepted_as_null == nullable


def _mutations() -> list[tuple[str, Any]]:
    """(description, value) pairs: a valid event and many single changes to it, valid and not."""
    base = json.loads(fixture_lines("rides-v2")[0])
    changes: list[tuple[str, Any]] = [("unchanged", base)]
    values: dict[str, list[Any]] = {
        "schema_version": [1, 2, 3, 0, "2", 2.5, None, True],
        "event_id": ["3F2B8C1E-9D4A-4E6F-8B1C-2A3D4E5F6A7B", "x", 1, None],
        "ride_id": ["ride-abc", "ride-abcdefghij", "ride-ABCDEFGHIJ", None],
        "event_type": [*ride_event.EVENT_TYPES, "arrived", "", None],
        "event_time": [
            "2024-03-08T09:32:48Z",
            "2024-03-08T09:32:48.123456Z",
            "2024-02-30T09:32:48Z",
            "2024-03-08 09:32:48",
            "x",
            0,
        ],
        "city": ["Oz", "O", "x" * 40, "x" * 41, None, 5],
        "rider_id": ["rider-000001", "rider-1", None],
        "driver_id": ["driver-000001", "driver-1", None, 7],
        "pickup": [
            {"lat": 0, "lon": 0},
            {"lat": 91, "lon": 0},
            {"lat": 0, "lon": -181},
            {"lat": 0},
            [],
            None,
        ],
        "dropoff": [{"lat": 0, "lon": 0, "z": 1}, {"lat": "0", "lon": 0}],
        "distance_km": [0, 500, 500.5, -1, None, "1"],
        "fare_amount": [0, 12, 12.34, 10000, 10001, -0.01, None, "12"],
        "tip_amount": [0, 1000, 1000.5, -1, None, "1"],
        "currency": [*ride_event.CURRENCIES, "usd", None],
        "payment_type": [*ride_event.PAYMENT_TYPES, None, "crypto"],
        "extra": [1],
    }
    for field, options in values.items():
        for value in options:
            changes.append((f"{field}={value!r}", {**copy.deepcopy(base), field: value}))
    for field in ride_event.FIELDS:
        changes.append((f"without {field}", {k: v for k, v in base.items() if k != field}))
    changes.extend((f"not an object: {v!r}", v) for v in ([], "x", 1, None))
    version_1 = {**{k: v for k, v in base.items() if k != "tip_amount"}, "schema_version": 1}
    for fare in (12, 12.5, 12.0, None):
        changes.append((f"version 1, fare_amount={fare!r}", {**version_1, "fare_amount": fare}))
    changes.append(("version 1, tip_amount=None", {**version_1, "fare_amount": 12, "tip_amount": None}))
    return changes


# Changes only the rules beyond the schema reject (see common/ride_event.py): the schema accepts them.
BEYOND_SCHEMA_CHANGES = [
    "schema_version=1",  # a version 1 event with the tip_amount of version 2
    "event_time='2024-02-30T09:32:48Z'",
    "version 1, fare_amount=12.5",
    "version 1, fare_amount=12.0",
    "version 1, tip_amount=None",
]


def test_python_rules_agree_with_the_schema_on_many_changes() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft4Validator(SCHEMA)
    disagreements = [
        description
        for description, value in _mutations()
        if (not validate(value)) != validator.is_valid(value)
    ]
    assert disagreements == BEYOND_SCHEMA_CHANGES


def test_python_rules_agree_with_the_schema_on_every_fixture_line() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft4Validator(SCHEMA)
    for name in ("rides-v1", "rides-v2"):
        for line in fixture_lines(name):
            assert validator.is_valid(json.loads(line))
    for number, line in enumerate(fixture_lines("rides-bad"), start=1):
        try:  # as JSON.parse reads it before API Gateway's validator sees it: no NaN
            value = json.loads(line, parse_constant=_not_json)
        except ValueError:
            continue  # not JSON at all: no schema validator ever sees it
        schema_rejects = not validator.is_valid(value)
        assert schema_rejects == (number not in BEYOND_SCHEMA_LINES), f"rides-bad.jsonl line {number}"


def _not_json(name: str) -> None:
    raise ValueError(f"{name} is not JSON")
