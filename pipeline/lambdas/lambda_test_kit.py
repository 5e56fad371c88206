"""Helpers of the Lambda functions' tests: AWS's sample events filled in, fixture files, and a proxy in
front of moto that answers chosen requests with scripted faults. The fixtures are in conftest.py.
"""

from __future__ import annotations

import base64
import copy
import http.client
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote_plus, urlsplit

LAMBDAS = Path(__file__).resolve().parent
FIXTURES = LAMBDAS.parent / "fixtures"
SAMPLE_EVENTS = LAMBDAS / "events"


@dataclass(frozen=True)
class Context:
    """The parts of Lambda's context object the handlers read."""

    aws_request_id: str = "5c8d6b4e-1f2a-4b3c-9d8e-7f6a5b4c3d2e"
    function_name: str = "launchpad-test"
    remaining_ms: int = 300_000
    log_stream_name: str = "2026/11/25/[$LATEST]0123456789abcdef"

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_ms


# Loads pipeline/lambdas/<name>/handler.py with environment variables (the `load_handler` fixture).
LoadHandler = Callable[..., ModuleType]


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


# ---- a proxy in front of moto that answers chosen requests itself ----------------------------------------

HOP_HEADERS = {"connection", "transfer-encoding", "content-length", "keep-alive"}


@dataclass
class Fault:
    """Answers requests `matches` accepts with `status`, `headers` and `body`, `times` times at most."""

    matches: Callable[[str, str, dict[str, str], bytes], bool]
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    times: float = float("inf")
    answered: int = 0


class FaultProxy:
    """Forwards requests to moto, except those a fault matches."""

    def __init__(self, upstream: str) -> None:
        self.faults: list[Fault] = []
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self._bodies: list[tuple[str, str, dict[str, str], bytes]] = []
        target = urlsplit(upstream)
        proxy = self
        lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            # HTTP/1.1 answers "Expect: 100-continue" (botocore sends it with S3 uploads) at once;
            # under HTTP/1.0 the client waits a second before it sends the body.
            protocol_version = "HTTP/1.1"

            def handle_any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                with lock:
                    proxy.requests.append((self.command, self.path, headers))
                    proxy._bodies.append((self.command, self.path, headers, body))
                    fault = next(
                        (
                            f
                            for f in proxy.faults
                            if f.answered < f.times and f.matches(self.command, self.path, headers, body)
                        ),
                        None,
                    )
                    if fault is not None:
                        fault.answered += 1
                if fault is not None:
                    self.reply(fault.status, list(fault.headers.items()), fault.body)
                    return
                upstream_conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
                forwarded = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
                upstream_conn.request(self.command, self.path, body=body or None, headers=forwarded)
                response = upstream_conn.getresponse()
                data = response.read()
                upstream_conn.close()
                passed = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_HEADERS]
                self.reply(response.status, passed, data)

            def reply(self, status: int, headers: list[tuple[str, str]], data: bytes) -> None:
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = handle_any

            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def add(self, fault: Fault) -> Fault:
        self.faults.append(fault)
        return fault

    def bodies_of(self, matches: Callable[[str, str, dict[str, str], bytes], bool]) -> list[bytes]:
        """Bodies of the requests received so far that `matches` accepts, in order."""
        return [body for method, path, headers, body in self._bodies if matches(method, path, headers, body)]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def kinesis_target(operation: str) -> Callable[[str, str, dict[str, str], bytes], bool]:
    """Matches Kinesis JSON-protocol requests of one operation (X-Amz-Target: Kinesis_20131202.<op>)."""
    return lambda method, path, headers, body: headers.get("x-amz-target") == f"Kinesis_20131202.{operation}"


def aws_json_error(code: str, message: str) -> bytes:
    return json.dumps({"__type": code, "message": message}).encode()


def s3_error(code: str, message: str) -> bytes:
    xml = f"<Error><Code>{code}</Code><Message>{message}</Message></Error>"
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{xml}'.encode()


def metric_sums(cloudwatch: Any, namespace: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every metric of `namespace` that has data: (name, sorted dimensions) → sum of its values."""
    from datetime import datetime, timedelta

    now = datetime.now(UTC)
    sums: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {}
    for metric in cloudwatch.list_metrics(Namespace=namespace)["Metrics"]:
        statistics = cloudwatch.get_metric_statistics(
            Namespace=namespace,
            MetricName=metric["MetricName"],
            Dimensions=metric["Dimensions"],
            StartTime=now - timedelta(hours=1),
            EndTime=now + timedelta(hours=1),
            Period=60,
            Statistics=["Sum"],
        )
        dims = tuple(sorted((d["Name"], d["Value"]) for d in metric["Dimensions"]))
        sums[(metric["MetricName"], dims)] = sum(p["Sum"] for p in statistics["Datapoints"])
    return sums


def log_lines(text: str) -> list[dict[str, Any]]:
    """The structured log lines (JSON objects) a handler printed."""
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]
