"""The ingestion API's backend: one ride event per POST, validated, then put into the Kinesis stream.

Trigger: API Gateway REST API, Lambda proxy integration (payload format 1.0). API Gateway has already
checked the body against the request model (ride-event.schema.json) and the API key; this function
checks again, with the stricter rules of common/ride_event.py, and answers in JSON:
- 202 {"eventId", "sequenceNumber", "shardId"}: the event is in the stream;
- 400 {"message", "problems"}: the body is not JSON, or not a valid ride event;
- 503 {"message"} with Retry-After: the stream is throttling (or unreachable) after the SDK's retries;
- 500 {"message", "requestId"}: anything else (its details are in the log, not in the answer).
The record is the event re-serialized compactly on one line plus a newline, with the ride_id as
partition key: Firehose then writes JSON Lines to S3, and a ride's events stay in order on one shard.

Environment: STREAM_NAME (the Kinesis stream). Permissions: kinesis:PutRecord on it (and kms:GenerateDataKey
when the stream is encrypted with a customer managed key).
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError, ReadTimeoutError
from botocore.exceptions import ConnectionError as BotoConnectionError

from common.config import client, require_env
from common.log import log
from common.ride_event import StrictJsonError, parse_json, validate

STREAM_NAME = require_env("STREAM_NAME", "the name of the Kinesis data stream events are put into")

RETRY_AFTER_SECONDS = 1
THROTTLING_CODES = {
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "LimitExceededException",
    "KMSThrottlingException",
}
JSON_HEADERS = {"Content-Type": "application/json"}

# Few attempts and short timeouts: API Gateway gives up on the integration after 29 seconds.
kinesis = client("kinesis", attempts=3, connect_timeout=2, read_timeout=5)


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    request_id = (event.get("requestContext") or {}).get("requestId") or getattr(
        context, "aws_request_id", None
    )
    try:
        body = _body_text(event)
    except ValueError:
        return _answer(
            400, {"message": "The request body is marked base64-encoded but is not base64 of UTF-8 text."}
        )
    if body is None or not body.strip():
        return _answer(400, {"message": "The request body is empty: send one ride event as a JSON object."})
    try:
        ride_event = parse_json(body)
    except StrictJsonError as error:
        return _answer(400, {"message": f"The request body is not valid JSON: {error}."})
    problems = validate(ride_event)
    if problems:
        log("INFO", "event rejected", request_id=request_id, problems=problems)
        return _answer(
            400,
            {
                "message": f"The ride event is not valid ({_count(problems, 'problem')}).",
                "problems": problems,
            },
        )

    data = (json.dumps(ride_event, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    try:
        put = kinesis.put_record(StreamName=STREAM_NAME, Data=data, PartitionKey=ride_event["ride_id"])
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        if code in THROTTLING_CODES:
            log("WARNING", "stream throttled", request_id=request_id, code=code, stream=STREAM_NAME)
            return _busy()
        log("ERROR", "put_record failed", request_id=request_id, code=code, error=str(error))
        return _answer(500, {"message": "The event could not be stored.", "requestId": request_id})
    except (BotoConnectionError, ReadTimeoutError) as error:
        log("WARNING", "stream unreachable", request_id=request_id, error=str(error), stream=STREAM_NAME)
        return _busy()
    except BotoCoreError as error:
        log("ERROR", "put_record failed", request_id=request_id, error=str(error), stream=STREAM_NAME)
        return _answer(500, {"message": "The event could not be stored.", "requestId": request_id})

    log(
        "INFO",
        "event accepted",
        request_id=request_id,
        event_id=ride_event["event_id"],
        ride_id=ride_event["ride_id"],
        shard_id=put["ShardId"],
        sequence_number=put["SequenceNumber"],
    )
    return _answer(
        202,
        {
            "eventId": ride_event["event_id"],
            "sequenceNumber": put["SequenceNumber"],
            "shardId": put["ShardId"],
        },
    )


def _body_text(event: dict[str, Any]) -> str | None:
    body = event.get("body")
    if body is None or not event.get("isBase64Encoded"):
        return body
    try:  # binary media types arrive base64-encoded
        return base64.b64decode(body, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError) as error:
        raise ValueError("not base64 of UTF-8 text") from error


def _count(items: list[str], noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def _busy() -> dict[str, Any]:
    return _answer(
        503,
        {"message": f"The stream is busy. Retry after {RETRY_AFTER_SECONDS} second."},
        {"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def _answer(status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "statusCode": status,
        "headers": {**JSON_HEADERS, **(headers or {})},
        "body": json.dumps(payload, ensure_ascii=False),
        "isBase64Encoded": False,
    }
