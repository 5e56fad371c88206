"""Throttling and 5xx are retried with backoff: a proxy in front of moto answers 503 SlowDown first."""

import http.client
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from pipeline.lake_tool.aws import DEFAULT_MAX_ATTEMPTS, connect

if TYPE_CHECKING:
    from pipeline.lake_tool.conftest import Lake, RunCli

SLOW_DOWN = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
)


class FlakyProxy:
    """Forwards to moto, except that the first `failures` S3 GET requests get 503 SlowDown."""

    def __init__(self, upstream: str, failures: int) -> None:
        self.failures = failures
        self.refused = 0
        target = urlsplit(upstream)
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def handle_any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                with lock:
                    refuse = self.command == "GET" and proxy.refused < proxy.failures
                    proxy.refused += refuse
                if refuse:
                    self.reply(503, [("Content-Type", "application/xml")], SLOW_DOWN)
                    return
                upstream_conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
                upstream_conn.request(self.command, self.path, body=body, headers=headers)
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

        lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


HOP_HEADERS = {"connection", "transfer-encoding", "content-length", "keep-alive"}


@pytest.fixture
def flaky(moto_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[int], FlakyProxy]]:
    proxies = []

    def start(failures: int) -> FlakyProxy:
        proxy = FlakyProxy(moto_endpoint, failures)
        proxies.append(proxy)
        monkeypatch.setenv("AWS_ENDPOINT_URL", proxy.url)
        return proxy

    yield start
    for proxy in proxies:
        proxy.close()


def test_throttled_listing_is_retried_until_it_succeeds(
    lake_env: "Lake", run_cli: "RunCli", flaky: Callable[[int], FlakyProxy], tmp_path: Path
) -> None:
    lake_env.create("raw")
    file = tmp_path / "a.csv"
    file.write_text("a\n")
    options = lake_env.options()
    uploaded = run_cli("upload", str(file), "--dataset", "orders", "--date", "2024-03-07", *options)
    assert uploaded.code == 0, uploaded.err
    proxy = flaky(2)

    result = run_cli("ls", *lake_env.options())

    assert result.code == 0, result.err
    assert proxy.refused == 2
    assert "orders/year=2024/month=03/day=07/a.csv" in result.out


def test_throttling_that_outlasts_the_retries_is_reported(
    lake_env: "Lake",
    run_cli: "RunCli",
    flaky: Callable[[int], FlakyProxy],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lake_env.create("raw")
    proxy = flaky(1000)
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "2")  # what a user sets to fail faster; keeps the backoff short

    result = run_cli("ls", *lake_env.options())

    assert result.code == 1
    assert proxy.refused == 2
    bucket = lake_env.bucket("raw")
    assert f"ListObjectsV2 on bucket {bucket} failed after 2 attempts: SlowDown." in result.err
    assert "try again in a minute" in result.err


@pytest.mark.usefixtures("aws_env")
def test_clients_use_standard_retries_with_several_attempts() -> None:
    s3 = connect(None, "us-east-1").client("s3")

    assert s3.meta.config.retries == {"mode": "standard", "total_max_attempts": DEFAULT_MAX_ATTEMPTS}
    assert DEFAULT_MAX_ATTEMPTS >= 3
