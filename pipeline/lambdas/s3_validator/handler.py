"""Validates every JSON Lines file that lands in the raw bucket; moves a file with any bad line to quarantine.

Triggers, both understood: S3 event notifications of the raw bucket (ObjectCreated records, several per
event), and S3 events through EventBridge (detail-type "Object Created", one object per event). Files
under the quarantine prefix (this function's own output) and stream/ (Firehose's, whose records the
stream consumer already checked) are skipped, and so are folder placeholders ("…/").

For each file: read it as a stream (JSON Lines, gzip-compressed or not, recognised by its first bytes),
check every line against the ride event contract, then
- all lines good: the file stays where it is;
- any line bad: the file is copied to quarantine/<its key> with metadata that names the first problems,
  then that version of it is deleted from its place.
One JSON log line per file, and CloudWatch metrics per invocation (EMF log lines).

Environment: METRIC_NAMESPACE (CloudWatch namespace, e.g. Launchpad/Ingestion), ENVIRONMENT (dev, stage,
prod: the metrics' Environment dimension), QUARANTINE_PREFIX (optional, default "quarantine/").
Permissions on the objects it checks: s3:GetObject, s3:DeleteObject, and in a versioned bucket (the event
names the version) s3:GetObjectVersion and s3:DeleteObjectVersion; s3:PutObject on the quarantine prefix;
kms:Decrypt and kms:GenerateDataKey with a customer managed key.
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote_plus

from botocore.exceptions import ClientError

from common.config import client, require_env
from common.log import log
from common.metrics import Metrics
from common.ride_event import parse_line

METRIC_NAMESPACE = require_env("METRIC_NAMESPACE", "the CloudWatch namespace of this function's metrics")
ENVIRONMENT = require_env("ENVIRONMENT", "the environment name (dev, stage, prod) used as metric dimension")

QUARANTINE_PREFIX = os.environ.get("QUARANTINE_PREFIX") or "quarantine/"
SKIPPED_PREFIXES = (QUARANTINE_PREFIX, "stream/")
PROBLEMS_KEPT = 20  # per file, in the log line
PROBLEMS_IN_METADATA = 3
METADATA_VALUE_LIMIT = 500  # S3 allows 2 KB of user metadata in all
GZIP_MAGIC = b"\x1f\x8b"
MISSING_CODES = {"NoSuchKey", "NoSuchVersion", "404"}

s3 = client("s3", attempts=5, connect_timeout=5, read_timeout=60)


@dataclass
class FileReport:
    bucket: str
    key: str
    version_id: str | None
    outcome: str = "valid"  # valid | quarantined | skipped | gone
    records: int = 0
    invalid: int = 0
    problems: list[str] = field(default_factory=list)
    quarantine_key: str | None = None

    def add_problem(self, line: int, problems: list[str]) -> None:
        self.invalid += 1
        for problem in problems:
            if len(self.problems) < PROBLEMS_KEPT:
                self.problems.append(f"line {line}: {problem}")


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    request_id = getattr(context, "aws_request_id", None)
    metrics = Metrics(METRIC_NAMESPACE, Environment=ENVIRONMENT)
    reports: list[FileReport] = []
    failures: list[str] = []
    for bucket, key, version_id in _objects_of(event):
        report = FileReport(bucket, key, version_id)
        try:
            _handle_file(report)
        except Exception as error:  # noqa: BLE001 - the other files still get their turn
            failures.append(f"s3://{bucket}/{report.key}: {type(error).__name__}: {error}")
            where = {"bucket": bucket, "key": report.key}
            log("ERROR", "file not handled", request_id=request_id, **where, error=str(error))
            continue
        reports.append(report)
        _log_report(report, request_id)
        if report.outcome in ("valid", "quarantined"):
            metrics.add("FilesValidated", 1)
            metrics.add("FilesQuarantined", 1 if report.outcome == "quarantined" else 0)
            metrics.add("RecordsValidated", report.records)
            metrics.add("RecordsInvalid", report.invalid)
    metrics.flush()
    if failures:
        # Lambda retries an asynchronous invocation that raised; files already handled are handled again
        # harmlessly (a valid file stays valid, a quarantined one is gone from its place).
        raise RuntimeError(f"{len(failures)} of the files could not be handled: " + "; ".join(failures))
    return {
        "files": [
            {"key": r.key, "outcome": r.outcome, "records": r.records, "invalid": r.invalid} for r in reports
        ]
    }


def _objects_of(event: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    """Bucket, key (as S3 sent it) and version of every created object the event names."""
    if event.get("source") == "aws.s3" and "detail" in event:  # through EventBridge
        if event.get("detail-type") != "Object Created":
            return []
        bucket, created = event["detail"]["bucket"], event["detail"]["object"]
        return [(bucket["name"], created["key"], created.get("version-id") or None)]
    return [
        (r["s3"]["bucket"]["name"], r["s3"]["object"]["key"], r["s3"]["object"].get("versionId") or None)
        for r in event.get("Records", [])
        if str(r.get("eventName", "")).startswith("ObjectCreated:") and "s3" in r
    ]


def _handle_file(report: FileReport) -> None:
    # S3 URL-encodes keys in events, "+" for a space: "a b=c.json" arrives as "a+b%3Dc.json". Should a key
    # arrive as it is (a key with a real "+" or "%" then decodes to another one), the raw key is tried too.
    sent = report.key
    decoded = report.key = unquote_plus(sent)
    if decoded.startswith(SKIPPED_PREFIXES) or decoded.endswith("/"):
        report.outcome = "skipped"
        return
    response = _get(report)
    if response is None and decoded != sent:
        report.key = sent
        response = _get(report)
        if response is None:
            report.key = decoded
    if response is None:
        # Handled by an earlier delivery of the same event, or deleted since: nothing left to check.
        report.outcome = "gone"
        return
    _validate_body(response["Body"], report)
    if report.invalid:
        _quarantine(report, response)


def _get(report: FileReport) -> dict[str, Any] | None:
    """GetObject of the version the event names; None when it is not there."""
    version = {"VersionId": report.version_id} if report.version_id else {}
    try:
        return s3.get_object(Bucket=report.bucket, Key=report.key, **version)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in MISSING_CODES:
            return None
        raise


def _validate_body(body: Any, report: FileReport) -> None:
    try:
        for number, line in _lines(body):
            if not line.strip():
                continue  # blank lines (a trailing newline, or a delimiter added twice) are not records
            report.records += 1
            _, problems = parse_line(line)
            if problems:
                report.add_problem(number, problems)
    except BrokenGzipError as error:
        # The file as a whole is bad. (A network error while reading is no reason to quarantine a file: it
        # propagates, and the invocation is retried.)
        report.invalid += 1
        report.problems.append(f"file: not readable as gzip ({error.__cause__})")


def _lines(body: Any) -> Iterator[tuple[int, bytes]]:
    """The file's lines as bytes, numbered from 1; gunzipped on the fly when it starts with gzip's magic."""
    head = body.read(2)
    stream: io.BufferedIOBase = io.BufferedReader(_Prefixed(head, body), buffer_size=1024 * 1024)
    if head == GZIP_MAGIC:
        stream = gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[assignment]
    number = 0
    while True:
        try:
            line = stream.readline()
        except (gzip.BadGzipFile, EOFError, zlib.error) as error:  # bad CRC, cut short, corrupt data
            raise BrokenGzipError from error
        if not line:
            return
        number += 1
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]  # a UTF-8 byte-order mark, as some Windows tools write
        yield number, line.rstrip(b"\r\n")


class BrokenGzipError(Exception):
    """The file starts like gzip but does not decompress."""


class _Prefixed(io.RawIOBase):
    """A readable stream of `prefix` followed by the rest of `stream` (to peek at the first bytes)."""

    def __init__(self, prefix: bytes, stream: Any) -> None:
        self._prefix = prefix
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _quarantine(report: FileReport, original: dict[str, Any]) -> None:
    """Copies the file to quarantine/<key>, the reasons in its metadata, then deletes it from its place."""
    quarantine_key = QUARANTINE_PREFIX + report.key
    source: dict[str, str] = {"Bucket": report.bucket, "Key": report.key}
    if report.version_id:
        source["VersionId"] = report.version_id
    metadata = {
        **original.get("Metadata", {}),
        "validation-problems": _metadata_value(" | ".join(report.problems[:PROBLEMS_IN_METADATA])),
        "validation-invalid-records": f"{report.invalid} of {report.records}",
        "validation-original-key": _metadata_value(quote(report.key, safe="/=")),
    }
    if report.version_id:
        metadata["validation-original-version"] = report.version_id
    extra = {name: original[name] for name in ("ContentType", "ContentEncoding") if original.get(name)}
    s3.copy_object(
        Bucket=report.bucket,
        Key=quarantine_key,
        CopySource=source,
        Metadata=metadata,
        MetadataDirective="REPLACE",
        **extra,
    )
    # Deleting the version that was checked removes exactly that file: a newer upload under the same key
    # stays, and no delete marker is left behind in a versioned bucket.
    version = {"VersionId": report.version_id} if report.version_id else {}
    s3.delete_object(Bucket=report.bucket, Key=report.key, **version)
    report.outcome = "quarantined"
    report.quarantine_key = quarantine_key


def _metadata_value(text: str) -> str:
    """S3 metadata travels in HTTP headers: printable ASCII only, and short."""
    ascii_text = text.encode("ascii", "backslashreplace").decode("ascii")
    printable = "".join(c if " " <= c <= "~" else " " for c in ascii_text)
    if len(printable) > METADATA_VALUE_LIMIT:
        printable = printable[: METADATA_VALUE_LIMIT - 3] + "..."
    return printable


def _log_report(report: FileReport, request_id: str | None) -> None:
    level = "WARNING" if report.outcome == "quarantined" else "INFO"
    log(
        level,
        f"file {report.outcome}",
        request_id=request_id,
        bucket=report.bucket,
        key=report.key,
        version_id=report.version_id,
        outcome=report.outcome,
        records=report.records,
        invalid_records=report.invalid,
        problems=report.problems,
        quarantine_key=report.quarantine_key,
    )
