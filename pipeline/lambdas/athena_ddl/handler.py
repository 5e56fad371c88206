"""CloudFormation custom resource: runs Athena DDL on deploy, so views exist after `cdk deploy` and a view
whose SQL fails stops the deployment with Athena's reason.

Resource properties:
  WorkGroup      the Athena workgroup the statements run in (its enforced settings give the result location)
  Statements     [{"Name": ..., "Sql": ..., "DropSql": ...}], run in order, each waited for
  DropOnDelete   "true" to run the DropSql statements when the resource is deleted (dev); otherwise the
                 views stay with the retained catalog (stage, prod)
On update, statements that disappeared from the list are dropped, the others run again (CREATE OR REPLACE).
Permissions: athena:StartQueryExecution and athena:GetQueryExecution on the workgroup; glue:GetDatabase,
glue:GetTable, glue:CreateTable, glue:UpdateTable, glue:DeleteTable on the database; s3:PutObject and
s3:GetBucketLocation on the result location.
"""

from __future__ import annotations

import time
from typing import Any

from common.config import client
from common.custom_resource import serve
from common.log import log

ATHENA = client("athena", attempts=8, connect_timeout=5, read_timeout=30)
# Poll quickly first (DDL usually takes about a second), then every few seconds.
FIRST_POLL_SECONDS = 0.5
MAX_POLL_SECONDS = 5.0
# Stop early enough to report the failure before Lambda's own timeout does it silently.
SAFETY_MARGIN_MS = 10_000


class StatementFailed(RuntimeError):
    """Athena did not succeed with a statement; the message is what CloudFormation shows."""


def handler(event: dict[str, Any], context: Any) -> None:
    serve(event, context, apply)


def apply(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Runs what the request asks for; returns PhysicalResourceId and Data, raises when a statement fails."""
    request = event["RequestType"]
    properties = event["ResourceProperties"]
    workgroup = properties["WorkGroup"]
    statements = properties.get("Statements", [])
    physical_id = event.get("PhysicalResourceId") or f"athena-ddl-{workgroup}"
    if request == "Delete":
        if properties.get("DropOnDelete") == "true":
            for statement in statements:
                run(statement["DropSql"], f"drop {statement['Name']}", workgroup, context)
        return {"PhysicalResourceId": physical_id}
    if request == "Update":
        current = {s["Name"] for s in statements}
        for old in event.get("OldResourceProperties", {}).get("Statements", []):
            if old["Name"] not in current:
                run(old["DropSql"], f"drop {old['Name']}", workgroup, context)
    for statement in statements:
        run(statement["Sql"], statement["Name"], workgroup, context)
    return {"PhysicalResourceId": physical_id, "Data": {"Statements": str(len(statements))}}


def run(sql: str, name: str, workgroup: str, context: Any) -> str:
    """Runs one statement and waits for it; raises StatementFailed with Athena's reason."""
    query_id = ATHENA.start_query_execution(QueryString=sql, WorkGroup=workgroup)["QueryExecutionId"]
    delay = FIRST_POLL_SECONDS
    while True:
        status = ATHENA.get_query_execution(QueryExecutionId=query_id)["QueryExecution"]["Status"]
        state = status["State"]
        if state == "SUCCEEDED":
            log("INFO", "statement succeeded", statement=name, query_id=query_id)
            return query_id
        if state in ("FAILED", "CANCELLED"):
            reason = status.get("StateChangeReason", "no reason given")
            raise StatementFailed(
                f"Athena statement {name} {state} in workgroup {workgroup} (query {query_id}): {reason}. "
                "Fix the SQL in pipeline/sql/ and deploy again; "
                "the query's details are in the Athena console."
            )
        if context.get_remaining_time_in_millis() < SAFETY_MARGIN_MS + delay * 1000:
            raise StatementFailed(
                f"Athena statement {name} still {state} in workgroup {workgroup} (query {query_id}) when the "
                "function ran out of time. "
                "Check the workgroup's queue in the Athena console and deploy again."
            )
        time.sleep(delay)
        delay = min(delay * 2, MAX_POLL_SECONDS)
