"""CloudFormation custom resources answered by the function itself: a PUT to the presigned ResponseURL.

No provider-framework function stands beside ours. Every outcome, failures included, reaches
CloudFormation: a function that dies without answering leaves the stack waiting for an hour.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable
from typing import Any

from common.log import log

# apply(event, context) -> {"PhysicalResourceId": ..., "Data": {...}}; raises to fail the request.
Apply = Callable[[dict[str, Any], Any], dict[str, Any]]


def serve(event: dict[str, Any], context: Any, apply: Apply) -> None:
    """Runs `apply` for a CloudFormation request and reports its outcome."""
    try:
        outcome = {"Status": "SUCCESS", **apply(event, context)}
    except Exception as error:  # noqa: BLE001 - any failure must reach CloudFormation
        log("ERROR", "request failed", request=event.get("RequestType"), error=str(error))
        outcome = {
            "Status": "FAILED",
            "Reason": f"{error} (log stream {context.log_stream_name})",
            "PhysicalResourceId": event.get("PhysicalResourceId") or context.log_stream_name,
        }
    respond(event, outcome)


def respond(event: dict[str, Any], outcome: dict[str, Any]) -> None:
    body = json.dumps(
        {
            **outcome,
            "StackId": event["StackId"],
            "RequestId": event["RequestId"],
            "LogicalResourceId": event["LogicalResourceId"],
        }
    ).encode()
    # The presigned URL is signed without a content type: sending one would break the signature.
    request = urllib.request.Request(
        event["ResponseURL"], data=body, method="PUT", headers={"Content-Type": ""}
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        answer.read()
