"""Step Functions task of the pipeline: checks the curated rides table after the Glue jobs have merged into
it, before the summary table is rebuilt from it.

Two Athena queries over the table, each scanning only ride_id and the partition columns:
- rides per partition (year, month), with the rows whose ride_id is null;
- the ride ids found more than once (the MERGE should keep one row per ride), the most repeated first.
The checks: the table has rows; no row has a null ride_id (the MERGE key), year or month (the partition
keys); no ride id appears twice. The counts per partition are returned and logged either way.

Returns {"passed", "cause", "table", "rides", "partitions": [{"year", "month", "rides"}], "problems"}:
a check that finds bad data is a result, not an error, and `cause` says what is wrong in one sentence (""
when it passed); the state machine sends it to the alerts topic and fails the execution. A query that
cannot run (Athena's error, a permission, no time left) raises QueryFailed, which the state machine catches.

Environment: WORKGROUP (the Athena workgroup; its enforced settings give the result location), DATABASE
and TABLE (the curated rides table). The SQL is plain standard SQL, so that the tests run it as it is.
Permissions: athena:StartQueryExecution, GetQueryExecution, GetQueryResults and StopQueryExecution on the
workgroup; glue:GetDatabase, GetTable, GetTables and GetPartitions on the database; s3:GetObject on the
table's objects; s3:GetObject and s3:PutObject on the workgroup's results; kms:Decrypt and
kms:GenerateDataKey with a customer managed key.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from common.config import client, require_env
from common.log import log

WORKGROUP = require_env("WORKGROUP", "the Athena workgroup the checks run in")
DATABASE = require_env("DATABASE", "the Glue database of the curated table")
TABLE = require_env("TABLE", "the curated rides table the checks read")

ATHENA = client("athena", attempts=8, connect_timeout=5, read_timeout=30)
# Poll quickly first (a small table answers in a few seconds), then every few seconds.
FIRST_POLL_SECONDS = 0.5
MAX_POLL_SECONDS = 5.0
# Stop early enough to report the failure before Lambda's own timeout ends the function silently.
SAFETY_MARGIN_MS = 10_000
DUPLICATES_SHOWN = 5


def partitions_sql(database: str, table: str) -> str:
    return (
        "SELECT year, month, count(*) AS rides, "
        "sum(CASE WHEN ride_id IS NULL THEN 1 ELSE 0 END) AS null_ride_ids "
        f'FROM "{database}"."{table}" GROUP BY year, month ORDER BY year, month'
    )


def duplicates_sql(database: str, table: str) -> str:
    # The window counts every duplicated id before LIMIT keeps the first few as examples.
    return (
        "SELECT ride_id, copies, count(*) OVER () AS duplicated_ids FROM ("
        f'SELECT ride_id, count(*) AS copies FROM "{database}"."{table}" '
        "WHERE ride_id IS NOT NULL GROUP BY ride_id HAVING count(*) > 1"
        f") AS duplicated ORDER BY copies DESC, ride_id LIMIT {DUPLICATES_SHOWN}"
    )


class QueryFailed(RuntimeError):
    """A check's query did not run to the end; the message is what the alert shows."""


@dataclass(frozen=True)
class Partition:
    year: str | None
    month: str | None
    rides: int
    null_ride_ids: int


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    table = f"{DATABASE}.{TABLE}"
    partitions = [
        Partition(row["year"], row["month"], int(row["rides"]), int(row["null_ride_ids"]))
        for row in run(partitions_sql(DATABASE, TABLE), "rides per partition", context)
    ]
    duplicates = run(duplicates_sql(DATABASE, TABLE), "duplicate ride ids", context)
    rides = sum(p.rides for p in partitions)
    problems = find_problems(partitions, duplicates)
    report = {
        "passed": not problems,
        "cause": cause_of(table, problems, rides, len(partitions)),
        "table": table,
        "rides": rides,
        "partitions": [{"year": p.year, "month": p.month, "rides": p.rides} for p in partitions],
        "problems": problems,
    }
    log(
        "INFO" if not problems else "ERROR",
        "data quality checked",
        execution=event.get("execution"),
        **{key: report[key] for key in ("table", "passed", "rides", "partitions", "problems")},
    )
    return report


def find_problems(partitions: list[Partition], duplicates: list[dict[str, str | None]]) -> list[str]:
    """What is wrong with the table, one sentence each; empty when every check passed."""
    rides = sum(p.rides for p in partitions)
    if rides == 0:
        return ["it has no rows (did the clean-to-curated job write nothing?)"]
    problems = []
    null_ids = sum(p.null_ride_ids for p in partitions)
    if null_ids:
        problems.append(f"{null_ids} of {rides} rows have no ride_id (the MERGE key)")
    unpartitioned = sum(p.rides for p in partitions if p.year is None or p.month is None)
    if unpartitioned:
        problems.append(f"{unpartitioned} of {rides} rows have no year or month (the partition keys)")
    if duplicates:
        examples = ", ".join(f"{row['ride_id']} ×{row['copies']}" for row in duplicates)
        problems.append(
            f"{duplicates[0]['duplicated_ids']} ride ids appear more than once (most: {examples})"
        )
    return problems


def cause_of(table: str, problems: list[str], rides: int, partitions: int) -> str:
    if not problems:
        return ""
    return (
        f"Data quality check of {table} failed: {'; '.join(problems)}. "
        f"{rides} rows in {partitions} partitions; the counts per partition are in the execution's output."
    )


def run(sql: str, name: str, context: Any) -> list[dict[str, str | None]]:
    """Runs one query in the workgroup and waits for it; its rows by column name (null as None)."""
    query_id = ATHENA.start_query_execution(
        QueryString=sql, WorkGroup=WORKGROUP, QueryExecutionContext={"Database": DATABASE}
    )["QueryExecutionId"]
    delay = FIRST_POLL_SECONDS
    while True:
        status = ATHENA.get_query_execution(QueryExecutionId=query_id)["QueryExecution"]["Status"]
        state = status["State"]
        if state == "SUCCEEDED":
            return rows_of(query_id)
        if state in ("FAILED", "CANCELLED"):
            reason = status.get("StateChangeReason", "no reason given")
            raise QueryFailed(
                f"The query of {name} {state} in workgroup {WORKGROUP} (query {query_id}): {reason}"
            )
        if context.get_remaining_time_in_millis() < SAFETY_MARGIN_MS + delay * 1000:
            ATHENA.stop_query_execution(QueryExecutionId=query_id)
            raise QueryFailed(
                f"The query of {name} was still {state} in workgroup {WORKGROUP} (query {query_id}) when "
                "the function ran out of time; it was stopped. Check the workgroup's queue in the Athena "
                "console, or give the function a longer timeout."
            )
        time.sleep(delay)
        delay = min(delay * 2, MAX_POLL_SECONDS)


def rows_of(query_id: str) -> list[dict[str, str | None]]:
    """Every row of a finished query; Athena returns the column names as the first row of a SELECT."""
    rows: list[list[str | None]] = []
    for page in ATHENA.get_paginator("get_query_results").paginate(QueryExecutionId=query_id):
        rows.extend([cell.get("VarCharValue") for cell in row["Data"]] for row in page["ResultSet"]["Rows"])
    if not rows:
        return []
    header, *values = rows
    return [dict(zip(header, row, strict=True)) for row in values]
