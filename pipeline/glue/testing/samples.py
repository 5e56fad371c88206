"""Sample ride events for the Glue tests: small inline builders, and the shared fixture files when present.

The fixture files pipeline/fixtures/rides-v1.jsonl, rides-v2.jsonl and rides-bad.jsonl come from the
ingestion work (Lambda handlers). Tests that read them skip, saying so, while a file is missing; the
inline events cover the same cases in the meantime.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
FIXTURE_FILES = ("rides-v1.jsonl", "rides-v2.jsonl", "rides-bad.jsonl")

_counter = itertools.count(1)


def event_id(number: int | None = None) -> str:
    return f"00000000-0000-4000-8000-{(number if number is not None else next(_counter)):012d}"


def ride_id(suffix: str) -> str:
    return f"ride-{suffix.rjust(10, '0')}"


def v1(ride: str, event_type: str, event_time: str, **fields: Any) -> dict[str, Any]:
    """A version-1 event as a producer sends it: fare in whole units (an integer), no tip."""
    record: dict[str, Any] = {
        "schema_version": 1,
        "event_id": event_id(),
        "ride_id": ride_id(ride),
        "event_type": event_type,
        "event_time": event_time,
        "city": "Berlin",
        "rider_id": "rider-000001",
        "driver_id": None if event_type == "requested" else "driver-000007",
        "pickup": {"lat": 52.52, "lon": 13.405},
        "dropoff": {"lat": 52.5, "lon": 13.45},
        "currency": "EUR",
    }
    if event_type == "completed":
        record.update(distance_km=7.2, fare_amount=18, payment_type="card")
    record.update(fields)
    return record


def v2(ride: str, event_type: str, event_time: str, **fields: Any) -> dict[str, Any]:
    """A version-2 event: fare with cents (a number) and tip_amount on completed rides."""
    record = v1(ride, event_type, event_time, schema_version=2)
    if event_type == "completed":
        record.update(fare_amount=18.4, tip_amount=2.5)
    record.update(fields)
    return record


def read_jsonl(path: Path) -> list[Any]:
    """Each non-blank line parsed; a line that is not JSON comes back as text (a raw reader sees it)."""
    rows: list[Any] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                rows.append(line)
    return rows


def fixture_rows(name: str) -> list[Any]:
    """Rows of pipeline/fixtures/<name>; skips the calling test while the file does not exist yet."""
    path = FIXTURES / name
    if not path.is_file():
        pytest.skip(
            f"{path.relative_to(FIXTURES.parents[1])} does not exist yet (written with the Lambda handlers)"
        )
    return read_jsonl(path)
