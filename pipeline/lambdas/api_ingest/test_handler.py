"""api_ingest against moto's Kinesis, with API Gateway REST proxy events of AWS's shape."""

from __future__ import annotations

import base64
import json
import time
from types import ModuleType
from typing import Any

import boto3
import pytest

from pipeline.lambdas.testing.context import Context
from pipeline.lambdas.testing.events import apigw_event, fixture_lines, sample_event
from pipeline.lambdas.testing.handlers import LoadHandler
from pipeline.lambdas.testing.logs import log_lines
from pipeline.testing.fault_proxy import Fault, FaultProxy, aws_json_error, operation

STREAM = "practice-sandbox-rides"
V2 = fixture_lines("rides-v2")
BAD = fixture_lines("rides-bad")
PUT_RECORD = operation("Kinesis_20131202.PutRecord")
THROTTLED = aws_json_error(
    "ProvisionedThroughputExceededException",
    f"Rate exceeded for shard shardId-000000000000 in stream {STREAM} under account 123456789012.",
)


@pytest.fixture
def kinesis(aws_env: dict[str, str]) -> Any:
    client = boto3.client("kinesis")
    client.create_stream(StreamName=STREAM, ShardCount=1)
    return client


@pytest.fixture
def api(load_handler: LoadHandler, kinesis: Any) -> ModuleType:
    return load_handler("api_ingest", STREAM_NAME=STREAM)


def stream_records(kinesis: Any) -> list[dict[str, Any]]:
    shard = kinesis.list_shards(StreamName=STREAM)["Shards"][0]["ShardId"]
    iterator = kinesis.get_shard_iterator(StreamName=STREAM, ShardId=shard, ShardIteratorType="TRIM_HORIZON")
    return kinesis.get_records(ShardIterator=iterator["ShardIterator"])["Records"]


def body(answer: dict[str, Any]) -> dict[str, Any]:
    return json.loads(answer["body"])


