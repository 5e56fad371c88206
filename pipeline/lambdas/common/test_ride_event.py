"""The ride event rules of common/ride_event.py, one by one, and strict JSON parsing."""

from __future__ import annotations

from typing import Any

import pytest

from common.ride_event import FIELDS, REQUIRED, parse_json, parse_line, validate

MISSING = object()


def event(**changes: Any) -> dict[str, Any]:
    """A valid version-2 completed ride, with `changes` applied (MISSING removes a field)."""
    base: dict[str, Any] = {
        "schema_version": 2,
        "event_id": "3f2b8c1e-9d4a-4e6f-8b1c-2a3d4e5f6a7b",
        "ride_id": "ride-k4onwtbc6m",
        "event_type": "completed",
        "event_time": "2024-03-08T09:32:48.601Z",
        "city": "New York",
        "rider_id": "rider-245806",
        "driver_id": "driver-067576",
        "pickup": {"lat": 40.769152, "lon": -73.975897},
        "dropoff": {"lat": 40.764242, "lon": -73.923507},
        "distance_km": 5.12,
        "fare_amount": 18.45,
        "tip_amount": 2.5,
        "currency": "USD",
        "payment_type": "card",
    }
    for name, value in changes.items():
        if value is MISSING:
            base.pop(name, None)
        else:
            base[name] = value
    return base


def v1(**changes: Any) -> dict[str, Any]:
    return event(**{"schema_version": 1, "fare_amount": 18, "tip_amount": MISSING, **changes})


def only_problem(problems: list[str], field: str) -> str:
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{field}:"), problems
    return problems[0]


# ---- valid events ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "valid",
    [
        pytest.param(event(), id="version 2, completed"),
        pytest.param(v1(), id="version 1, whole fare, no tip"),
        pytest.param({f: event()[f] for f in REQUIRED}, id="required fields only"),
        pytest.param(
            event(
                event_type="requested",
                driver_id=None,
                distance_km=None,
                fare_amount=None,
                tip_amount=None,
                payment_type=None,
            ),
            id="nulls where the schema allows them",
        ),
        pytest.param(event(fare_amount=18), id="version 2 fare without cents"),
        pytest.param(event(distance_km=0, fare_amount=0, tip_amount=0), id="zero amounts"),
        pytest.param(event(distance_km=500, fare_amount=10000, tip_amount=1000), id="largest amounts"),
        pytest.param(
            event(pickup={"lat": -90, "lon": -180}, dropoff={"lat": 90.0, "lon": 180.0}),
            id="poles and antimeridian",
        ),
        pytest.param(event(event_time="2024-03-08T09:32:48Z"), id="time without fraction"),
        pytest.param(event(event_time="2024-03-08T09:32:48.1Z"), id="one fraction digit"),
        pytest.param(event(event_time="2024-03-08T09:32:48.123456Z"), id="six fraction digits"),
        pytest.param(event(event_time="2024-02-29T23:59:59Z"), id="leap day"),
        pytest.param(event(city="Oz"), id="city of 2 characters"),
        pytest.param(event(city="Ä" * 40), id="city of 40 characters (not bytes)"),
        pytest.param(event(city="São Paulo"), id="city with accents"),
        pytest.param(event(currency="EUR", payment_type="wallet"), id="other enum values"),
        pytest.param(event(event_type="cancelled", payment_type="cash"), id="cancelled with a fee"),
    ],
)
def test_valid_events_have_no_problems(valid: dict[str, Any]) -> None:
    assert validate(valid) == []


# ---- structure -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", [[], "ride", 3, None, True], ids=["array", "string", "number", "null", "bool"]
)
def test_anything_but_an_object_is_one_problem(value: object) -> None:
    problems = validate(value)

    assert len(problems) == 1
    assert problems[0].startswith("expected a JSON object (one ride event), found ")


@pytest.mark.parametrize("field", REQUIRED)
def test_each_required_field_is_required(field: str) -> None:
    assert only_problem(validate(event(**{field: MISSING})), field) == f"{field}: missing (required)"


@pytest.mark.parametrize("field", [f for f in FIELDS if f not in REQUIRED])
def test_optional_fields_may_be_left_out(field: str) -> None:
    assert validate(event(**{field: MISSING})) == []


def test_unknown_fields_are_rejected_by_name() -> None:
    problems = validate(event(surge_multiplier=1.4, Ride_ID="x"))

    assert problems == [
        "surge_multiplier: not a field of the ride event (unknown fields are rejected)",
        "Ride_ID: not a field of the ride event (unknown fields are rejected)",
    ]


