"""The ride event contract (pipeline/schemas/ride-event.schema.json) checked in plain Python.

The Lambda runtime has no jsonschema package, so the schema's rules are spelled out here: required fields,
types, enums, patterns, lengths and ranges, no unknown fields. A few rules go further than the schema can
say in draft-04, and are marked "beyond the schema" below:

- version rules: schema_version 1 sends fare_amount in whole units (a JSON integer) and has no tip_amount;
- event_time must be a real UTC time, not only the right shape (no 30 February, no 25 o'clock);
- a line must be strict JSON: no NaN or Infinity (Python's json module reads them, JSON does not have them),
  numbers must be finite, and an object must not name a field twice.

`validate()` returns a list of problems, each starting with the field it is about ("" for the whole event),
so that a person can fix the producer from the message alone. An empty list means the event is valid.
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime
from typing import Any

SCHEMA_VERSIONS = (1, 2)
EVENT_TYPES = ("requested", "accepted", "started", "completed", "cancelled")
CURRENCIES = ("USD", "EUR", "GBP")
PAYMENT_TYPES = ("card", "cash", "wallet")
REQUIRED = ("schema_version", "event_id", "ride_id", "event_type", "event_time", "city", "rider_id")
FIELDS = (
    "schema_version",
    "event_id",
    "ride_id",
    "event_type",
    "event_time",
    "city",
    "rider_id",
    "driver_id",
    "pickup",
    "dropoff",
    "distance_km",
    "fare_amount",
    "tip_amount",
    "currency",
    "payment_type",
)
POINT_FIELDS = ("lat", "lon")

# The schema's patterns. re.ASCII: \d means 0-9 as in JSON Schema (ECMA 262), not every Unicode digit;
# fullmatch: "$" would also match before a trailing newline.
PATTERNS = {
    "event_id": re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.ASCII),
    "ride_id": re.compile(r"ride-[0-9a-z]{10}", re.ASCII),
    "event_time": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z", re.ASCII),
    "rider_id": re.compile(r"rider-[0-9]{6}", re.ASCII),
    "driver_id": re.compile(r"driver-[0-9]{6}", re.ASCII),
}
PATTERN_EXAMPLES = {
    "event_id": "a lower-case UUID such as 3f2b8c1e-9d4a-4e6f-8b1c-2a3d4e5f6a7b",
    "ride_id": '"ride-" and 10 lower-case letters or digits',
    "event_time": "UTC in ISO 8601 with a Z, such as 2024-03-07T08:15:02.123Z",
    "rider_id": '"rider-" and 6 digits',
    "driver_id": '"driver-" and 6 digits',
}
CITY_LENGTH = (2, 40)
RANGES = {
    "distance_km": (0, 500),
    "fare_amount": (0, 10000),
    "tip_amount": (0, 1000),
    "lat": (-90, 90),
    "lon": (-180, 180),
}
MAX_SHOWN = 40  # characters of a wrong value quoted in a problem


class StrictJsonError(ValueError):
    """The text is not strict JSON (RFC 8259)."""


def parse_json(text: str | bytes) -> Any:
    """Parses strict JSON: no NaN/Infinity, no number too large for a double, no field named twice."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise StrictJsonError(f"not UTF-8 text ({error.reason} at byte {error.start + 1})") from None
    try:
        return json.loads(
            text,
            parse_constant=_reject_constant,
            parse_float=_finite_float,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as error:
        raise StrictJsonError(f"{error.msg} (line {error.lineno}, column {error.colno})") from None


def parse_line(text: str | bytes) -> tuple[dict[str, Any] | None, list[str]]:
    """One line of JSON Lines: the event and no problems, or None and what is wrong."""
    try:
        value = parse_json(text)
    except StrictJsonError as error:
        return None, [f"not valid JSON: {error}"]
    problems = validate(value)
    return (value if not problems else None), problems


def validate(event: object) -> list[str]:
    """Every way `event` (parsed JSON) breaks the ride event contract; an empty list if it is valid."""
    if not isinstance(event, dict):
        return [f"expected a JSON object (one ride event), found {_json_type(event)}"]
    problems: list[str] = []
    for field in REQUIRED:
        if field not in event:
            problems.append(f"{field}: missing (required)")
    for field in event:
        if field not in FIELDS:
            problems.append(f"{_name(field)}: not a field of the ride event (unknown fields are rejected)")

    version = event.get("schema_version")
    if "schema_version" in event:
        if not _is_integer(version):
            problems.append(f"schema_version: expected an integer, found {_show(version)}")
        elif version not in SCHEMA_VERSIONS:
            problems.append(f"schema_version: expected 1 or 2, found {version}")
    for field in ("event_id", "ride_id", "rider_id"):
        if field in event:
            _check_pattern(event[field], field, problems)
    if "driver_id" in event and event["driver_id"] is not None:
        _check_pattern(event["driver_id"], "driver_id", problems, nullable=True)
    if "event_type" in event:
        _check_enum(event["event_type"], "event_type", EVENT_TYPES, problems)
    if "event_time" in event:
        _check_event_time(event["event_time"], problems)
    if "city" in event:
        _check_city(event["city"], problems)
    for field in ("pickup", "dropoff"):
        if field in event:
            _check_point(event[field], field, problems)
    for field in ("distance_km", "fare_amount", "tip_amount"):
        if field in event:
            _check_amount(event[field], field, problems)
    if "currency" in event:
        _check_enum(event["currency"], "currency", CURRENCIES, problems)
    if "payment_type" in event and event["payment_type"] is not None:
        _check_enum(event["payment_type"], "payment_type", PAYMENT_TYPES, problems, nullable=True)

    # Beyond the schema: what each version may carry.
    if version == 1 and _is_integer(version):
        if "tip_amount" in event:
            problems.append(
                "tip_amount: not in schema_version 1 (version 2 added it); send version 2, or leave it out"
            )
        fare = event.get("fare_amount")
        if _is_number(fare) and not _is_integer(fare):
            problems.append(
                "fare_amount: schema_version 1 sends whole currency units (an integer), "
                f"found {_show(fare)}; send version 2 for cents"
            )
    return problems


def _check_pattern(value: object, field: str, problems: list[str], nullable: bool = False) -> None:
    if not isinstance(value, str):
        expected = "a string or null" if nullable else "a string"
        problems.append(f"{field}: expected {expected} ({PATTERN_EXAMPLES[field]}), found {_show(value)}")
    elif not PATTERNS[field].fullmatch(value):
        problems.append(f"{field}: expected {PATTERN_EXAMPLES[field]}, found {_show(value)}")


def _check_enum(
    value: object, field: str, allowed: tuple[str, ...], problems: list[str], nullable: bool = False
) -> None:
    if value not in allowed or not isinstance(value, str):
        listed = ", ".join(allowed) + (" or null" if nullable else "")
        problems.append(f"{field}: expected one of {listed}; found {_show(value)}")


def _check_event_time(value: object, problems: list[str]) -> None:
    if not isinstance(value, str) or not PATTERNS["event_time"].fullmatch(value):
        problems.append(f"event_time: expected {PATTERN_EXAMPLES['event_time']}, found {_show(value)}")
        return
    try:  # beyond the schema: a real time
        datetime(*(int(value[start:end]) for start, end in _TIME_PARTS))  # type: ignore[misc]
    except ValueError as error:
        problems.append(f"event_time: not a real time ({error}), found {_show(value)}")


# Where year, month, day, hour, minute and second sit in a time that matched the pattern.
_TIME_PARTS = ((0, 4), (5, 7), (8, 10), (11, 13), (14, 16), (17, 19))


def _check_city(value: object, problems: list[str]) -> None:
    low, high = CITY_LENGTH
    if not isinstance(value, str):
        problems.append(f"city: expected a string, found {_show(value)}")
    elif not low <= len(value) <= high:
        problems.append(f"city: expected {low} to {high} characters, found {len(value)}: {_show(value)}")


def _check_point(value: object, field: str, problems: list[str]) -> None:
    if not isinstance(value, dict):
        problems.append(f'{field}: expected an object {{"lat": ..., "lon": ...}}, found {_show(value)}')
        return
    for part in POINT_FIELDS:
        if part not in value:
            problems.append(f"{field}.{part}: missing (required)")
        else:
            _check_range(value[part], f"{field}.{part}", RANGES[part], problems, nullable=False)
    for part in value:
        if part not in POINT_FIELDS:
            problems.append(f"{field}.{_name(part)}: not a field of a point (only lat and lon)")


def _check_amount(value: object, field: str, problems: list[str]) -> None:
    _check_range(value, field, RANGES[field], problems, nullable=True)


def _check_range(
    value: object, field: str, bounds: tuple[float, float], problems: list[str], nullable: bool
) -> None:
    low, high = bounds
    if value is None and nullable:
        return
    if not _is_number(value):
        expected = "a number or null" if nullable else "a number"
        problems.append(f"{field}: expected {expected}, found {_show(value)}")
    elif not low <= value <= high:  # type: ignore[operator]
        problems.append(f"{field}: expected a number from {low} to {high}, found {_show(value)}")


def _is_number(value: object) -> bool:
    # bool is an int in Python, and JSON true is no number.
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _is_integer(value: object) -> bool:
    # Draft-04 integers are JSON numbers without a fraction part as written: 12 is one, 12.0 is not.
    return isinstance(value, int) and not isinstance(value, bool)


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _show(value: object) -> str:
    """The wrong value, shortened: JSON for scalars (strings quoted), the type for arrays and objects."""
    if isinstance(value, (dict, list)):
        return _json_type(value)
    text = json.dumps(value, ensure_ascii=False)
    if len(text) > MAX_SHOWN:
        text = text[: MAX_SHOWN - 1] + "…"
    if isinstance(value, str):
        return f"the string {text}"
    return text


def _name(field: object) -> str:
    text = str(field)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _reject_constant(name: str) -> float:
    raise StrictJsonError(f"{name} is not a JSON value (write null, or a number)")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise StrictJsonError(f"the number {text[:MAX_SHOWN]} is too large for a 64-bit float")
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise StrictJsonError(f'the field "{_name(key)}" appears twice in one object')
        result[key] = value
    return result
