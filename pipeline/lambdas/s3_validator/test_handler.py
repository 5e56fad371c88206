"""s3_validator against moto's S3, with S3 notification events of AWS's shape; its metrics in its log."""

from __future__ import annotations

import gzip
import time
from types import ModuleType
from typing import Any
from urllib.parse import unquote_plus

import boto3
import pytest

from pipeline.lambdas.testing.context import Context
from pipeline.lambdas.testing.events import fixture_lines, s3_event, sample_event
from pipeline.lambdas.testing.handlers import LoadHandler
from pipeline.lambdas.testing.logs import log_lines, metric_documents, metric_sums
from pipeline.testing.fault_proxy import Fault, FaultProxy, s3_error

BUCKET = "practice-sandbox-raw-123456789012"
NAMESPACE = "Launchpad/Tests"
ENV = {"METRIC_NAMESPACE": NAMESPACE, "ENVIRONMENT": "sandbox"}
GOOD = ("\n".join(fixture_lines("rides-v1")) + "\n").encode()
BAD_LINES = fixture_lines("rides-bad")


@pytest.fixture
def s3(aws_env: dict[str, str]) -> Any:
    client = boto3.client("s3")
    client.create_bucket(Bucket=BUCKET)
    client.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
    return client


@pytest.fixture
def validator(load_handler: LoadHandler, s3: Any) -> ModuleType:
    return load_handler("s3_validator", **ENV)


def put(s3: Any, key: str, body: bytes, **extra: str) -> str:
    return s3.put_object(Bucket=BUCKET, Key=key, Body=body, **extra)["VersionId"]


