"""The Delta MERGE as data: the column maps, schema evolution, and the SQL checked against the Python rules.

Spark is not here, but SQLite is: it evaluates the very SET expressions the job hands to Delta (CASE,
coalesce, comparisons; least/greatest registered with Spark's skip-nulls behaviour), and the results
must equal merge_rows(), the rule set in Python that the folding tests rely on.
"""

from __future__ import annotations

import itertools
import sqlite3
from datetime import datetime
from typing import Any

import pytest

from pipeline.glue.testing.samples import v1, v2
from pipeline.glue.transforms.columns import names
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


# --- the SQL, evaluated ------------------------------------------------------------------------------


def _least(*values: Any) -> Any:
    present = [v for v in values if v is not None]
    return min(present) if present else None


def _greatest(*values: Any) -> Any:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def _to_sql(value: Any) -> Any:
    # Timestamps as fixed-width text compare like the times they are.
    return value.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(value, datetime) else value


def evaluate_update_sql(target: dict[str, Any], source: dict[str, Any], columns: tuple) -> dict[str, Any]:
    """Runs merge_plan(columns).update in SQLite on one target row and one source row."""
    plan = merge_plan(columns)
    db = sqlite3.connect(":memory:")
    db.create_function("least", -1, _least, deterministic=True)
    db.create_function("greatest", -1, _greatest, deterministic=True)
    target_names, source_names = list(target), list(names(columns))
    db.execute(f"CREATE TABLE t ({', '.join(target_names)})")
    db.execute(f"CREATE TABLE s ({', '.join(source_names)})")
    db.execute(
        f"INSERT INTO t VALUES ({', '.join('?' * len(target_names))})",
        [_to_sql(target[n]) for n in target_names],
    )
    db.execute(
        f"INSERT INTO s VALUES ({', '.join('?' * len(source_names))})",
        [_to_sql(source[n]) for n in source_names],
    )
    expressions = ", ".join(f"{sql} AS {name}" for name, sql in plan.update.items())
    cursor = db.execute(f"SELECT {expressions} FROM t JOIN s ON {plan.condition}")
    row = cursor.fetchone()
    assert row is not None, "the merge condition did not match"
    result = {**{n: _to_sql(target[n]) for n in target_names}, **dict(zip(plan.update, row, strict=True))}
    db.close()
    return result


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


@pytest.mark.parametrize(("index", "schema"), itertools.product(range(len(_pairs())), [1, 2]))
def test_the_sql_delta_runs_agrees_with_merge_rows(index: int, schema: int) -> None:
    target, source = _pairs()[index]
    columns = CURATED_SCHEMAS[schema]
    expected = {name: _to_sql(value) for name, value in merge_rows(target, source, columns).items()}
    assert evaluate_update_sql(target, source, columns) == expected


def test_insert_values_select_every_source_column() -> None:
    plan = merge_plan(V2)
    db = sqlite3.connect(":memory:")
    state = ride(*sample_ride())
    db.execute(f"CREATE TABLE s ({', '.join(state)})")
    db.execute(f"INSERT INTO s VALUES ({', '.join('?' * len(state))})", [_to_sql(v) for v in state.values()])
    row = db.execute(f"SELECT {', '.join(plan.insert.values())} FROM s").fetchone()
    assert dict(zip(plan.insert, row, strict=True)) == {k: _to_sql(v) for k, v in state.items()}
