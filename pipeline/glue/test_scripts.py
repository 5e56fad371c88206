"""The job scripts' main(), run against the stand-in for awsglue/pyspark/delta in testing/fake_glue.py.

These tests check the scripts' wiring (paths, bookmark contexts, resolveChoice specs, partition keys,
Parquet options, the MERGE maps and the order of schema evolution) and the data that flows through it.
They do not prove Spark, Glue or Delta behave as the stand-in does: run the jobs in the Glue Docker
image or in Glue for that (docs/guides/glue-jobs.md).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from pipeline.glue import clean_to_curated, raw_to_clean
from pipeline.glue.testing.fake_glue import Environment
from pipeline.glue.testing.samples import FIXTURES, read_jsonl, v1, v2
from pipeline.glue.transforms.columns import ddl, names
from pipeline.glue.transforms.events import CLEAN_COLUMNS
from pipeline.glue.transforms.jobs import RUNTIME_SPARK_CONF
from pipeline.glue.transforms.rides import CURATED_SCHEMAS, merge_plan

RAW = "s3://launchpad-dev-raw-123456789012/"
CLEAN = "s3://launchpad-dev-clean-123456789012/rides/"
CURATED = "s3://launchpad-dev-curated-123456789012/rides/"
RAW_ARGS = [
    "raw_to_clean.py",
    "--JOB_NAME",
    "launchpad-dev-raw-to-clean",
    "--raw_path",
    RAW,
    "--clean_path",
    CLEAN,
]
CURATED_ARGS = [
    "clean_to_curated.py",
    "--JOB_NAME",
    "launchpad-dev-clean-to-curated",
    "--clean_path",
    CLEAN,
    "--curated_path",
    CURATED,
]


def calls(env: Environment, kind: str) -> list[dict[str, Any]]:
    return [options for name, options in env.glue.calls if name == kind]


def run_raw(env: Environment) -> None:
    with env.installed():
        raw_to_clean.main(RAW_ARGS)


def run_curated(env: Environment) -> None:
    with env.installed():
        clean_to_curated.main(CURATED_ARGS)


def first_batch() -> dict[str, list[Any]]:
    duplicate = v1("a", "accepted", "2024-03-07T09:02:00Z")
    return {
        f"{RAW}stream/rides/year=2024/month=03/day=07/hour=09/rides-1.jsonl.gz": [
            v1("a", "requested", "2024-03-07T09:00:00Z"),
            duplicate,
            dict(duplicate),
            v1("b", "requested", "2024-03-07T23:55:00Z"),
        ],
        f"{RAW}uploads/rides/2024-03-08.jsonl": [
            v1("b", "cancelled", "2024-03-08T00:58:00+01:00"),  # 23:58 UTC: still the 7th
            {**v1("c", "requested", "2024-03-08T08:00:00Z"), "event_id": None},  # dropped: no event id
        ],
        f"{RAW}quarantine/uploads/rides/bad.jsonl": [v1("z", "requested", "2024-03-07T09:00:00Z")],
    }


# --- raw → clean --------------------------------------------------------------------------------


def test_raw_to_clean_reads_both_raw_folders_with_a_bookmark() -> None:
    env = Environment(first_batch())
    run_raw(env)
    (read,) = calls(env, "read")
    assert read["connection_type"] == "s3"
    assert read["format"] == "json"
    assert read["connection_options"] == {
        "paths": [f"{RAW}stream/rides/", f"{RAW}uploads/rides/"],
        "recurse": True,
    }
    assert read["transformation_ctx"] == raw_to_clean.SOURCE_CTX
    (init,) = calls(env, "job.init")
    assert init["name"] == "launchpad-dev-raw-to-clean"
    assert list(init["args"]) == raw_to_clean.JOB.argument_names
    assert env.glue.commits == 1
    assert env.spark.conf.values == RUNTIME_SPARK_CONF


def test_raw_to_clean_resolves_type_drift_before_the_data_frame() -> None:
    env = Environment(first_batch())
    run_raw(env)
    (resolve,) = calls(env, "resolveChoice")
    assert ("fare_amount", "cast:double") not in resolve["specs"]  # no completed ride yet: no fare column
    assert ("pickup.lat", "cast:double") in resolve["specs"]
    assert ("tip_amount", "cast:double") not in resolve["specs"]  # v1 only: no tip column in the batch
    assert resolve["transformation_ctx"] == raw_to_clean.RESOLVE_CTX


def test_raw_to_clean_writes_snappy_parquet_partitioned_by_event_day() -> None:
    env = Environment(first_batch())
    run_raw(env)
    (write,) = calls(env, "write")
    assert write["connection_type"] == "s3"
    assert write["format"] == "parquet"
    assert write["format_options"] == {"compression": "snappy"}
    assert write["connection_options"] == {"path": CLEAN, "partitionKeys": ["year", "month", "day"]}
    assert write["transformation_ctx"] == raw_to_clean.SINK_CTX
    assert env.spark.schemas == [ddl(CLEAN_COLUMNS)]
    assert env.partitions(CLEAN) == [{"year": "2024", "month": "03", "day": "07"}]
    (rows,) = [rows for key, rows in env.glue.objects.items() if key.startswith(CLEAN)]
    assert len(rows) == 4  # 6 read, 1 duplicate and 1 event without id dropped
    assert all(set(row) == set(names(CLEAN_COLUMNS)) - {"year", "month", "day"} for row in rows)


def test_bookmarks_make_the_next_run_read_only_new_objects() -> None:
    env = Environment(first_batch())
    run_raw(env)
    written = set(env.glue.objects)
    run_raw(env)  # nothing new: no write, still a commit
    assert len(calls(env, "write")) == 1
    assert env.glue.commits == 2
    assert set(env.glue.objects) == written

    env.glue.objects[f"{RAW}stream/rides/year=2024/month=03/day=08/hour=10/rides-2.jsonl.gz"] = [
        v2("a", "completed", "2024-03-08T10:00:00Z")
    ]
    run_raw(env)
    assert len(calls(env, "write")) == 2
    (resolve,) = calls(env, "resolveChoice")[-1:]
    assert ("fare_amount", "cast:double") in resolve["specs"]
    assert ("tip_amount", "cast:double") in resolve["specs"]
    assert {"year": "2024", "month": "03", "day": "08"} in env.partitions(CLEAN)


def test_raw_to_clean_needs_its_arguments() -> None:
    env = Environment({})
    with env.installed(), pytest.raises(SystemExit, match="--clean_path"):
        raw_to_clean.main(RAW_ARGS[:-2])


# --- clean → curated ------------------------------------------------------------------------------


def test_clean_to_curated_creates_the_delta_table_then_merges_and_evolves_it() -> None:
    env = Environment(first_batch())
    run_raw(env)
    run_curated(env)

    (read,) = calls(env, "read")[-1:]
    assert read["format"] == "parquet"
    assert read["connection_options"] == {"paths": [CLEAN], "recurse": True}
    assert read["transformation_ctx"] == clean_to_curated.SOURCE_CTX
    table = env.spark.delta[CURATED]
    assert table.partition_by == ["year", "month"]
    assert table.columns == list(names(CURATED_SCHEMAS[1]))  # only version-1 events so far: no tip_amount
    assert {row["ride_id"]: row["status"] for row in table.rows} == {
        "ride-000000000a": "accepted",
        "ride-000000000b": "cancelled",
    }

    # Run 2: ride a completes with a version-2 event (tip), ride d is new.
    env.glue.objects[f"{RAW}stream/rides/year=2024/month=03/day=08/hour=10/rides-2.jsonl.gz"] = [
        v2("a", "completed", "2024-03-08T10:00:00Z", fare_amount=18.4, tip_amount=2.5),
        v2("d", "requested", "2024-03-08T10:01:00Z"),
    ]
    run_raw(env)
    run_curated(env)

    evolve, *_ = [w for w in env.spark.writes[1:] if w["options"].get("mergeSchema")]
    assert evolve["mode"] == "append"
    assert evolve["format"] == "delta"
    assert table.history == ["WRITE", "WRITE (mergeSchema)", "MERGE"]  # the column exists before the MERGE
    assert table.columns == list(names(CURATED_SCHEMAS[2]))
    (merge,) = env.spark.merges
    plan = merge_plan(CURATED_SCHEMAS[2])
    assert (merge["condition"], merge["set"], merge["values"]) == (plan.condition, plan.update, plan.insert)
    assert merge["target_alias"] == "t"

    rows = {row["ride_id"]: row for row in table.rows}
    assert rows["ride-000000000a"]["status"] == "completed"
    assert rows["ride-000000000a"]["requested_at"] is not None  # kept from run 1
    assert (rows["ride-000000000a"]["fare_amount"], rows["ride-000000000a"]["tip_amount"]) == (18.4, 2.5)
    assert rows["ride-000000000b"]["tip_amount"] is None  # written before the column existed
    assert rows["ride-000000000d"]["status"] == "requested"
    assert env.glue.commits == 4


def test_a_version_1_run_into_an_evolved_table_merges_without_tip() -> None:
    env = Environment({f"{RAW}uploads/rides/1.jsonl": [v2("a", "completed", "2024-03-07T09:30:00Z")]})
    run_raw(env)
    run_curated(env)
    env.glue.objects[f"{RAW}uploads/rides/2.jsonl"] = [v1("a", "requested", "2024-03-07T09:00:00Z")]
    run_raw(env)
    run_curated(env)
    (merge,) = env.spark.merges
    assert "tip_amount" not in merge["set"]
    assert "tip_amount" not in merge["values"]
    (row,) = env.spark.delta[CURATED].rows
    assert (row["status"], row["tip_amount"]) == ("completed", 2.5)
    assert row["requested_at"] is not None


def test_clean_to_curated_with_nothing_new_only_commits() -> None:
    env = Environment({})
    run_curated(env)
    assert env.spark.delta == {}
    assert env.glue.commits == 1


def test_the_sample_fixtures_through_both_jobs() -> None:
    files = {name: FIXTURES / name for name in ("rides-v1.jsonl", "rides-v2.jsonl", "rides-bad.jsonl")}
    if not all(path.is_file() for path in files.values()):
        pytest.skip("pipeline/fixtures/rides-*.jsonl do not exist yet")
    objects = {
        f"{RAW}uploads/rides/{name}": [row for row in read_jsonl(path) if isinstance(row, dict)]
        for name, path in files.items()
    }
    env = Environment(objects)
    run_raw(env)
    run_curated(env)
    table = env.spark.delta[CURATED]
    assert table.columns == list(names(CURATED_SCHEMAS[2]))  # version-2 events in the batch
    rows = table.rows
    assert len({row["ride_id"] for row in rows}) == len(rows)
    assert all(
        row["status"] in {"requested", "accepted", "started", "completed", "cancelled"} for row in rows
    )
    assert json.dumps(rows, default=str)  # plain values only
