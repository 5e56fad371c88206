"""The DDL custom resource against moto's Athena over HTTP, with a proxy scripting Athena's failures."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from pipeline.lambdas.testing.cloudformation import CloudFormationEndpoint
from pipeline.lambdas.testing.context import Context
from pipeline.lambdas.testing.handlers import LoadHandler
from pipeline.testing.fault_proxy import Fault, FaultProxy, Matcher, aws_json_error, operation

WORKGROUP = "launchpad-test-analytics"


def athena(name: str) -> Matcher:
    return operation(f"AmazonAthena.{name}")


def statement(name: str) -> dict[str, str]:
    return {
        "Name": name,
        "Sql": f'CREATE OR REPLACE VIEW "db"."{name}" AS SELECT 1 AS one',
        "DropSql": f'DROP VIEW IF EXISTS "db"."{name}"',
    }


def request(kind: str, statements: list[dict[str, str]], **extra: Any) -> dict[str, Any]:
    event = {
        "RequestType": kind,
        "ResourceProperties": {
            "WorkGroup": WORKGROUP,
            "Statements": statements,
            **extra.pop("properties", {}),
        },
        **extra,
    }
    if kind != "Create":
        event["PhysicalResourceId"] = f"athena-ddl-{WORKGROUP}"
    return event


@pytest.fixture
def workgroup(aws_env: dict[str, str]) -> None:
    boto3.client("athena").create_work_group(
        Name=WORKGROUP, Configuration={"ResultConfiguration": {"OutputLocation": "s3://results/athena/"}}
    )


def sql_sent(proxy: FaultProxy) -> list[str]:
    """QueryString of every StartQueryExecution the function sent, from the proxy's log of bodies."""
    return [json.loads(r.body)["QueryString"] for r in proxy.received(athena("StartQueryExecution"))]


def test_create_runs_every_statement_in_order_and_waits(
    fault_proxy: FaultProxy, workgroup: None, load_handler: LoadHandler, context: Context
):
    module = load_handler("athena_ddl")
    result = module.apply(request("Create", [statement("a"), statement("b")]), context)
    assert result == {"PhysicalResourceId": f"athena-ddl-{WORKGROUP}", "Data": {"Statements": "2"}}
    assert sql_sent(fault_proxy) == [statement("a")["Sql"], statement("b")["Sql"]]
    started = boto3.client("athena").list_query_executions(WorkGroup=WORKGROUP)["QueryExecutionIds"]
    assert len(started) == 2


def test_update_drops_the_views_that_left_the_list(
    fault_proxy: FaultProxy, workgroup: None, load_handler: LoadHandler, context: Context
):
    module = load_handler("athena_ddl")
    event = request(
        "Update",
        [statement("kept")],
        OldResourceProperties={"WorkGroup": WORKGROUP, "Statements": [statement("kept"), statement("gone")]},
    )
    module.apply(event, context)
    assert sql_sent(fault_proxy) == [statement("gone")["DropSql"], statement("kept")["Sql"]]


@pytest.mark.parametrize(("drop_on_delete", "expected"), [("true", 1), ("false", 0)])
def test_delete_drops_only_where_the_catalog_is_not_retained(
    fault_proxy: FaultProxy,
    workgroup: None,
    load_handler: LoadHandler,
    context: Context,
    drop_on_delete: str,
    expected: int,
):
    module = load_handler("athena_ddl")
    module.apply(request("Delete", [statement("v")], properties={"DropOnDelete": drop_on_delete}), context)
    assert sql_sent(fault_proxy) == [statement("v")["DropSql"]] * expected


def test_a_failed_statement_stops_the_deployment_with_athenas_reason(
    fault_proxy: FaultProxy, workgroup: None, load_handler: LoadHandler, context: Context
):
    failed = {
        "QueryExecution": {
            "QueryExecutionId": "q-1",
            "Status": {"State": "FAILED", "StateChangeReason": "line 1:8: Table db.rides does not exist"},
        }
    }
    fault_proxy.add(Fault(athena("GetQueryExecution"), 200, json.dumps(failed).encode()))
    module = load_handler("athena_ddl")
    with pytest.raises(
        module.StatementFailed, match=r"Athena statement a FAILED .*Table db\.rides does not exist"
    ):
        module.apply(request("Create", [statement("a"), statement("b")]), context)
    assert len(sql_sent(fault_proxy)) == 1, "the next statement must not run after a failure"


def test_throttling_is_retried(
    fault_proxy: FaultProxy, workgroup: None, load_handler: LoadHandler, context: Context
):
    throttled = aws_json_error("TooManyRequestsException", "Rate exceeded")
    fault = fault_proxy.add(Fault(athena("StartQueryExecution"), 400, throttled, times=2))
    module = load_handler("athena_ddl")
    module.apply(request("Create", [statement("a")]), context)
    assert fault.hits == 2


def test_a_statement_still_running_when_time_runs_out_is_reported(
    fault_proxy: FaultProxy, workgroup: None, load_handler: LoadHandler
):
    running = {"QueryExecution": {"QueryExecutionId": "q-1", "Status": {"State": "RUNNING"}}}
    fault_proxy.add(Fault(athena("GetQueryExecution"), 200, json.dumps(running).encode()))
    module = load_handler("athena_ddl")
    with pytest.raises(module.StatementFailed, match=r"still RUNNING .* ran out of time"):
        module.apply(request("Create", [statement("a")]), Context(remaining_ms=5_000))


@pytest.fixture
def cloudformation() -> Iterator[CloudFormationEndpoint]:
    endpoint = CloudFormationEndpoint()
    yield endpoint
    endpoint.close()


def cfn_request(kind: str, statements: list[dict[str, str]], url: str) -> dict[str, Any]:
    return {
        **request(kind, statements),
        "ResponseURL": url,
        "StackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/launchpad-test-analytics/1",
        "RequestId": "req-1",
        "LogicalResourceId": "Views",
    }


def test_the_handler_reports_success_to_cloudformation(
    fault_proxy: FaultProxy, workgroup: None, load_handler: LoadHandler, context: Context, cloudformation
):
    load_handler("athena_ddl").handler(cfn_request("Create", [statement("a")], cloudformation.url), context)
    assert cloudformation.answers == [
        {
            "Status": "SUCCESS",
            "PhysicalResourceId": f"athena-ddl-{WORKGROUP}",
            "Data": {"Statements": "1"},
            "StackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/launchpad-test-analytics/1",
            "RequestId": "req-1",
            "LogicalResourceId": "Views",
        }
    ]


def test_the_handler_reports_a_failure_with_its_reason(
    fault_proxy: FaultProxy, workgroup: None, load_handler: LoadHandler, context: Context, cloudformation
):
    denied = aws_json_error("AccessDeniedException", "not authorized to perform athena:StartQueryExecution")
    fault_proxy.add(Fault(athena("StartQueryExecution"), 400, denied))
    load_handler("athena_ddl").handler(cfn_request("Create", [statement("a")], cloudformation.url), context)
    [answer] = cloudformation.answers
    assert answer["Status"] == "FAILED"
    assert "not authorized to perform athena:StartQueryExecution" in answer["Reason"]
    assert context.log_stream_name in answer["Reason"]
    assert answer["PhysicalResourceId"] == context.log_stream_name
