"""The committed sample tables (pipeline/fixtures/sample/) are what the transforms make today."""

from __future__ import annotations

import json
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from pipeline.glue import sample_tables
from pipeline.glue.transforms.events import CLEAN_COLUMNS
from pipeline.glue.transforms.rides import CURATED_COLUMNS

COMMITTED = sample_tables.DEFAULT_OUT
FILES = ("clean_rides.jsonl", "curated_rides.jsonl", "tables.json")


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    sample_tables.main(["--out", str(out)])
    return out


def rows(folder: Path, name: str) -> list[dict]:
    return [json.loads(line) for line in (folder / name).read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("name", FILES)
def test_committed_files_equal_a_fresh_run(regenerated: Path, name: str) -> None:
    fresh = (regenerated / name).read_bytes()
    assert (COMMITTED / name).read_bytes() == fresh, (
        f"{COMMITTED / name} is stale: run python3 -m pipeline.glue.sample_tables and commit the result"
    )


def test_files_stay_commit_sized(regenerated: Path) -> None:
    for name in FILES:
        assert (regenerated / name).stat().st_size < 1_500_000, name


def test_clean_events_are_deduplicated_typed_and_from_both_schema_versions(regenerated: Path) -> None:
    clean = rows(regenerated, "clean_rides.jsonl")
    raw = sample_tables.raw_events()
    assert len(clean) == len(raw) - sample_tables.DUPLICATES - len(sample_tables.BROKEN)
    assert len({row["event_id"] for row in clean}) == len(clean)
    assert list(clean[0]) == [column.name for column in CLEAN_COLUMNS]
    assert Counter(row["schema_version"] for row in clean).keys() == {1, 2}
    assert all(row["tip_amount"] is None for row in clean if row["schema_version"] == 1)
    assert all(row["event_time"].endswith("Z") for row in clean)


def test_curated_rides_cover_every_ride_with_cancellations_across_cities_days_and_hours(
    regenerated: Path,
) -> None:
    clean = rows(regenerated, "clean_rides.jsonl")
    curated = rows(regenerated, "curated_rides.jsonl")
    assert len(curated) == len({row["ride_id"] for row in clean}) == sum(sample_tables.DAILY_RIDES)
    assert list(curated[0]) == [column.name for column in CURATED_COLUMNS]
    statuses = Counter(row["status"] for row in curated)
    assert statuses["cancelled"] > 0
    assert statuses["completed"] > statuses["cancelled"]
    assert {row["city"] for row in curated} == {city.name for city in sample_tables.CITIES}
    assert len({row["first_event_time"][:10] for row in curated}) == len(sample_tables.DAILY_RIDES)
    assert len({row["requested_at"][11:13] for row in curated}) == 24


def test_rides_split_over_the_two_runs_are_merged_into_one_row(regenerated: Path) -> None:
    """A ride requested before midnight of the version switch and finished after it is one complete row."""
    last_v1_day = (sample_tables.START + timedelta(days=sample_tables.V2_FROM_DAY - 1)).date().isoformat()
    straddling = [
        row
        for row in rows(regenerated, "curated_rides.jsonl")
        if row["requested_at"][:10] == last_v1_day and (row["completed_at"] or "")[:10] > last_v1_day
    ]
    assert straddling, "the sample should hold a ride that crosses the run boundary"
    for row in straddling:
        assert row["status"] == "completed"
        assert row["accepted_at"] is not None
        assert row["fare_amount"] is not None