def test_every_problem_is_listed_not_only_the_first() -> None:
    problems = validate(event(ride_id=MISSING, event_type="arrived", city=7, pickup={"lat": 91, "lon": 0}))

    assert [p.split(":")[0] for p in problems] == ["ride_id", "event_type", "city", "pickup.lat"]


# ---- types -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("schema_version", "2", 'schema_version: expected an integer, found the string "2"'),
        ("schema_version", 2.0, "schema_version: expected an integer, found 2.0"),
        ("schema_version", True, "schema_version: expected an integer, found true"),
        ("event_id", 42, "event_id: expected a string"),
        ("ride_id", None, "ride_id: expected a string"),
        ("event_type", 1, "event_type: expected one of requested, accepted, started, completed, cancelled"),
        ("event_time", 1709890368, "event_time: expected UTC in ISO 8601 with a Z"),
        ("city", ["New York"], "city: expected a string, found an array"),
        ("rider_id", {"id": 1}, "rider_id: expected a string"),
        ("driver_id", 67576, "driver_id: expected a string or null"),
        ("pickup", [40.7, -73.9], 'pickup: expected an object {"lat": ..., "lon": ...}, found an array'),
        ("dropoff", None, 'dropoff: expected an object {"lat": ..., "lon": ...}, found null'),
        ("distance_km", "5.1", 'distance_km: expected a number or null, found the string "5.1"'),
        ("fare_amount", "18.40", 'fare_amount: expected a number or null, found the string "18.40"'),
        ("fare_amount", False, "fare_amount: expected a number or null, found false"),
        ("tip_amount", [1], "tip_amount: expected a number or null, found an array"),
        ("currency", None, "currency: expected one of USD, EUR, GBP; found null"),
        ("payment_type", 1, "payment_type: expected one of card, cash, wallet or null; found 1"),
    ],
)
def test_wrong_types_name_the_field_and_what_was_found(field: str, value: object, expected: str) -> None:
    assert only_problem(validate(event(**{field: value})), field).startswith(expected)


# ---- enums, patterns, lengths ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("schema_version", 0),
        ("schema_version", 3),
        ("event_type", "arrived"),
        ("event_type", "Completed"),
        ("currency", "usd"),
        ("currency", "CHF"),
        ("payment_type", "crypto"),
    ],
)
def test_values_outside_the_enums_are_rejected(field: str, value: object) -> None:
    only_problem(validate(event(**{field: value})), field)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("event_id", "3F2B8C1E-9D4A-4E6F-8B1C-2A3D4E5F6A7B"),
        ("event_id", "3f2b8c1e9d4a4e6f8b1c2a3d4e5f6a7b"),
        ("event_id", "3f2b8c1e-9d4a-4e6f-8b1c-2a3d4e5f6a7b\n"),
        ("ride_id", "ride-k4onwtbc6"),
        ("ride_id", "ride-K4ONWTBC6M"),
        ("ride_id", "trip-k4onwtbc6m"),
        ("rider_id", "rider-24580"),
        ("rider_id", "rider-２４５８０６"),  # noqa: RUF001 - fullwidth digits
        ("driver_id", "driver-1234567"),
        ("driver_id", ""),
        ("event_time", "2024-03-08 09:32:48"),
        ("event_time", "2024-03-08T09:32:48+00:00"),
        ("event_time", "2024-03-08T09:32:48.1234567Z"),
        ("event_time", "2024-03-08T09:32:48z"),
        ("event_time", "2024-03-08T09:32:48Z\n"),
        ("event_time", "２０２４-03-08T09:32:48Z"),  # noqa: RUF001 - fullwidth digits
        ("event_time", "2024-03-08"),
        ("city", "X"),
        ("city", ""),
        ("city", "A" * 41),
    ],
)
def test_strings_must_match_their_patterns_and_lengths(field: str, value: str) -> None:
    only_problem(validate(event(**{field: value})), field)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2024-02-30T10:00:00Z", "day is out of range for month"),
        ("2023-02-29T10:00:00Z", "day is out of range for month"),
        ("2024-13-01T10:00:00Z", "month must be in 1..12"),
        ("2024-03-08T24:00:00Z", "hour must be in 0..23"),
        ("2024-03-08T23:60:00Z", "minute must be in 0..59"),
        ("2024-03-08T23:59:60Z", "second must be in 0..59"),
        ("0000-01-01T00:00:00Z", "year 0 is out of range"),
    ],
)
def test_event_time_must_be_a_real_time_beyond_the_schema_pattern(value: str, reason: str) -> None:
    problem = only_problem(validate(event(event_time=value)), "event_time")

    assert problem == f'event_time: not a real time ({reason}), found the string "{value}"'