def test_a_valid_event_goes_into_the_stream_and_gets_202(
    api: ModuleType, kinesis: Any, context: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    event = sample_event("apigw-proxy-post")
    ride = json.loads(event["body"])

    answer = api.handler(event, context)

    assert answer["statusCode"] == 202
    assert answer["headers"] == {"Content-Type": "application/json"}
    assert answer["isBase64Encoded"] is False
    [record] = stream_records(kinesis)
    assert body(answer) == {
        "eventId": ride["event_id"],
        "sequenceNumber": record["SequenceNumber"],
        "shardId": "shardId-000000000000",
    }
    assert record["PartitionKey"] == ride["ride_id"]
    assert record["Data"] == event["body"].encode() + b"\n"  # one compact line and a newline: JSON Lines
    [line] = log_lines(capsys.readouterr().out)
    assert (line["message"], line["request_id"]) == ("event accepted", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef")


def test_a_pretty_printed_body_is_stored_on_one_line(api: ModuleType, kinesis: Any, context: Context) -> None:
    ride = json.loads(V2[5])

    answer = api.handler(apigw_event(json.dumps(ride, indent=2)), context)

    assert answer["statusCode"] == 202
    assert stream_records(kinesis)[0]["Data"] == V2[5].encode() + b"\n"


def test_a_base64_encoded_body_is_decoded(api: ModuleType, kinesis: Any, context: Context) -> None:
    answer = api.handler(apigw_event(base64.b64encode(V2[6].encode()).decode(), base64_encoded=True), context)

    assert answer["statusCode"] == 202
    assert stream_records(kinesis)[0]["Data"] == V2[6].encode() + b"\n"


@pytest.mark.parametrize(
    ("request_body", "base64_encoded", "message"),
    [
        (None, False, "The request body is empty: send one ride event as a JSON object."),
        ("  \n", False, "The request body is empty: send one ride event as a JSON object."),
        ('{"ride_id": ', False, "The request body is not valid JSON: Expecting value (line 1, column 13)."),
        ("not base64!", True, "The request body is marked base64-encoded but is not base64 of UTF-8 text."),
    ],
)
def test_bodies_that_are_no_json_get_400(
    api: ModuleType,
    kinesis: Any,
    context: Context,
    request_body: str | None,
    base64_encoded: bool,
    message: str,
) -> None:
    answer = api.handler(apigw_event(request_body, base64_encoded), context)

    assert (answer["statusCode"], body(answer)) == (400, {"message": message})
    assert answer["headers"] == {"Content-Type": "application/json"}
    assert stream_records(kinesis) == []


@pytest.mark.parametrize("number", range(1, len(BAD) + 1))
def test_every_bad_fixture_line_gets_400_and_stays_out_of_the_stream(
    api: ModuleType, kinesis: Any, context: Context, number: int
) -> None:
    answer = api.handler(apigw_event(BAD[number - 1]), context)

    assert answer["statusCode"] == 400
    payload = body(answer)
    if payload["message"].startswith("The request body is not valid JSON"):
        assert number in (5, 13)  # NaN, and the line cut short
    else:
        assert payload["message"] == "The ride event is not valid (1 problem)."
        assert len(payload["problems"]) == 1
        assert payload["problems"]
    assert stream_records(kinesis) == []


def test_throttling_that_outlasts_the_retries_answers_503_with_retry_after(
    fault_proxy: FaultProxy, load_handler: LoadHandler, kinesis: Any, context: Context, capsys
) -> None:
    fault = fault_proxy.add(Fault(PUT_RECORD, 400, THROTTLED))
    api = load_handler("api_ingest", STREAM_NAME=STREAM)

    answer = api.handler(apigw_event(V2[0]), context)

    assert answer["statusCode"] == 503
    assert answer["headers"] == {"Content-Type": "application/json", "Retry-After": "1"}
    assert body(answer) == {"message": "The stream is busy. Retry after 1 second."}
    assert fault.hits == 3  # the SDK's standard retry tried three times
    assert log_lines(capsys.readouterr().out)[-1]["code"] == "ProvisionedThroughputExceededException"


def test_throttling_the_sdk_rides_out_still_answers_202(
    fault_proxy: FaultProxy, load_handler: LoadHandler, kinesis: Any, context: Context
) -> None:
    fault = fault_proxy.add(Fault(PUT_RECORD, 400, THROTTLED, times=1))
    api = load_handler("api_ingest", STREAM_NAME=STREAM)

    answer = api.handler(apigw_event(V2[0]), context)

    assert answer["statusCode"] == 202
    assert fault.hits == 1
    assert len(stream_records(kinesis)) == 1


def test_an_unreachable_stream_answers_503(
    load_handler: LoadHandler, kinesis: Any, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # nothing listens on the discard port
    api = load_handler("api_ingest", STREAM_NAME=STREAM)
    started = time.monotonic()

    answer = api.handler(apigw_event(V2[0]), context)

    assert answer["statusCode"] == 503
    assert time.monotonic() - started < 20


def test_other_failures_answer_500_without_details(
    load_handler: LoadHandler, kinesis: Any, context: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    api = load_handler("api_ingest", STREAM_NAME="no-such-stream")

    answer = api.handler(apigw_event(V2[0]), context)

    assert answer["statusCode"] == 500
    assert body(answer) == {
        "message": "The event could not be stored.",
        "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
    }
    line = log_lines(capsys.readouterr().out)[-1]
    assert (line["level"], line["code"]) == ("ERROR", "ResourceNotFoundException")


def test_a_missing_stream_name_fails_the_cold_start_by_name(
    load_handler: LoadHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STREAM_NAME", raising=False)

    with pytest.raises(RuntimeError, match="Environment variable STREAM_NAME is not set"):
        load_handler("api_ingest")


def test_the_client_retries_in_standard_mode_with_short_timeouts(api: ModuleType) -> None:
    config = api.kinesis.meta.config
    assert config.retries == {"mode": "standard", "total_max_attempts": 3}
    assert (config.connect_timeout, config.read_timeout) == (2, 5)
