"""Events of AWS's shapes (pipeline/lambdas/events/, AWS's samples) filled in, and the fixture files."""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

LAMBDAS = Path(__file__).resolve().parents[1]
FIXTURES = LAMBDAS.parent / "fixtures"
SAMPLE_EVENTS = LAMBDAS / "events"


def fixture_lines(name: str) -> list[str]:
    """The lines of pipeline/fixtures/<name>.jsonl (without newlines)."""
    return (FIXTURES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()


def sample_event(name: str) -> dict[str, Any]:
    """A fresh copy of pipeline/lambdas/events/<name>.json."""
    return copy.deepcopy(json.loads((SAMPLE_EVENTS / f"{name}.json").read_text(encoding="utf-8")))


def s3_event(*objects: tuple[str, str, str | None], event_name: str = "ObjectCreated:Put") -> dict[str, Any]:
    """An S3 notification (the shape of events/s3-put.json) for (bucket, key, version id) objects."""
    template = sample_event("s3-put")["Records"][0]
    records = []
    for bucket, key, version_id in objects:
        record = copy.deepcopy(template)
        record["eventName"] = event_name
        record["s3"]["bucket"]["name"] = bucket
        record["s3"]["bucket"]["arn"] = f"arn:aws:s3:::{bucket}"
        record["s3"]["object"]["key"] = quote_plus(key, safe="/")  # S3 URL-encodes keys, spaces as "+"
        if version_id is None:
            record["s3"]["object"].pop("versionId", None)
        else:
            record["s3"]["object"]["versionId"] = version_id
        records.append(record)
    return {"Records": records}


def kinesis_event(datas: list[bytes], shard: str = "shardId-000000000000") -> dict[str, Any]:
    """A Kinesis batch (the shape of events/kinesis-batch.json) with these record payloads, in order."""
    template = sample_event("kinesis-batch")["Records"][0]
    records = []
    for index, data in enumerate(datas):
        record = copy.deepcopy(template)
        sequence = str(49590338271490256608559692538361571095921575989136588898 + index * 1000)
        record["kinesis"]["sequenceNumber"] = sequence
        record["kinesis"]["data"] = base64.b64encode(data).decode("ascii")
        record["kinesis"]["approximateArrivalTimestamp"] = 1709884003.482 + index
        try:
            record["kinesis"]["partitionKey"] = json.loads(data)["ride_id"]
        except (ValueError, KeyError, TypeError):
            record["kinesis"]["partitionKey"] = f"key-{index}"
        record["eventID"] = f"{shard}:{sequence}"
        records.append(record)
    return {"Records": records}


def apigw_event(body: str | None, base64_encoded: bool = False) -> dict[str, Any]:
    """An API Gateway REST proxy event (the shape of events/apigw-proxy-post.json) with this body."""
    event = sample_event("apigw-proxy-post")
    event["body"] = body
    event["isBase64Encoded"] = base64_encoded
    return event
