"""The Delta MERGE as data: the column maps, schema evolution, and the SQL checked against the Python rules.

Spark SQL (the `spark` fixture: Spark 3.5.4, Glue 5.0's) evaluates the very SET expressions the job
hands to Delta, on pairs of partial states of one ride, and the results must equal merge_rows(), the
rule set in Python that the folding tests rely on. test_scripts.py runs the MERGE itself in Delta.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from pipeline.glue.testing.samples import v1, v2
from pipeline.glue.transforms.columns import ddl, names, to_row
from pipeline.glue.transforms.rides import (
    CURATED_COLUMNS,
    CURATED_SCHEMAS,
    MERGE_CONDITION,
    MERGE_RULES,
    RULE_SQL,
    apply_merge,
    merge_plan,
    merge_rows,
    new_columns,
    ride_state,
)

V1, V2 = CURATED_SCHEMAS[1], CURATED_SCHEMAS[2]


def ride(*events: dict[str, Any]) -> dict[str, Any]:
    state = ride_state(events)
    assert state is not None
    return state


def sample_ride() -> list[dict[str, Any]]:
    return [
        v1("m", "requested", "2024-03-31T23:50:00Z", driver_id=None),
        v1("m", "accepted", "2024-04-01T00:01:00Z", driver_id="driver-000001"),
        v1("m", "accepted", "2024-04-01T00:03:00Z", driver_id="driver-000002"),
        v1("m", "started", "2024-04-01T00:09:00Z"),
        v2("m", "completed", "2024-04-01T00:30:00Z", fare_amount=21.5, tip_amount=4),
    ]


# --- the plan ------------------------------------------------------------------------------------


def test_every_curated_column_has_a_rule_and_every_rule_sql() -> None:
    assert set(MERGE_RULES) == set(names(CURATED_COLUMNS))
    assert set(MERGE_RULES.values()) - {"key"} == set(RULE_SQL)


def test_plan_for_version_1_leaves_tip_amount_alone() -> None:
    plan = merge_plan(V1)
    assert plan.condition == MERGE_CONDITION == "t.ride_id = s.ride_id"
    assert "tip_amount" not in plan.update
    assert "tip_amount" not in plan.insert
    assert "ride_id" not in plan.update  # the key is never updated
    assert plan.insert == {name: f"s.{name}" for name in names(V1)}


def test_plan_for_version_2_writes_tip_amount() -> None:
    plan = merge_plan(V2)
    assert plan.insert["tip_amount"] == "s.tip_amount"
    assert plan.update["tip_amount"] == (
        "CASE WHEN s.last_event_time >= t.last_event_time "
        "THEN coalesce(s.tip_amount, t.tip_amount) ELSE coalesce(t.tip_amount, s.tip_amount) END"
    )
    assert plan.update["requested_at"] == "least(t.requested_at, s.requested_at)"
    assert plan.update["last_event_time"] == "greatest(t.last_event_time, s.last_event_time)"
    assert plan.update["month"].startswith("CASE WHEN s.first_event_time < t.first_event_time")
    assert set(plan.update) == set(names(V2)) - {"ride_id"}


def test_a_column_without_a_rule_is_refused() -> None:
    from pipeline.glue.transforms.columns import Column

    with pytest.raises(ValueError, match="no merge rule for column"):
        merge_plan((*V2, Column("surge_multiplier", "DOUBLE", "")))


def test_new_columns_is_the_schema_evolution_of_a_run() -> None:
    assert new_columns(names(V1), names(V2)) == ["tip_amount"]
    assert new_columns(names(V2), names(V1)) == []  # a version-1 run into an evolved table: nothing to add
    assert (
        new_columns([n.upper() for n in names(V1)], names(V1)) == []
    )  # Spark compares names case-insensitively


# --- the rules on partial states ------------------------------------------------------------------


def test_merging_any_split_equals_folding_everything() -> None:
    """A ride's events split over two runs, in either order of arrival, give the row of one fold."""
    events = sample_ride()
    whole = ride(*events)
    for cut in range(1, len(events)):
        earlier, later = events[:cut], events[cut:]
        assert merge_rows(ride(*earlier), ride(*later), V2) == whole, f"runs in order, cut {cut}"
        assert merge_rows(ride(*later), ride(*earlier), V2) == whole, f"late events, cut {cut}"


