"""Sample clean and curated ride tables, made by the real transforms, for local queries and the docs' charts.

    python3 -m pipeline.glue.sample_tables --out pipeline/fixtures/sample

A week of rides in five cities (seeded: the same files on every run) is sent as raw events, as the
producers send them: version 1 for the first days, version 2 (fares with cents, tips) after that, a few
events delivered twice and a few broken lines. They go through the Glue jobs' pure functions:

  raw → clean    transforms.events.clean_events (types, nulls, deduplication): clean_rides.jsonl
  clean → curated  transforms.rides.ride_state and apply_merge, in two runs as job bookmarks would split
                 them (the version-1 days, then the rest): curated_rides.jsonl

tables.json lists each table's columns with their Athena types, so the local DuckDB catalog
(lib/analytics/local-catalog.ts) types them like the Glue tables without a copy of the schema.
`npm run docs` and `npm run query` read these committed files; they never need Python.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from pipeline.glue.transforms.columns import ATHENA_TYPES, Column
from pipeline.glue.transforms.events import CLEAN_COLUMNS, clean_events
from pipeline.glue.transforms.rides import CURATED_COLUMNS, apply_merge, curated_columns, ride_state

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "fixtures" / "sample"
SEED = 20240301
START = datetime(2024, 3, 1, tzinfo=UTC)
# Rides requested per day, Friday 1 to Thursday 7 March 2024: a busy weekend, a quiet Monday.
DAILY_RIDES = (110, 125, 100, 80, 85, 90, 95)
V2_FROM_DAY = 3  # rides requested from the 4th day on are sent as version 2: the schema evolves mid-week
DUPLICATES = 40  # events delivered twice (at-least-once delivery): the clean step keeps one
BROKEN = ({"event_id": None, "ride_id": "ride-0000000000", "event_time": "2024-03-02T10:00:00Z"}, "not json")

# Requests per local hour of the day: a quiet night, a morning peak and a longer evening one.
HOURLY_DEMAND = (2, 1, 1, 1, 1, 2, 4, 8, 10, 7, 5, 5, 6, 5, 5, 6, 8, 10, 11, 9, 7, 6, 5, 3)


class City(NamedTuple):
    name: str
    lat: float
    lon: float
    radius_km: float
    currency: str
    utc_offset_hours: int  # early March 2024: before daylight saving time starts in the US and Europe
    speed_kmh: float
    base: float
    per_km: float
    per_minute: float
    minimum: float
    cancellation_fee: float
    weight: int


CITIES = (
    City("New York", 40.7128, -74.006, 8, "USD", -5, 17, 3, 1.75, 0.5, 10, 5, 4),
    City("San Francisco", 37.7749, -122.4194, 6, "USD", -8, 22, 2.5, 1.5, 0.4, 8, 5, 2),
    City("London", 51.5074, -0.1278, 10, "GBP", 0, 18, 2.5, 1.25, 0.3, 6, 5, 4),
    City("Paris", 48.8566, 2.3522, 7, "EUR", 1, 17, 2.5, 1.1, 0.35, 7, 5, 3),
    City("Berlin", 52.52, 13.405, 9, "EUR", 1, 24, 3.9, 2, 0.1, 6, 5, 2),
)

TABLES = {"clean_rides": CLEAN_COLUMNS, "curated_rides": CURATED_COLUMNS}


def raw_events(seed: int = SEED) -> list[Any]:
    """The week's raw records in arrival order: ride events, DUPLICATES repeats and the BROKEN records."""
    rng = random.Random(seed)
    riders = {city.name: [f"rider-{rng.randrange(10**6):06d}" for _ in range(40)] for city in CITIES}
    drivers = {city.name: [f"driver-{rng.randrange(10**6):06d}" for _ in range(12)] for city in CITIES}
    events: list[dict[str, Any]] = []
    for day, rides in enumerate(DAILY_RIDES):
        version = 1 if day < V2_FROM_DAY else 2
        for _ in range(rides):
            city = rng.choices(CITIES, weights=[c.weight for c in CITIES])[0]
            # A UTC hour of this day, weighted by the demand at that hour in the city's own time.
            weights = [HOURLY_DEMAND[(hour + city.utc_offset_hours) % 24] for hour in range(24)]
            utc_hour = rng.choices(range(24), weights=weights)[0]
            requested = START + timedelta(days=day, hours=utc_hour, milliseconds=rng.randrange(3_600_000))
            events.extend(_ride(rng, city, requested, version, riders[city.name], drivers[city.name]))
    events.sort(key=lambda e: (e["event_time"], e["event_id"]))
    repeats = [dict(events[i]) for i in sorted(rng.sample(range(len(events)), DUPLICATES))]
    return [*events, *repeats, *BROKEN]


