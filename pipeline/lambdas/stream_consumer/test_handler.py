"""stream_consumer against moto's S3, with Kinesis batches of AWS's event shape; its metrics in its log."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from types import ModuleType
from typing import Any

import boto3
import pytest

from pipeline.lambdas.testing.context import Context
from pipeline.lambdas.testing.events import fixture_lines, kinesis_event, sample_event
from pipeline.lambdas.testing.handlers import LoadHandler
from pipeline.lambdas.testing.logs import log_lines, metric_documents, metric_sums
from pipeline.testing.fault_proxy import Fault, FaultProxy, s3_error

BUCKET = "practice-sandbox-raw-123456789012"
NAMESPACE = "Launchpad/Tests"
ENV = {"RAW_BUCKET": BUCKET, "METRIC_NAMESPACE": NAMESPACE, "ENVIRONMENT": "sandbox"}
V1 = fixture_lines("rides-v1")
V2 = fixture_lines("rides-v2")
BAD = fixture_lines("rides-bad")


@pytest.fixture
def s3(aws_env: dict[str, str]) -> Any:
    client = boto3.client("s3")
    client.create_bucket(Bucket=BUCKET)
    return client


@pytest.fixture
def consumer(load_handler: LoadHandler, s3: Any) -> ModuleType:
    return load_handler("stream_consumer", **ENV)


def data(*lines: str) -> list[bytes]:
    return [f"{line}\n".encode() for line in lines]  # as the producers send them: one line each


def quarantined(s3: Any) -> dict[str, list[dict]]:
    objects = s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    found = {}
    for o in objects:
        text = s3.get_object(Bucket=BUCKET, Key=o["Key"])["Body"].read()
        found[o["Key"]] = [json.loads(line) for line in text.splitlines()]
    return found


def sums(capsys: pytest.CaptureFixture[str]) -> dict:
    """The metrics the handler printed since the last read of its output, summed as CloudWatch would."""
    return metric_sums(metric_documents(capsys.readouterr().out), NAMESPACE)


def expected_city_metrics(lines: list[str]) -> dict:
    """RidesCompleted and Revenue per city of the completed events in `lines`, each event_id once."""
    completed = {e["event_id"]: e for e in map(json.loads, lines) if e["event_type"] == "completed"}
    expected: dict = defaultdict(float)
    for event in completed.values():
        expected[("RidesCompleted", (("City", event["city"]), ("Environment", "sandbox")))] += 1
        dims = (("City", event["city"]), ("Currency", event["currency"]), ("Environment", "sandbox"))
        expected[("Revenue", dims)] += event["fare_amount"]
    return dict(expected)


def test_valid_events_become_metrics_per_city(
    consumer: ModuleType, s3: Any, context: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    result = consumer.handler(kinesis_event(data(*V1)), context)

    assert result == {"batchItemFailures": []}
    assert quarantined(s3) == {}
    metrics = sums(capsys)
    per_city = {k: v for k, v in metrics.items() if k[0] in ("RidesCompleted", "Revenue")}
    assert per_city == pytest.approx(expected_city_metrics(V1))
    assert metrics[("RecordsProcessed", (("Environment", "sandbox"),))] == 60
    assert metrics[("RecordsInvalid", (("Environment", "sandbox"),))] == 0


def test_metrics_are_emf_documents_one_per_set_of_dimensions(
    consumer: ModuleType, context: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    completed = next(line for line in V2 if '"completed"' in line)
    event = json.loads(completed)
    started = int(time.time() * 1000)

    consumer.handler(kinesis_event(data(completed, BAD[0])), context)

    documents = metric_documents(capsys.readouterr().out)
    for document in documents:
        assert started <= document["_aws"].pop("Timestamp") <= time.time() * 1000

    def emf(dimensions: list[str], unit: str, **values: object) -> dict:
        metrics = [{"Name": name, "Unit": unit} for name in values if name not in dimensions]
        directive = {"Namespace": NAMESPACE, "Dimensions": [dimensions], "Metrics": metrics}
        return {"_aws": {"CloudWatchMetrics": [directive]}, **values}

    city, currency = event["city"], event["currency"]
    assert documents == [
        emf(["Environment"], "Count", Environment="sandbox", RecordsProcessed=2, RecordsInvalid=1),
        emf(["City", "Environment"], "Count", City=city, Environment="sandbox", RidesCompleted=1),
        emf(
            ["City", "Currency", "Environment"],
            "None",
            City=city,
            Currency=currency,
            Environment="sandbox",
            Revenue=event["fare_amount"],
        ),
    ]


def test_a_completed_event_sent_twice_in_a_batch_counts_once(
    consumer: ModuleType, context: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    completed = next(line for line in V2 if '"completed"' in line)
    event = json.loads(completed)

    consumer.handler(kinesis_event(data(completed, completed)), context)

    assert sums(capsys)[("RidesCompleted", (("City", event["city"]), ("Environment", "sandbox")))] == 1


def test_invalid_records_are_quarantined_once_per_batch_and_not_retried(
    consumer: ModuleType, s3: Any, context: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = kinesis_event(data(V2[0], BAD[1], V2[1], BAD[9], V2[2]))

    result = consumer.handler(batch, context)

    assert result == {"batchItemFailures": []}
    first_bad = batch["Records"][1]["kinesis"]["sequenceNumber"]
    key = f"quarantine/stream/year=2024/month=03/day=08/shardId-000000000000-{first_bad}.jsonl"
    assert list(quarantined(s3)) == [key]
    entries = quarantined(s3)[key]
    assert [e["sequence_number"] for e in entries] == [
        batch["Records"][1]["kinesis"]["sequenceNumber"],
        batch["Records"][3]["kinesis"]["sequenceNumber"],
    ]
    assert entries[0]["data"] == BAD[1] + "\n"
    assert entries[0]["problems"] == ['fare_amount: expected a number or null, found the string "18.4"']
    assert entries[1]["problems"][0].startswith("event_type: expected one of")
    assert entries[0]["partition_key"] == json.loads(BAD[1])["ride_id"]
    head = s3.head_object(Bucket=BUCKET, Key=key)
    assert head["ContentType"] == "application/x-ndjson"
    assert head["Metadata"] == {"invalid-records": "2", "source-shard": "shardId-000000000000"}
    out = capsys.readouterr().out
    metrics = metric_sums(metric_documents(out), NAMESPACE)
    assert metrics[("RecordsInvalid", (("Environment", "sandbox"),))] == 2
    assert metrics[("RecordsProcessed", (("Environment", "sandbox"),))] == 5
    [line] = log_lines(out)
    assert (line["message"], line["valid"], line["invalid"]) == ("batch handled", 3, 2)
    assert line["quarantine_key"] == key


def test_every_bad_fixture_line_is_quarantined(consumer: ModuleType, s3: Any, context: Context) -> None:
    result = consumer.handler(kinesis_event(data(*BAD)), context)

    assert result == {"batchItemFailures": []}
    [entries] = quarantined(s3).values()
    assert len(entries) == len(BAD)
    assert all(e["problems"] for e in entries)


def test_data_that_is_not_base64_or_not_utf8_is_quarantined_as_it_came(
    consumer: ModuleType, s3: Any, context: Context
) -> None:
    batch = kinesis_event([b"\xff\xfe not text", b"{}"])
    batch["Records"][1]["kinesis"]["data"] = "%%% not base64 %%%"

    result = consumer.handler(batch, context)

    assert result == {"batchItemFailures": []}
    [entries] = quarantined(s3).values()
    assert entries[0]["data_base64"] == "//4gbm90IHRleHQ="
    assert entries[0]["problems"][0].startswith("not valid JSON: not UTF-8 text")
    assert entries[1]["data"] == "%%% not base64 %%%"
    assert entries[1]["problems"][0].startswith("data is not base64")


def test_a_retried_batch_writes_the_same_quarantine_object(
    consumer: ModuleType, s3: Any, context: Context
) -> None:
    batch = kinesis_event(data(V2[0], BAD[0]))

    consumer.handler(batch, context)
    consumer.handler(batch, context)

    assert len(quarantined(s3)) == 1


def test_a_failed_quarantine_write_reports_the_first_invalid_record_and_all_after_it(
    fault_proxy: FaultProxy, load_handler: LoadHandler, s3: Any, context: Context, capsys
) -> None:
    fault = fault_proxy.add(
        Fault(
            lambda request: request.method == "PUT",
            403,
            s3_error("AccessDenied", "Access Denied"),
        )
    )
    consumer = load_handler("stream_consumer", **ENV)
    completed = [line for line in V1 if '"completed"' in line]
    batch = kinesis_event(data(completed[0], completed[1], BAD[2], completed[2], BAD[3]))

    result = consumer.handler(batch, context)

    sequence = [r["kinesis"]["sequenceNumber"] for r in batch["Records"]]
    assert result == {"batchItemFailures": [{"itemIdentifier": s} for s in sequence[2:]]}
    assert fault.hits == 1  # AccessDenied is not retried by the SDK
    fault.times = 0
    assert quarantined(s3) == {}
    # Only the two records before the failure are counted; the rest will be counted when retried.
    out = capsys.readouterr().out
    metrics = metric_sums(metric_documents(out), NAMESPACE)
    assert metrics[("RecordsProcessed", (("Environment", "sandbox"),))] == 2
    assert sum(v for k, v in metrics.items() if k[0] == "RidesCompleted") == 2
    messages = [line["message"] for line in log_lines(out)]
    assert messages == ["quarantine write failed", "batch handled"]


def test_a_record_that_cannot_be_handled_is_reported_with_the_rest_of_the_batch(
    consumer: ModuleType, s3: Any, context: Context
) -> None:
    batch = kinesis_event(data(V2[0], BAD[0], V2[1], V2[2]))
    del batch["Records"][2]["kinesis"]["data"]  # a record the function cannot read at all

    result = consumer.handler(batch, context)

    sequence = [r["kinesis"]["sequenceNumber"] for r in batch["Records"]]
    assert result == {"batchItemFailures": [{"itemIdentifier": sequence[2]}, {"itemIdentifier": sequence[3]}]}
    [entries] = quarantined(s3).values()  # the invalid record before it is handled
    assert [e["sequence_number"] for e in entries] == [sequence[1]]


def test_the_quarantine_prefix_comes_from_the_environment(
    load_handler: LoadHandler, s3: Any, context: Context
) -> None:
    consumer = load_handler("stream_consumer", **ENV, QUARANTINE_PREFIX="rejected/stream/")

    consumer.handler(kinesis_event(data(BAD[0])), context)

    [key] = quarantined(s3)
    assert key.startswith("rejected/stream/year=2024/month=03/day=08/shardId-000000000000-")


def test_aws_sample_batch(consumer: ModuleType, context: Context) -> None:
    assert consumer.handler(sample_event("kinesis-batch"), context) == {"batchItemFailures": []}


def test_an_empty_batch(consumer: ModuleType, context: Context) -> None:
    assert consumer.handler({"Records": []}, context) == {"batchItemFailures": []}


@pytest.mark.parametrize("missing", ["RAW_BUCKET", "METRIC_NAMESPACE", "ENVIRONMENT"])
def test_each_missing_setting_fails_the_cold_start_by_name(
    load_handler: LoadHandler, monkeypatch: pytest.MonkeyPatch, missing: str
) -> None:
    env = {k: v for k, v in ENV.items() if k != missing}
    monkeypatch.delenv(missing, raising=False)

    with pytest.raises(RuntimeError, match=f"Environment variable {missing} is not set"):
        load_handler("stream_consumer", **env)
