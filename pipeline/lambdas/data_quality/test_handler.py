"""The data-quality check against moto's Athena over HTTP, with the queries' answers computed for real.

moto's Athena accepts queries but runs none: it answers each with whatever result was queued through its
API (`/moto-api/static/athena/query-results`), in the order the queries start. So the tests keep the
curated table in SQLite (Python's standard library), run the handler's own SQL in it, and queue those
answers in Athena's result format; then they check the handler sent exactly that SQL. What this proves:
the SQL computes what the checks need (in standard SQL that Athena's Trino also runs), the handler reads
Athena's answers, and it reports each problem. What it cannot prove: Athena's plan and scan over Delta.
"""

from __future__ import annotations

import json
import sqlite3
import urllib.request
from collections.abc import Callable
from types import ModuleType
from typing import Any

import boto3
import pytest

from pipeline.lambdas.testing.context import Context
from pipeline.lambdas.testing.handlers import LoadHandler
from pipeline.testing.fault_proxy import Fault, FaultProxy, Matcher, aws_json_error, operation
from pipeline.testing.moto_server import MotoServer

WORKGROUP = "launchpad-test-analytics"
DATABASE = "launchpad_test_curated"
TABLE = "rides"
SETTINGS = {"WORKGROUP": WORKGROUP, "DATABASE": DATABASE, "TABLE": TABLE}
EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:launchpad-test-pipeline:run-1"


def athena(name: str) -> Matcher:
    return operation(f"AmazonAthena.{name}")


def ride(ride_id: str | None, year: str | None = "2024", month: str | None = "03") -> dict[str, Any]:
    return {"ride_id": ride_id, "city": "Lisbon", "year": year, "month": month}


class CuratedTable:
    """The curated table in SQLite, under the same database and table names the handler's SQL uses."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.connection = sqlite3.connect(":memory:")
        self.connection.execute(f"ATTACH DATABASE ':memory:' AS \"{DATABASE}\"")
        columns = "ride_id TEXT, city TEXT, year TEXT, month TEXT"
        self.connection.execute(f'CREATE TABLE "{DATABASE}"."{TABLE}" ({columns})')
        self.connection.executemany(
            f'INSERT INTO "{DATABASE}"."{TABLE}" VALUES (:ride_id, :city, :year, :month)', rows
        )

    def answer(self, sql: str) -> dict[str, Any]:
        """The query's result as Athena returns it: column names as the first row, every value a string."""
        cursor = self.connection.execute(sql)
        names = [column[0] for column in cursor.description]
        cell = lambda value: {} if value is None else {"VarCharValue": str(value)}  # noqa: E731
        rows = [names, *cursor.fetchall()]
        return {
            "rows": [{"Data": [cell(value) for value in row]} for row in rows],
            "column_info": [{"Name": name, "Label": name, "Type": "varchar"} for name in names],
        }


