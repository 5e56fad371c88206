"""Consumes ride events from the Kinesis stream: validates each record, quarantines the bad ones, and
turns completed rides into CloudWatch metrics per city (EMF log lines).

Trigger: a Kinesis event source mapping with ReportBatchItemFailures in its FunctionResponseTypes. For
each batch:
- every record is decoded (base64, UTF-8, strict JSON) and validated against the ride event contract;
- invalid records are written together, once per batch, as one JSON Lines object under
  quarantine/stream/ in the raw bucket (the original data and the problems of each). They are handled:
  not retried;
- valid completed rides are counted per city: RidesCompleted, and Revenue (sum of fare_amount, tips
  excluded, in the city's currency) per city and currency. An event_id seen twice in a batch counts once.
- The answer is the partial batch response {"batchItemFailures": [{"itemIdentifier": <sequence number>}]}:
  when handling a record raised (or the quarantine write failed), that record and every record after it
  in the batch are reported, so that Lambda retries from there and the shard's order holds. Metrics count
  only the records before that point, so a retried record is never counted twice.

Environment: RAW_BUCKET (the raw bucket's name), METRIC_NAMESPACE, ENVIRONMENT (metric dimension),
QUARANTINE_PREFIX (optional, default "quarantine/stream/").
Permissions: kinesis read through the event source mapping, s3:PutObject on quarantine/stream/* of the
raw bucket. The metrics are Embedded Metric Format lines in the function's log: no cloudwatch permission.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from common.config import client, require_env
from common.log import log
from common.metrics import Metrics
from common.ride_event import parse_line

RAW_BUCKET = require_env("RAW_BUCKET", "the name of the raw bucket, where invalid records are quarantined")
METRIC_NAMESPACE = require_env("METRIC_NAMESPACE", "the CloudWatch namespace of this function's metrics")
ENVIRONMENT = require_env("ENVIRONMENT", "the environment name (dev, stage, prod) used as metric dimension")

QUARANTINE_PREFIX = os.environ.get("QUARANTINE_PREFIX") or "quarantine/stream/"

s3 = client("s3", attempts=5, connect_timeout=5, read_timeout=30)


@dataclass(frozen=True)
class Outcome:
    index: int
    sequence_number: str
    event: dict[str, Any] | None
    problems: list[str]
    data: bytes
    partition_key: str
    arrival: float


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    request_id = getattr(context, "aws_request_id", None)
    records = event.get("Records", [])
    outcomes: list[Outcome] = []
    fail_from: int | None = None  # index of the first record to report as failed

    for index, record in enumerate(records):
        try:
            outcomes.append(_examine(index, record))
        except Exception as error:  # noqa: BLE001 - reported to Lambda as a batch item failure
            reason = f"{type(error).__name__}: {error}"
            log("ERROR", "record not handled", request_id=request_id, index=index, error=reason)
            fail_from = index
            break

    invalid = [o for o in outcomes if o.problems]
    quarantine_key = None
    if invalid:
        try:
            quarantine_key = _quarantine(invalid, records)
        except Exception as error:  # noqa: BLE001 - the invalid records are retried with the rest
            reason = f"{type(error).__name__}: {error}"
            log("ERROR", "quarantine write failed", request_id=request_id, error=reason)
            first_invalid = invalid[0].index
            fail_from = first_invalid if fail_from is None else min(fail_from, first_invalid)

    handled = [o for o in outcomes if fail_from is None or o.index < fail_from]
    metrics = Metrics(METRIC_NAMESPACE, Environment=ENVIRONMENT)
    _count(handled, metrics)
    metrics.flush()

    failed = records[fail_from:] if fail_from is not None else []
    log(
        "INFO" if not failed else "WARNING",
        "batch handled",
        request_id=request_id,
        records=len(records),
        valid=sum(1 for o in handled if not o.problems),
        invalid=sum(1 for o in handled if o.problems),
        quarantine_key=quarantine_key,
        failed=len(failed),
        problems=[f"{o.sequence_number}: {p}" for o in handled if o.problems for p in o.problems][:20],
    )
    return {"batchItemFailures": [{"itemIdentifier": r["kinesis"]["sequenceNumber"]} for r in failed]}


def _examine(index: int, record: dict[str, Any]) -> Outcome:
    kinesis = record["kinesis"]
    try:
        data = base64.b64decode(kinesis["data"], validate=True)
    except (binascii.Error, ValueError) as error:
        data, problems = kinesis["data"].encode("utf-8", "replace"), [f"data is not base64 ({error})"]
        event = None
    else:
        event, problems = parse_line(data)
    return Outcome(
        index=index,
        sequence_number=kinesis["sequenceNumber"],
        event=event,
        problems=problems,
        data=data,
        partition_key=kinesis.get("partitionKey", ""),
        arrival=float(kinesis.get("approximateArrivalTimestamp") or 0),
    )


def _quarantine(invalid: list[Outcome], records: list[dict[str, Any]]) -> str:
    """Writes the batch's invalid records as one JSON Lines object; returns its key.

    The key comes from the shard and the first invalid record's sequence number, so a retried batch
    writes the same object again instead of a second copy.
    """
    first = invalid[0]
    shard = str(records[first.index].get("eventID", "unknown-shard")).split(":", 1)[0]
    arrived = datetime.fromtimestamp(first.arrival, tz=UTC)
    key = (
        f"{QUARANTINE_PREFIX}year={arrived:%Y}/month={arrived:%m}/day={arrived:%d}/"
        f"{shard}-{first.sequence_number}.jsonl"
    )
    lines = []
    for outcome in invalid:
        entry: dict[str, Any] = {
            "sequence_number": outcome.sequence_number,
            "partition_key": outcome.partition_key,
            "approximate_arrival_timestamp": outcome.arrival,
            "problems": outcome.problems,
        }
        try:
            entry["data"] = outcome.data.decode("utf-8")
        except UnicodeDecodeError:
            entry["data_base64"] = base64.b64encode(outcome.data).decode("ascii")
        lines.append(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
    s3.put_object(
        Bucket=RAW_BUCKET,
        Key=key,
        Body=("\n".join(lines) + "\n").encode("utf-8"),
        ContentType="application/x-ndjson",
        Metadata={"invalid-records": str(len(invalid)), "source-shard": shard},
    )
    return key


def _count(handled: list[Outcome], metrics: Metrics) -> None:
    seen: set[str] = set()
    for outcome in handled:
        metrics.add("RecordsProcessed", 1)
        metrics.add("RecordsInvalid", 1 if outcome.problems else 0)  # a 0 too: alarms see data, not a gap
        if outcome.problems:
            continue
        event = outcome.event or {}
        if event.get("event_type") != "completed" or event["event_id"] in seen:
            continue
        seen.add(event["event_id"])
        city = event["city"]
        metrics.add("RidesCompleted", 1, City=city)
        fare = event.get("fare_amount")
        if fare is not None:
            metrics.add("Revenue", fare, unit="None", City=city, Currency=event.get("currency") or "unknown")
