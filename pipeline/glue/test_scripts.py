"""Both job scripts' main() on local Spark 3.5.4 + Delta Lake 3.3.0 (Glue 5.0's), over the shared fixtures.

Only awsglue is a stand-in (testing/local_glue.py: DynamicFrame over DataFrame, bookmarks over file
lists); pyspark and delta are the real ones. The `lake` fixture (conftest.py) takes one lake in a
temporary folder through the runs of testing/lake.py once per session: run 1 (version-1 events), a run
with nothing new, run 2 (version-2, malformed and late events), a replay. Each test checks one thing
about what the runs left on disk.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from typing import Any

from pipeline.glue.testing.lake import LATE_RIDE, Lake, fixture_lines, late_batch, utc
from pipeline.glue.testing.samples import FIXTURES, read_jsonl
from pipeline.glue.transforms.columns import names
from pipeline.glue.transforms.events import CLEAN_COLUMNS, clean_events
from pipeline.glue.transforms.rides import CURATED_SCHEMAS, ride_state

# --- raw → clean -------------------------------------------------------------------------------------


def test_clean_parquet_is_partitioned_by_event_day_on_disk(lake: Lake) -> None:
    days = sorted(str(path.relative_to(lake.clean)) for path in lake.clean.glob("year=*/month=*/day=*"))
    # rides-v1: two late completions on the 5th and 6th, the rest on the 7th; rides-v2 and the bad and
    # late lines add the 6th, 7th and 8th. One folder per UTC day, zero-padded.
    assert days == [
        "year=2024/month=03/day=05",
        "year=2024/month=03/day=06",
        "year=2024/month=03/day=07",
        "year=2024/month=03/day=08",
    ]
    files = list(lake.clean.glob("year=*/month=*/day=*/*.parquet"))
    assert files
    assert all(path.name.endswith(".snappy.parquet") for path in files)


def test_clean_table_holds_each_event_once_typed_as_the_catalog_says(lake: Lake) -> None:
    spark = lake.glue.spark
    clean = spark.read.parquet(str(lake.clean))
    types = {f.name: f.dataType.simpleString().upper() for f in clean.schema.fields}
    assert types == {column.name: column.type for column in CLEAN_COLUMNS}
    rows = [row.asDict() for row in clean.collect()]
    # Run 1 alone: 60 lines of rides-v1, 3 sent twice → 57 events, as the pure rules say.
    run_1 = clean_events(read_jsonl(FIXTURES / "rides-v1.jsonl"))
    assert len(run_1) == 57
    ids = [row["event_id"] for row in rows]
    assert {event["event_id"] for event in run_1} <= set(ids)
    # The late batch re-sends one event of run 1: deduplication covers one run, so it is there twice.
    resent = late_batch()[1]["event_id"]
    assert ids.count(resent) == 2
    assert len(ids) - 1 == len(set(ids))
    # Version-1 integer fares came out as doubles, version-2 fares with cents kept.
    fares = {row["event_id"]: row["fare_amount"] for row in rows if row["fare_amount"] is not None}
    assert all(isinstance(fare, float) for fare in fares.values())
    assert any(not fare.is_integer() for fare in fares.values())


def test_clean_rows_are_what_the_pure_rules_give(lake: Lake) -> None:
    # Spark's JSON reader and resolveChoice feed the same rules as plain Python reads: same rows.
    spark = lake.glue.spark
    lines = fixture_lines("rides-v2.jsonl", "rides-bad.jsonl")
    readable = [row for row in map(_json_or_none, lines) if row is not None]
    expected = {row["event_id"]: row for row in clean_events([*_unwrap(readable), *late_batch()])}
    day_8 = spark.read.parquet(str(lake.clean)).collect()
    got = {row["event_id"]: row.asDict() for row in day_8 if row["event_id"] in expected}
    assert set(got) == set(expected)
    for event_id, row in got.items():
        assert {**row, "event_time": utc(row["event_time"])} == expected[event_id], event_id


def test_what_the_rules_refuse_is_quarantined_with_the_reason_not_lost(lake: Lake) -> None:
    spark = lake.glue.spark
    rejected = [row.asDict() for row in spark.read.json(str(lake.quarantine / "rejected")).collect()]
    unreadable = [row["record"] for row in spark.read.json(str(lake.quarantine / "unreadable")).collect()]
    # rides-bad.jsonl, line by line: 4 (2024-02-30T25:10:00Z) and 6 (no ride_id) cannot be placed;
    # 13 is cut off mid-line, not JSON. Line 7, an event wrapped in [ ], is read by Spark as the event
    # it holds; the other lines are placeable and cleaned (NaN, an out-of-range latitude → null).
    assert sorted(row["reason"] for row in rejected) == [
        "event_time is not a time: 2024-02-30T25:10:00Z",
        "no ride_id",
    ]
    lines = fixture_lines("rides-bad.jsonl")
    assert unreadable == [lines[12]]
    no_ride = json.loads(next(r["record"] for r in rejected if r["reason"] == "no ride_id"))
    assert no_ride == {key: value for key, value in json.loads(lines[5]).items() if value is not None}
    # Nothing is lost: every event id sent in run 2 is in the clean table or in the quarantine.
    sent = {
        row["event_id"].lower()
        for row in _unwrap(
            filter(None, map(_json_or_none, fixture_lines("rides-v2.jsonl", "rides-bad.jsonl")))
        )
    } | {row["event_id"] for row in late_batch()}
    kept = {row["event_id"] for row in spark.read.parquet(str(lake.clean)).select("event_id").collect()}
    quarantined = {json.loads(row["record"])["event_id"] for row in rejected}
    assert sent <= kept | quarantined
    assert any("quarantined 2 rejected event(s) and 1 unreadable line(s)" in line for line in lake.logs)


# --- clean → curated (Delta) --------------------------------------------------------------------------


def test_curated_delta_table_is_partitioned_by_month_on_disk(lake: Lake) -> None:
    assert (lake.curated / "_delta_log").is_dir()
    assert sorted(str(p.relative_to(lake.curated)) for p in lake.curated.glob("year=*/month=*")) == [
        "year=2024/month=03"
    ]


def test_the_delta_protocol_stays_one_athena_and_the_crawler_read(lake: Lake) -> None:
    # Reader 1 / writer 2: no table feature (deletion vectors, column mapping...) other readers may lack.
    log = sorted((lake.curated / "_delta_log").glob("*.json"))
    protocols = [
        json.loads(line)["protocol"]
        for path in log
        for line in path.read_text().splitlines()
        if '"protocol"' in line
    ]
    assert protocols == [{"minReaderVersion": 1, "minWriterVersion": 2}]


def test_run_1_creates_the_table_with_the_version_1_columns(lake: Lake) -> None:
    assert lake.columns["run 1"] == list(names(CURATED_SCHEMAS[1]))
    rows = lake.tables["run 1"]
    assert len(rows) == 17  # rides-v1.jsonl holds 17 rides
    assert {row["ride_id"]: row["status"] for row in rows}[LATE_RIDE] == "started"


def test_a_run_with_nothing_new_commits_nothing(lake: Lake) -> None:
    assert lake.versions["again"] == lake.versions["run 1"]
    assert lake.tables["again"] == lake.tables["run 1"]


def test_the_version_2_column_arrives_by_schema_evolution_null_for_older_rides(lake: Lake) -> None:
    assert lake.columns["run 2"] == list(names(CURATED_SCHEMAS[2]))  # tip_amount appended at the end
    rows = {row["ride_id"]: row for row in lake.tables["run 2"]}
    before = {row["ride_id"] for row in lake.tables["run 1"]} - {LATE_RIDE}
    assert all(rows[ride]["tip_amount"] is None for ride in before)
    v2_completed = [
        row for row in rows.values() if row["schema_version"] == 2 and row["status"] == "completed"
    ]
    assert v2_completed
    assert any(row["tip_amount"] for row in v2_completed)


def test_a_late_event_updates_its_ride(lake: Lake) -> None:
    before = {row["ride_id"]: row for row in lake.tables["run 1"]}[LATE_RIDE]
    after = {row["ride_id"]: row for row in lake.tables["run 2"]}[LATE_RIDE]
    assert (before["status"], after["status"]) == ("started", "completed")
    assert after["started_at"] == before["started_at"]  # kept from run 1
    assert after["requested_at"] == before["requested_at"]
    assert (after["fare_amount"], after["tip_amount"], after["schema_version"]) == (17.9, 2.0, 2)
    assert after["first_event_time"] == before["first_event_time"]
    assert after["last_event_time"] == datetime(2024, 3, 7, 9, 2, 11)


def test_a_replay_of_every_clean_file_changes_no_row(lake: Lake) -> None:
    assert lake.versions["replay"] == lake.versions["run 2"] + 1  # a MERGE commit ...
    assert lake.tables["replay"] == lake.tables["run 2"]  # ... that changed nothing


def test_the_table_is_one_fold_of_every_event_whatever_the_runs(lake: Lake) -> None:
    # The MERGE of two runs equals folding all clean events of each ride at once (transforms/rides.py).
    clean = [row.asDict() for row in lake.glue.spark.read.parquet(str(lake.clean)).collect()]
    by_ride: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in clean:
        by_ride[row["ride_id"]].append({**row, "event_time": utc(row["event_time"])})
    expected = {ride: ride_state(events) for ride, events in by_ride.items()}
    expected = {ride: state for ride, state in expected.items() if state is not None}
    got = {
        row["ride_id"]: {k: utc(v) if isinstance(v, datetime) else v for k, v in row.items()}
        for row in lake.tables["run 2"]
    }
    assert got == expected


def _json_or_none(line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError:
        return None


def _unwrap(rows: Any) -> list[dict[str, Any]]:
    """Spark's JSON reader reads a line holding an array as the records in it."""
    out: list[dict[str, Any]] = []
    for row in rows:
        out.extend(row if isinstance(row, list) else [row])
    return out
