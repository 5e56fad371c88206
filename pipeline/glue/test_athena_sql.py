"""The views and saved queries of pipeline/sql/ (views/, named-queries/, ctas/), run by Spark SQL over the
tables the two jobs wrote from the fixtures (the `lake` fixture): the curated Delta table read back
through its log, and the clean Parquet with its partition folders.

The counts come from the fixtures, not from a second run of the SQL: each result row's count column must
equal the number of curated rides (or clean events) that match the row's grouping values (city, currency,
day...) and the query's filter, and the rows must cover them all. So a query that gains a GROUP BY column
(currency, say) still passes, while one that loses or double-counts rides does not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from pipeline.glue.testing import athena_sql
from pipeline.glue.testing.lake import Lake

# The day the fixtures' "yesterday" is: run 1 and 2 hold events of 5 to 8 March 2024, most on the 7th.
AS_OF = "2024-03-08"
Row = dict[str, Any]


def _day(value: datetime) -> Any:
    return value.date()


# How a result column is computed from a curated ride (or a clean event), for the columns queries group by.
RIDE_KEYS: dict[str, Callable[[Row], Any]] = {
    "city": lambda r: r["city"],
    "currency": lambda r: r["currency"],
    "driver_id": lambda r: r["driver_id"],
    "payment_type": lambda r: r["payment_type"],
    "ride_date": lambda r: _day(r["first_event_time"]),
    "hour_utc": lambda r: r["requested_at"].hour,
    "year": lambda r: r["year"],
    "month": lambda r: r["month"],
}
EVENT_KEYS: dict[str, Callable[[Row], Any]] = {
    "event_type": lambda e: e["event_type"],
    "schema_version": lambda e: e["schema_version"],
    "hour_utc": lambda e: e["event_time"].hour,
    "year": lambda e: e["year"],
    "month": lambda e: e["month"],
    "day": lambda e: e["day"],
}


def completed(r: Row) -> bool:
    return r["status"] == "completed"


def cancelled(r: Row) -> bool:
    return r["status"] == "cancelled"


def yesterday(e: Row) -> bool:
    return (e["year"], e["month"], e["day"]) == ("2024", "03", "07")


# Per statement: the table it reads, its WHERE as Python, and each count column with the rows it counts.
CHECKS: dict[str, tuple[str, Callable[[Row], bool], dict[str, Callable[[Row], bool]]]] = {
    "completed_rides": ("rides", completed, {}),
    "daily_event_counts": ("events", lambda e: True, {"events": lambda e: True}),
    "driver_leaderboard": (
        "rides",
        lambda r: completed(r) and r["driver_id"] is not None,
        {"completed_rides": lambda r: True},
    ),
    "rides_daily_by_city": (
        "rides",
        lambda r: True,
        {"rides": lambda r: True, "completed_rides": completed, "cancelled_rides": cancelled},
    ),
    "city_daily_summary": (
        "rides",
        lambda r: True,
        {"rides": lambda r: True, "completed_rides": completed, "cancelled_rides": cancelled},
    ),
    "cancellation_rate_by_city": (
        "rides",
        lambda r: completed(r) or cancelled(r),
        {
            "finished_rides": lambda r: True,
            "cancelled_rides": cancelled,
            "cancelled_before_accept": lambda r: cancelled(r) and r["accepted_at"] is None,
            "cancelled_after_accept": lambda r: cancelled(r) and r["accepted_at"] is not None,
        },
    ),
    "hourly_demand": ("rides", lambda r: r["requested_at"] is not None, {"requests": lambda r: True}),
    "tip_share_by_payment_type": (
        "rides",
        lambda r: completed(r) and r["tip_amount"] is not None,
        {"completed_rides": lambda r: True},
    ),
    "top_cities_by_revenue": ("rides", completed, {"completed_rides": lambda r: True}),
    "wait_time_percentiles": (
        "rides",
        lambda r: r["accepted_at"] is not None,
        {"accepted_rides": lambda r: True},
    ),
    "yesterday_events_by_hour": ("events", yesterday, {"events": lambda e: True}),
}


@pytest.fixture(scope="module")
def tables(lake: Lake) -> dict[str, list[Row]]:
    """Registers the lake's tables as Athena's catalog names them, as Spark reads them back."""
    spark = lake.glue.spark
    spark.read.format("delta").load(str(lake.curated)).createOrReplaceTempView("curated_rides")
    spark.read.parquet(str(lake.clean)).createOrReplaceTempView("clean_rides")
    return {
        "rides": [row.asDict() for row in spark.table("curated_rides").collect()],
        "events": [row.asDict() for row in spark.table("clean_rides").collect()],
    }


def test_every_lake_statement_is_checked() -> None:
    assert {statement.name for statement in athena_sql.statements()} == set(CHECKS)


def test_the_fixture_lake_holds_what_the_capstone_queries(tables: dict[str, list[Row]]) -> None:
    rides = tables["rides"]
    # 17 rides in rides-v1.jsonl + 6 in rides-v2.jsonl + 9 from rides-bad.jsonl (13 lines: 1 cut off, 2
    # that cannot be placed, 1 `arrived` event that is no step of a ride; the other 9 are single-event
    # rides) = 32. Completed: 13 of v1, + the late completion of one of its started rides, + 5 of v2 = 19.
    assert len(rides) == 32
    assert Counter(r["status"] for r in rides) == Counter(
        completed=19, accepted=4, started=3, requested=3, cancelled=3
    )
    # Completed rides per city and currency: what the revenue, leaderboard and daily views count.
    assert Counter((r["city"], r["currency"]) for r in rides if completed(r)) == Counter(
        {
            ("Paris", "EUR"): 5,
            ("London", "GBP"): 4,
            ("New York", "USD"): 3,
            ("Berlin", "EUR"): 3,
            ("Chicago", "USD"): 2,
            ("Amsterdam", "EUR"): 2,
        }
    )


@pytest.mark.parametrize("statement", athena_sql.statements(), ids=lambda s: f"{s.folder}/{s.name}")
def test_statement_counts_match_the_fixture_lake(
    lake: Lake, tables: dict[str, list[Row]], statement: athena_sql.Statement
) -> None:
    source, where, counts = CHECKS[statement.name]
    keys = RIDE_KEYS if source == "rides" else EVENT_KEYS
    records = [record for record in tables[source] if where(record)]
    result = athena_sql.run(lake.glue.spark, statement, AS_OF)
    assert result, f"{statement.name} returned no row"
    grouping = [column for column in result[0] if column in keys and column not in counts]
    if not counts:  # a row per record (a view over rides)
        assert len(result) == len(records)
        return
    groups = {tuple(keys[column](r) for column in grouping) for r in records}
    assert len(result) == len(groups), f"{statement.name}: one row per {', '.join(grouping)}"
    for row in result:
        key = tuple(row[column] for column in grouping)
        matching = [r for r in records if tuple(keys[column](r) for column in grouping) == key]
        for column, counted in counts.items():
            assert row[column] == sum(1 for r in matching if counted(r)), f"{statement.name} {key} {column}"


def test_spark_spelling_of_athena_sql() -> None:
    sql = (
        "SELECT date_diff('second', a, b), date_format(current_date - INTERVAL '1' DAY, '%Y-%m') "
        'FROM "{{curated_db}}"."rides" -- current_date stays in comments'
    )
    assert athena_sql.to_spark(sql, "2024-03-08") == (
        "SELECT timestampdiff(SECOND, a, b), date_format(DATE '2024-03-08' - INTERVAL '1' DAY, 'yyyy-MM') "
        "FROM curated_rides -- current_date stays in comments"
    )
    ctas = "CREATE TABLE \"{{curated_db}}\".\"t\"\nWITH (format = 'PARQUET', p = ARRAY['a'])\nAS\nSELECT 1"
    assert athena_sql.to_spark(ctas, "2024-03-08") == "SELECT 1"
    view = 'CREATE OR REPLACE VIEW "{{curated_db}}"."v" AS SELECT 1'
    assert athena_sql.to_spark(view, "2024-03-08") == "CREATE OR REPLACE TEMP VIEW curated_v AS SELECT 1"
    with pytest.raises(ValueError, match="%i"):
        athena_sql.to_spark("SELECT date_format(t, '%H:%i')", "2024-03-08")