def test_merging_is_idempotent() -> None:
    state = ride(*sample_ride())
    assert merge_rows(state, state, V2) == state
    assert merge_rows(state, ride(*sample_ride()[:2]), V2) == state  # an old batch replayed


def test_late_first_event_moves_the_ride_to_its_month() -> None:
    events = sample_ride()
    without_request = ride(*events[1:])
    assert (without_request["year"], without_request["month"]) == ("2024", "04")
    merged = merge_rows(without_request, ride(events[0]), V2)
    assert (merged["year"], merged["month"]) == ("2024", "03")
    assert merged["status"] == "completed"


def test_a_version_1_batch_keeps_the_tip_of_the_table() -> None:
    table_row = ride(*sample_ride())
    replay = ride(v1("m", "completed", "2024-04-01T00:30:00Z"))
    merged = merge_rows(table_row, {k: v for k, v in replay.items() if k != "tip_amount"}, V1)
    assert merged["tip_amount"] == 4.0


def test_apply_merge_inserts_updates_and_evolves() -> None:
    table = [{name: ride(v1("a", "requested", "2024-03-07T09:00:00Z"))[name] for name in names(V1)}]
    source = [
        ride(v2("a", "completed", "2024-03-07T09:30:00Z")),
        ride(v2("b", "requested", "2024-03-07T10:00:00Z")),
    ]
    rows = {row["ride_id"]: row for row in apply_merge(table, source, V2)}
    assert set(rows) == {"ride-000000000a", "ride-000000000b"}
    assert rows["ride-000000000a"]["status"] == "completed"
    assert rows["ride-000000000a"]["requested_at"] is not None
    assert rows["ride-000000000a"]["tip_amount"] == 2.5
    assert list(rows["ride-000000000b"]) == list(names(V2))


# --- the SQL, evaluated by Spark ------------------------------------------------------------------------


def _pairs() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    events = sample_ride()
    pairs = []
    for cut in range(1, len(events)):
        earlier, later = ride(*events[:cut]), ride(*events[cut:])
        pairs += [(earlier, later), (later, earlier)]
    cancelled = [
        v1("m", "requested", "2024-04-01T00:00:00Z"),
        v1("m", "cancelled", "2024-04-01T00:04:00Z", city=None),
    ]
    pairs.append((ride(*events[:2]), ride(*cancelled)))
    pairs.append((ride(*events), ride(*events)))
    return pairs


@pytest.mark.parametrize("schema", [1, 2])
def test_the_sql_delta_runs_agrees_with_merge_rows(spark: Any, schema: int) -> None:
    from pyspark.sql import functions as F  # noqa: N812 - PySpark's usual name

    pairs, columns = _pairs(), CURATED_SCHEMAS[schema]
    plan = merge_plan(columns)
    targets = [(index, *to_row(target, CURATED_COLUMNS)) for index, (target, _) in enumerate(pairs)]
    sources = [(index, *to_row(source, columns)) for index, (_, source) in enumerate(pairs)]
    t = spark.createDataFrame(targets, f"pair INT, {ddl(CURATED_COLUMNS)}").alias("t")
    s = spark.createDataFrame(sources, f"pair INT, {ddl(columns)}").alias("s")
    updates = [f"{sql} AS {name}" for name, sql in plan.update.items()]
    joined = t.join(s, F.expr(f"t.pair = s.pair AND {plan.condition}"))
    rows = {row["pair"]: row.asDict() for row in joined.selectExpr("t.pair AS pair", *updates).collect()}
    assert sorted(rows) == list(range(len(pairs))), "the merge condition matched every pair"
    for index, (target, source) in enumerate(pairs):
        expected = merge_rows(target, source, columns)
        got = {name: _utc(value) for name, value in rows[index].items() if name != "pair"}
        assert got == {name: expected[name] for name in plan.update}, f"pair {index}"


def _utc(value: Any) -> Any:
    """Spark returns timestamps naive, in the session's zone (UTC); the transforms' are aware."""
    return value.replace(tzinfo=UTC) if isinstance(value, datetime) else value