def _ride(
    rng: random.Random, city: City, requested: datetime, version: int, riders: list[str], drivers: list[str]
) -> list[dict[str, Any]]:
    """One ride's lifecycle: requested → accepted → started → completed, or cancelled on the way."""
    pickup = _near(rng, city.lat, city.lon, city.radius_km * math.sqrt(rng.random()))
    trip_km = 0.8 + 14 * rng.random() ** 2  # many short trips, a few long ones
    dropoff = _near(rng, pickup[0], pickup[1], trip_km)
    road_km = round(trip_km * rng.uniform(1.2, 1.45), 2)
    payment = rng.choices(("card", "wallet", "cash"), weights=(60, 25, 15))[0]
    outcome = rng.choices(("completed", "cancelled-before-accept", "cancelled-after-accept"), (85, 8, 7))[0]
    ride_id = "ride-" + "".join(rng.choices("0123456789abcdefghijklmnopqrstuvwxyz", k=10))
    money = (lambda amount: round(amount)) if version == 1 else (lambda amount: round(amount, 2))
    rider = rng.choice(riders)

    def event(event_type: str, moment: datetime, **fields: Any) -> dict[str, Any]:
        record = {
            "schema_version": version,
            "event_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "ride_id": ride_id,
            "event_type": event_type,
            "event_time": moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
            "city": city.name,
            "rider_id": rider,
            "driver_id": fields.get("driver_id"),
            "pickup": {"lat": pickup[0], "lon": pickup[1]},
            "dropoff": {"lat": dropoff[0], "lon": dropoff[1]},
            "distance_km": fields.get("distance_km"),
            "fare_amount": fields.get("fare_amount"),
            "currency": city.currency,
            "payment_type": fields.get("payment_type"),
        }
        if version >= 2:
            record["tip_amount"] = fields.get("tip_amount")
        return record

    events = [event("requested", requested)]
    if outcome == "cancelled-before-accept":
        return [*events, event("cancelled", requested + _seconds(rng, 30, 300))]
    driver = rng.choice(drivers)
    accepted = requested + _seconds(rng, 15, 150)
    events.append(event("accepted", accepted, driver_id=driver))
    if outcome == "cancelled-after-accept":
        fee = money(city.cancellation_fee)
        cancelled = accepted + _seconds(rng, 30, 240)
        return [
            *events,
            event("cancelled", cancelled, driver_id=driver, fare_amount=fee, payment_type=payment),
        ]
    started = accepted + _seconds(rng, 120, 600)
    events.append(event("started", started, driver_id=driver))
    minutes = road_km / (city.speed_kmh * rng.uniform(0.75, 1.25)) * 60
    surge = round(rng.uniform(1.2, 1.8), 1) if rng.random() < 0.1 else 1
    fare = max(city.minimum, city.base + city.per_km * road_km + city.per_minute * minutes) * surge
    tip = round(fare * rng.uniform(0.08, 0.2), 2) if payment != "cash" and rng.random() < 0.55 else 0
    completed = started + timedelta(milliseconds=round(minutes * 60_000))
    fields = {
        "driver_id": driver,
        "distance_km": road_km,
        "fare_amount": money(fare),
        "payment_type": payment,
    }
    return [*events, event("completed", completed, **fields, tip_amount=tip)]


def _seconds(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(milliseconds=round(rng.uniform(low, high) * 1000))


def _near(rng: random.Random, lat: float, lon: float, km: float) -> tuple[float, float]:
    """A point `km` away in a random direction (flat-earth step: exact enough within a city)."""
    bearing = rng.uniform(0, 2 * math.pi)
    d_lat = km * math.cos(bearing) / 111.32
    d_lon = km * math.sin(bearing) / (111.32 * math.cos(math.radians(lat)))
    return round(lat + d_lat, 6), round(lon + d_lon, 6)


def curated_rows(clean: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """clean → curated as the job does it, in two runs: the version-1 days first, then the rest. Rides
    whose events straddle the split are merged by the MERGE rules, as with job bookmarks in AWS."""
    split = START + timedelta(days=V2_FROM_DAY)
    table: list[dict[str, Any]] = []
    for run in (
        [e for e in clean if e["event_time"] < split],
        [e for e in clean if e["event_time"] >= split],
    ):
        by_ride: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for event in run:
            by_ride[event["ride_id"]].append(event)
        states = [state for events in by_ride.values() if (state := ride_state(events)) is not None]
        columns = curated_columns(max(state["schema_version"] for state in states))
        table = apply_merge(table, states, columns)
    return sorted(table, key=lambda row: (row["first_event_time"], row["ride_id"]))


def jsonl(rows: Iterable[Mapping[str, Any]], columns: Sequence[Column]) -> str:
    """One JSON object per line, keys in column order, timestamps as ISO 8601 UTC with milliseconds."""
    return "".join(
        json.dumps({c.name: _value(row.get(c.name)) for c in columns}, separators=(",", ":")) + "\n"
        for row in rows
    )


def _value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    return value


def tables_json() -> str:
    """Each table's columns with their Athena types (the Glue Catalog's view of them)."""
    tables = {
        name: [{"name": c.name, "type": ATHENA_TYPES[c.type]} for c in columns]
        for name, columns in TABLES.items()
    }
    return json.dumps(tables, indent=2) + "\n"


def write_samples(out: Path, seed: int = SEED) -> dict[str, int]:
    """Writes clean_rides.jsonl, curated_rides.jsonl and tables.json into `out`; returns row counts."""
    raw = raw_events(seed)
    clean = clean_events(raw)
    curated = curated_rows(clean)
    out.mkdir(parents=True, exist_ok=True)
    (out / "clean_rides.jsonl").write_text(jsonl(clean, CLEAN_COLUMNS), encoding="utf-8")
    (out / "curated_rides.jsonl").write_text(jsonl(curated, CURATED_COLUMNS), encoding="utf-8")
    (out / "tables.json").write_text(tables_json(), encoding="utf-8")
    return {"raw": len(raw), "clean": len(clean), "curated": len(curated)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m pipeline.glue.sample_tables",
        description=(
            "Writes the sample clean and curated ride tables (JSON Lines) and their column types, made by "
            "running seeded raw events through the Glue transforms. The same seed gives the same bytes."
        ),
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})"
    )
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default: {SEED})")
    args = parser.parse_args(argv)
    counts = write_samples(args.out, args.seed)
    print(
        f"{counts['raw']} raw records → {counts['clean']} clean events → {counts['curated']} curated rides "
        f"in {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