# ---- ranges ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("distance_km", -0.01),
        ("distance_km", 500.01),
        ("fare_amount", -1),
        ("fare_amount", 10000.5),
        ("tip_amount", -0.5),
        ("tip_amount", 1000.01),
    ],
)
def test_amounts_outside_their_ranges_are_rejected(field: str, value: float) -> None:
    problem = only_problem(validate(event(**{field: value})), field)

    assert f"found {value}" in problem


@pytest.mark.parametrize(
    ("point", "field"),
    [
        ({"lat": 90.0001, "lon": 0}, "pickup.lat"),
        ({"lat": -91, "lon": 0}, "pickup.lat"),
        ({"lat": 0, "lon": 180.5}, "pickup.lon"),
        ({"lat": 0, "lon": -181}, "pickup.lon"),
        ({"lat": "40.7", "lon": 0}, "pickup.lat"),
        ({"lat": None, "lon": 0}, "pickup.lat"),
        ({"lon": 0}, "pickup.lat"),
        ({"lat": 0}, "pickup.lon"),
        ({"lat": 0, "lon": 0, "alt": 12}, "pickup.alt"),
    ],
)
def test_points_need_lat_and_lon_in_range_and_nothing_else(point: dict[str, Any], field: str) -> None:
    only_problem(validate(event(pickup=point)), field)


# ---- version rules (beyond the schema) -------------------------------------------------------------------


def test_version_1_has_no_tip_not_even_null() -> None:
    assert only_problem(validate(v1(tip_amount=2.5)), "tip_amount").startswith(
        "tip_amount: not in schema_version 1 (version 2 added it)"
    )
    only_problem(validate(v1(tip_amount=None)), "tip_amount")


@pytest.mark.parametrize("fare", [18.5, 18.0])
def test_version_1_fares_are_whole_units_written_as_integers(fare: float) -> None:
    problem = only_problem(validate(v1(fare_amount=fare)), "fare_amount")

    expected = f"fare_amount: schema_version 1 sends whole currency units (an integer), found {fare}"
    assert problem.startswith(expected)


def test_version_1_fare_may_be_null() -> None:
    assert validate(v1(fare_amount=None)) == []


def test_version_rules_wait_for_a_valid_version() -> None:
    # An unknown version is one problem, not a cascade of version-1 complaints.
    assert len(validate(event(schema_version=True, tip_amount=1, fare_amount=1.5))) == 1


# ---- strict JSON -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"distance_km": NaN}', "NaN is not a JSON value"),
        ('{"distance_km": Infinity}', "Infinity is not a JSON value"),
        ('{"distance_km": -Infinity}', "-Infinity is not a JSON value"),
        ('{"distance_km": 1e400}', "the number 1e400 is too large for a 64-bit float"),
        ('{"city": "a", "city": "b"}', 'the field "city" appears twice in one object'),
        ('{"city": "a"', "Expecting ',' delimiter"),
        ("", "Expecting value (line 1, column 1)"),
        ("{'city': 'a'}", "Expecting property name enclosed in double quotes"),
    ],
)
def test_json_must_be_strict(text: str, reason: str) -> None:
    event_, problems = parse_line(text)

    assert event_ is None
    assert len(problems) == 1
    assert problems[0].startswith("not valid JSON: ")
    assert reason in problems[0]


def test_bytes_must_be_utf8() -> None:
    _, problems = parse_line(b'{"city": "M\xfcnchen"}')

    assert problems == ["not valid JSON: not UTF-8 text (invalid start byte at byte 12)"]


def test_a_line_with_its_newline_or_crlf_parses() -> None:
    line = '{"schema_version": 2}'
    assert parse_json(line + "\n") == parse_json(line + "\r\n") == {"schema_version": 2}


def test_parse_line_returns_the_event_when_valid() -> None:
    import json

    parsed, problems = parse_line(json.dumps(event()).encode())

    assert problems == []
    assert parsed == event()


def test_long_wrong_values_are_shortened_in_problems() -> None:
    problem = only_problem(validate(event(city="x" * 41)), "city")

    assert problem.endswith("…")
    assert len(problem) < 120