def keys(s3: Any) -> list[str]:
    return sorted(o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def metric(out: str, name: str) -> float:
    """The value of metric `name` (dimension Environment) in the EMF lines of `out`, 0 if none."""
    return metric_sums(metric_documents(out), NAMESPACE).get((name, (("Environment", "sandbox"),)), 0)


def test_a_valid_file_stays_where_it_is(
    validator: ModuleType, s3: Any, context: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    key = "rides/year=2024/month=03/day=07/rides-v1.jsonl"
    version = put(s3, key, GOOD)
    started = int(time.time() * 1000)

    result = validator.handler(s3_event((BUCKET, key, version)), context)

    assert result == {"files": [{"key": key, "outcome": "valid", "records": 60, "invalid": 0}]}
    assert keys(s3) == [key]
    out = capsys.readouterr().out
    [document] = metric_documents(out)
    assert started <= document["_aws"].pop("Timestamp") <= time.time() * 1000
    counts = ["FilesValidated", "FilesQuarantined", "RecordsValidated", "RecordsInvalid"]
    assert document == {
        "_aws": {
            "CloudWatchMetrics": [
                {
                    "Namespace": NAMESPACE,
                    "Dimensions": [["Environment"]],
                    "Metrics": [{"Name": name, "Unit": "Count"} for name in counts],
                }
            ]
        },
        "Environment": "sandbox",
        "FilesValidated": 1,
        "FilesQuarantined": 0,
        "RecordsValidated": 60,
        "RecordsInvalid": 0,
    }
    [line] = log_lines(out)
    assert line["message"] == "file valid"
    assert line["request_id"] == context.aws_request_id
    assert (line["bucket"], line["key"], line["version_id"], line["records"]) == (BUCKET, key, version, 60)


def test_a_file_with_a_bad_line_moves_to_quarantine_with_its_reasons(
    validator: ModuleType, s3: Any, context: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    key = "rides/year=2024/month=03/day=07/mixed.jsonl"
    lines = fixture_lines("rides-v1")
    body = "\n".join([*lines[:10], BAD_LINES[1], *lines[10:20], BAD_LINES[9], *lines[20:]]).encode() + b"\n"
    version = put(s3, key, body, ContentType="application/x-ndjson", Metadata={"uploaded-by": "tests"})

    result = validator.handler(s3_event((BUCKET, key, version)), context)

    assert result["files"] == [{"key": key, "outcome": "quarantined", "records": 62, "invalid": 2}]
    assert keys(s3) == [f"quarantine/{key}"]
    copy = s3.get_object(Bucket=BUCKET, Key=f"quarantine/{key}")
    assert copy["Body"].read() == body
    assert copy["ContentType"] == "application/x-ndjson"
    assert copy["Metadata"] == {
        "uploaded-by": "tests",
        "validation-problems": 'line 11: fare_amount: expected a number or null, found the string "18.4" | '
        "line 22: event_type: expected one of requested, accepted, started, completed, cancelled; "
        'found the string "arrived"',
        "validation-invalid-records": "2 of 62",
        "validation-original-key": key,
        "validation-original-version": version,
    }
    # The checked version is gone, and no delete marker was left behind.
    listing = s3.list_object_versions(Bucket=BUCKET, Prefix=key)
    assert listing.get("Versions", []) == []
    assert listing.get("DeleteMarkers", []) == []
    out = capsys.readouterr().out
    assert (
        metric(out, "FilesQuarantined"),
        metric(out, "RecordsInvalid"),
        metric(out, "RecordsValidated"),
    ) == (
        1,
        2,
        62,
    )
    [line] = log_lines(out)
    assert (line["level"], line["message"]) == ("WARNING", "file quarantined")
    assert line["quarantine_key"] == f"quarantine/{key}"
    assert line["problems"][0].startswith("line 11: fare_amount:")


def test_the_bad_fixture_is_quarantined_with_every_line_counted(
    validator: ModuleType, s3: Any, context: Context
) -> None:
    key = "rides/bad.jsonl"
    version = put(s3, key, ("\n".join(BAD_LINES) + "\n").encode())

    result = validator.handler(s3_event((BUCKET, key, version)), context)

    assert result["files"][0] == {"key": key, "outcome": "quarantined", "records": 13, "invalid": 13}
    problems = s3.head_object(Bucket=BUCKET, Key=f"quarantine/{key}")["Metadata"]["validation-problems"]
    assert problems.startswith("line 1: event_time: expected UTC in ISO 8601 with a Z")
    assert problems.count(" | ") == 2  # the first three problems


def test_gzip_files_are_read_by_their_content(
    validator: ModuleType, s3: Any, context: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    good = put(s3, "rides/good.jsonl.gz", gzip.compress(GOOD))
    bad_body = gzip.compress(GOOD + BAD_LINES[0].encode() + b"\n")
    bad = put(s3, "rides/bad.json", bad_body, ContentType="application/json", ContentEncoding="gzip")

    event = s3_event((BUCKET, "rides/good.jsonl.gz", good), (BUCKET, "rides/bad.json", bad))

    result = validator.handler(event, context)

    assert [(f["outcome"], f["records"], f["invalid"]) for f in result["files"]] == [
        ("valid", 60, 0),
        ("quarantined", 61, 1),
    ]
    copy = s3.get_object(Bucket=BUCKET, Key="quarantine/rides/bad.json")
    assert (copy["ContentType"], copy["ContentEncoding"]) == ("application/json", "gzip")
    assert copy["Body"].read() == bad_body
    assert metric(capsys.readouterr().out, "FilesValidated") == 2


def test_a_broken_gzip_file_is_quarantined(validator: ModuleType, s3: Any, context: Context) -> None:
    body = gzip.compress(GOOD)[:200]
    version = put(s3, "rides/cut.jsonl.gz", body)

    result = validator.handler(s3_event((BUCKET, "rides/cut.jsonl.gz", version)), context)

    assert result["files"][0]["outcome"] == "quarantined"
    metadata = s3.head_object(Bucket=BUCKET, Key="quarantine/rides/cut.jsonl.gz")["Metadata"]
    assert metadata["validation-problems"].startswith("file: not readable as gzip")


def test_a_network_error_while_reading_is_raised_not_taken_for_a_bad_file(validator: ModuleType) -> None:
    from botocore.exceptions import ReadTimeoutError

    class DroppedBody:
        def __init__(self) -> None:
            self.reads = 0

        def read(self, size: int = -1) -> bytes:
            self.reads += 1
            if self.reads == 1:
                return gzip.compress(GOOD)[:2]
            raise ReadTimeoutError(endpoint_url="https://s3.amazonaws.com")

    report = validator.FileReport(BUCKET, "rides/slow.jsonl.gz", None)

    with pytest.raises(ReadTimeoutError):
        validator._validate_body(DroppedBody(), report)
    assert report.invalid == 0


def test_keys_arrive_url_encoded_and_are_decoded(validator: ModuleType, s3: Any, context: Context) -> None:
    key = "rides/year=2024/day 7/été + more.jsonl"
    version = put(s3, key, BAD_LINES[5].encode())
    event = s3_event((BUCKET, key, version))
    encoded = event["Records"][0]["s3"]["object"]["key"]
    assert encoded == "rides/year%3D2024/day+7/%C3%A9t%C3%A9+%2B+more.jsonl"

    result = validator.handler(event, context)

    assert result["files"][0]["outcome"] == "quarantined"
    metadata = s3.head_object(Bucket=BUCKET, Key=f"quarantine/{key}")["Metadata"]
    assert metadata["validation-original-key"] == "rides/year=2024/day%207/%C3%A9t%C3%A9%20%2B%20more.jsonl"


def test_aws_sample_event_with_several_records(validator: ModuleType, s3: Any, context: Context) -> None:
    event = sample_event("s3-put")
    for record in event["Records"]:
        record["s3"]["bucket"]["name"] = BUCKET
        key = unquote_plus(record["s3"]["object"]["key"])
        body = GOOD if key.endswith(".jsonl") else gzip.compress(GOOD)
        record["s3"]["object"]["versionId"] = put(s3, key, body)

    result = validator.handler(event, context)

    assert [f["key"] for f in result["files"]] == [
        "rides/year=2024/month=03/day=07/rides 08h.jsonl",
        "rides/year=2024/month=03/day=08/rides v2 été.jsonl.gz",
    ]
    assert {f["outcome"] for f in result["files"]} == {"valid"}


def test_s3_events_through_eventbridge_are_understood(
    validator: ModuleType, s3: Any, context: Context
) -> None:
    event = sample_event("eventbridge-s3-object-created")
    event["detail"]["bucket"]["name"] = BUCKET
    key = "uploads/rides/year=2024/month=03/day=07/rides 08h.jsonl"
    event["detail"]["object"]["version-id"] = put(s3, key, BAD_LINES[6].encode())

    result = validator.handler(event, context)

    assert result["files"] == [{"key": key, "outcome": "quarantined", "records": 1, "invalid": 1}]
    assert keys(s3) == [f"quarantine/{key}"]


def test_events_other_than_object_created_through_eventbridge_are_ignored(
    validator: ModuleType, context: Context
) -> None:
    event = sample_event("eventbridge-s3-object-created")
    event["detail-type"] = "Object Deleted"

    assert validator.handler(event, context) == {"files": []}


def test_a_key_that_arrives_unencoded_is_found_too(validator: ModuleType, s3: Any, context: Context) -> None:
    key = "uploads/rides/c++ 50%.jsonl"  # "+" and "%" would decode into another key
    version = put(s3, key, GOOD)
    event = sample_event("eventbridge-s3-object-created")
    event["detail"]["bucket"]["name"] = BUCKET
    event["detail"]["object"].update({"key": key, "version-id": version})

    result = validator.handler(event, context)

    assert result["files"] == [{"key": key, "outcome": "valid", "records": 60, "invalid": 0}]


def test_the_quarantine_prefix_comes_from_the_environment(
    load_handler: LoadHandler, s3: Any, context: Context
) -> None:
    validator = load_handler("s3_validator", **ENV, QUARANTINE_PREFIX="rejected/")
    version = put(s3, "uploads/bad.jsonl", BAD_LINES[7].encode())

    event = s3_event((BUCKET, "uploads/bad.jsonl", version), (BUCKET, "rejected/old.jsonl", None))

    validator.handler(event, context)

    assert keys(s3) == ["rejected/uploads/bad.jsonl"]


def test_own_output_firehose_output_and_folders_are_skipped(
    validator: ModuleType, s3: Any, context: Context, capsys: pytest.CaptureFixture[str]
) -> None:
    skipped = ["quarantine/rides/x.jsonl", "stream/2024/03/07/08/rides-1-2024.gz", "rides/year=2024/"]
    event = s3_event(*[(BUCKET, key, None) for key in skipped])  # none of them exists: none is read

    result = validator.handler(event, context)

    assert [f["outcome"] for f in result["files"]] == ["skipped", "skipped", "skipped"]
    assert metric_documents(capsys.readouterr().out) == []


def test_records_other_than_object_created_are_ignored(
    validator: ModuleType, s3: Any, context: Context
) -> None:
    event = s3_event((BUCKET, "rides/gone.jsonl", None), event_name="ObjectRemoved:Delete")
    event["Records"].append({"eventSource": "aws:sqs"})

    assert validator.handler(event, context) == {"files": []}


def test_an_object_already_handled_is_gone_not_an_error(
    validator: ModuleType, s3: Any, context: Context
) -> None:
    # The same event delivered twice (Lambda retries asynchronous invocations): the bad file is in quarantine.
    version = put(s3, "rides/twice.jsonl", BAD_LINES[2].encode())
    event = s3_event((BUCKET, "rides/twice.jsonl", version))
    validator.handler(event, context)

    again = validator.handler(event, context)

    assert again["files"][0]["outcome"] == "gone"
    assert keys(s3) == ["quarantine/rides/twice.jsonl"]


def test_only_the_checked_version_leaves_a_newer_upload_stays(
    validator: ModuleType, s3: Any, context: Context
) -> None:
    key = "rides/replaced.jsonl"
    bad_version = put(s3, key, BAD_LINES[3].encode())
    put(s3, key, GOOD)  # a corrected file uploaded before the function ran

    validator.handler(s3_event((BUCKET, key, bad_version)), context)

    assert s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() == GOOD
    assert s3.get_object(Bucket=BUCKET, Key=f"quarantine/{key}")["Body"].read() == BAD_LINES[3].encode()


def test_unversioned_buckets_work_too(
    load_handler: LoadHandler, aws_env: dict[str, str], context: Context
) -> None:
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="plain-bucket-123")
    s3.put_object(Bucket="plain-bucket-123", Key="rides/bad.jsonl", Body=BAD_LINES[4].encode())
    validator = load_handler("s3_validator", **ENV)

    result = validator.handler(s3_event(("plain-bucket-123", "rides/bad.jsonl", None)), context)

    assert result["files"][0]["outcome"] == "quarantined"
    listed = [o["Key"] for o in s3.list_objects_v2(Bucket="plain-bucket-123")["Contents"]]
    assert listed == ["quarantine/rides/bad.jsonl"]


def test_blank_lines_crlf_and_a_byte_order_mark_are_tolerated(
    validator: ModuleType, s3: Any, context: Context
) -> None:
    lines = fixture_lines("rides-v2")
    body = ("\ufeff" + "\r\n".join(lines[:5]) + "\r\n\r\n" + "\n".join(lines[5:]) + "\n\n").encode()
    version = put(s3, "rides/windows.jsonl", body)

    result = validator.handler(s3_event((BUCKET, "rides/windows.jsonl", version)), context)

    assert result["files"][0] == {
        "key": "rides/windows.jsonl",
        "outcome": "valid",
        "records": 20,
        "invalid": 0,
    }


def test_a_failed_copy_leaves_the_file_in_place_handles_the_others_and_raises(
    fault_proxy: FaultProxy, load_handler: LoadHandler, s3: Any, context: Context, capsys
) -> None:
    fault_proxy.add(
        Fault(
            lambda request: request.method == "PUT" and "x-amz-copy-source" in request.headers,
            403,
            s3_error("AccessDenied", "Access Denied"),
        )
    )
    validator = load_handler("s3_validator", **ENV)
    bad = put(s3, "rides/bad.jsonl", BAD_LINES[0].encode())
    good = put(s3, "rides/good.jsonl", GOOD)

    event = s3_event((BUCKET, "rides/bad.jsonl", bad), (BUCKET, "rides/good.jsonl", good))

    failure = r"1 of the files could not be handled: s3://.*/rides/bad.jsonl: AccessDenied"
    with pytest.raises(RuntimeError, match=failure):
        validator.handler(event, context)

    assert keys(s3) == ["rides/bad.jsonl", "rides/good.jsonl"]
    out = capsys.readouterr().out
    assert metric(out, "FilesValidated") == 1  # the good one; the bad one is counted when it is handled
    messages = [line["message"] for line in log_lines(out)]
    assert messages == ["file not handled", "file valid"]


def test_metrics_are_log_lines_not_calls_to_cloudwatch(
    fault_proxy: FaultProxy, load_handler: LoadHandler, s3: Any, context: Context, capsys
) -> None:
    validator = load_handler("s3_validator", **ENV)
    version = put(s3, "rides/bad.jsonl", BAD_LINES[0].encode())

    result = validator.handler(s3_event((BUCKET, "rides/bad.jsonl", version)), context)

    assert result["files"][0]["outcome"] == "quarantined"
    # Every request went to the bucket (S3, path style); a CloudWatch call would be a POST to "/".
    assert {request.path.split("?")[0].split("/")[1] for request in fault_proxy.requests} == {BUCKET}
    assert metric(capsys.readouterr().out, "FilesQuarantined") == 1


def test_a_missing_setting_fails_the_cold_start_by_name(
    load_handler: LoadHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("METRIC_NAMESPACE", raising=False)

    with pytest.raises(RuntimeError, match="Environment variable METRIC_NAMESPACE is not set"):
        load_handler("s3_validator", ENVIRONMENT="sandbox")


def test_clients_retry_in_standard_mode(validator: ModuleType) -> None:
    assert validator.s3.meta.config.retries == {"mode": "standard", "total_max_attempts": 5}