def queue_answers(moto: MotoServer, table: CuratedTable, module: ModuleType) -> list[str]:
    """Queues in moto's Athena the answers to the handler's queries, in the order it sends them."""
    sqls = [module.partitions_sql(DATABASE, TABLE), module.duplicates_sql(DATABASE, TABLE)]
    body = json.dumps({"results": [table.answer(sql) for sql in sqls]}).encode()
    request = urllib.request.Request(
        f"{moto.endpoint}/moto-api/static/athena/query-results",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 201
    return sqls


@pytest.fixture
def workgroup(aws_env: dict[str, str]) -> None:
    boto3.client("athena").create_work_group(
        Name=WORKGROUP, Configuration={"ResultConfiguration": {"OutputLocation": "s3://results/athena/"}}
    )


@pytest.fixture
def check(
    fault_proxy: FaultProxy, workgroup: None, load_handler: LoadHandler, moto_server: MotoServer
) -> Callable[[list[dict[str, Any]]], dict[str, Any]]:
    """Runs the handler over a table of these rows; returns its report after checking the SQL it sent."""
    module = load_handler("data_quality", **SETTINGS)

    def run(rows: list[dict[str, Any]]) -> dict[str, Any]:
        sqls = queue_answers(moto_server, CuratedTable(rows), module)
        report = module.handler({"execution": EXECUTION}, Context())
        sent = [json.loads(r.body) for r in fault_proxy.received(athena("StartQueryExecution"))]
        # A request retried after throttling is received again: each query once, in order.
        assert list(dict.fromkeys(s["QueryString"] for s in sent)) == sqls
        for request in sent:
            assert request["WorkGroup"] == WORKGROUP
            assert request["QueryExecutionContext"] == {"Database": DATABASE}
        return report

    return run


def test_a_good_table_passes_with_its_counts_per_partition(check) -> None:
    rows = [ride(f"ride-{i:010d}") for i in range(3)] + [ride("ride-000000000a", "2024", "04")]
    report = check(rows)
    assert report == {
        "passed": True,
        "cause": "",
        "table": f"{DATABASE}.{TABLE}",
        "rides": 4,
        "partitions": [
            {"year": "2024", "month": "03", "rides": 3},
            {"year": "2024", "month": "04", "rides": 1},
        ],
        "problems": [],
    }


def test_an_empty_table_fails(check) -> None:
    report = check([])
    assert report["passed"] is False
    assert report["cause"].startswith(f"Data quality check of {DATABASE}.{TABLE} failed: it has no rows")
    assert report["partitions"] == []


def test_null_keys_fail_with_how_many_rows_have_them(check) -> None:
    rows = [ride("ride-0000000001"), ride(None), ride(None), ride("ride-0000000002", None, None)]
    report = check(rows)
    assert report["passed"] is False
    assert report["problems"] == [
        "2 of 4 rows have no ride_id (the MERGE key)",
        "1 of 4 rows have no year or month (the partition keys)",
    ]
    assert {"year": None, "month": None, "rides": 1} in report["partitions"]
    assert "4 rows in 2 partitions" in report["cause"]


def test_duplicate_ride_ids_fail_with_the_most_repeated_first(check) -> None:
    rows = [ride("ride-000000000b")] * 2 + [ride("ride-000000000a")] * 3 + [ride("ride-000000000c")]
    # The same ride in two partitions is a duplicate too: the MERGE matches on ride_id alone.
    rows.append(ride("ride-000000000c", "2024", "04"))
    report = check(rows)
    assert report["problems"] == [
        "3 ride ids appear more than once (most: ride-000000000a ×3, ride-000000000b ×2, ride-000000000c ×2)"
    ]
    assert report["cause"] == (
        f"Data quality check of {DATABASE}.{TABLE} failed: {report['problems'][0]}. "
        "7 rows in 2 partitions; the counts per partition are in the execution's output."
    )


def test_a_failed_query_raises_with_athenas_reason(
    fault_proxy: FaultProxy, workgroup: None, load_handler: LoadHandler
) -> None:
    failed = {
        "QueryExecution": {
            "QueryExecutionId": "q-1",
            "Status": {"State": "FAILED", "StateChangeReason": "TABLE_NOT_FOUND: Table rides does not exist"},
        }
    }
    fault_proxy.add(Fault(athena("GetQueryExecution"), 200, json.dumps(failed).encode()))
    module = load_handler("data_quality", **SETTINGS)
    with pytest.raises(module.QueryFailed, match=r"rides per partition FAILED .*TABLE_NOT_FOUND"):
        module.handler({}, Context())
    assert len(fault_proxy.received(athena("StartQueryExecution"))) == 1


def test_throttling_is_retried(check, fault_proxy: FaultProxy) -> None:
    throttled = aws_json_error("TooManyRequestsException", "Rate exceeded")
    fault = fault_proxy.add(Fault(athena("StartQueryExecution"), 400, throttled, times=2))
    report = check([ride("ride-0000000001")])
    assert report["passed"] is True
    assert fault.hits == 2


def test_a_query_still_running_when_time_runs_out_is_stopped_and_reported(
    fault_proxy: FaultProxy, workgroup: None, load_handler: LoadHandler
) -> None:
    running = {"QueryExecution": {"QueryExecutionId": "q-1", "Status": {"State": "RUNNING"}}}
    fault_proxy.add(Fault(athena("GetQueryExecution"), 200, json.dumps(running).encode()))
    module = load_handler("data_quality", **SETTINGS)
    with pytest.raises(module.QueryFailed, match=r"still RUNNING .* ran out of time; it was stopped"):
        module.handler({}, Context(remaining_ms=5_000))
    assert len(fault_proxy.received(athena("StopQueryExecution"))) == 1
