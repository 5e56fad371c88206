"""A proxy in front of moto's server that answers the requests a test picks with scripted faults.

Code under test talks to it as it talks to AWS (AWS_ENDPOINT_URL points at it). Every request goes on to
moto unless a Fault matches it first; a fault answers with an error of its own (throttling, 5xx), replies
late (a slow reply, its own answer or moto's), or closes the connection without answering (a dropped
connection). The proxy records every request, so a test can also read what the code sent.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

# Headers about one hop: each side of the proxy has its own connection, framing and 100-continue.
HOP_HEADERS = frozenset({"connection", "keep-alive", "transfer-encoding", "expect"})


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes

    @property
    def target(self) -> str:
        """X-Amz-Target of an AWS JSON-protocol request ("Kinesis_20131202.PutRecord"), or ""."""
        return self.headers.get("x-amz-target", "")


Matcher = Callable[[Request], bool]


def operation(target: str) -> Matcher:
    """Matches the AWS JSON-protocol requests of one operation, e.g. "AmazonAthena.StartQueryExecution"."""
    return lambda request: request.target == target


def aws_json_error(code: str, message: str) -> bytes:
    """An error body of the AWS JSON protocols (Kinesis, Athena, CloudWatch...)."""
    return json.dumps({"__type": code, "message": message}).encode()


def s3_error(code: str, message: str) -> bytes:
    """An error body of S3's REST-XML protocol."""
    xml = f"<Error><Code>{code}</Code><Message>{message}</Message></Error>"
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{xml}'.encode()


@dataclass
class Fault:
    """What the proxy does with the requests `matches` accepts, `times` times at most (`hits` counts them).

    With a `status` it answers itself, with `body` and `headers`; without one the request goes on to moto.
    `delay` seconds pass before the answer (a slow reply); `drop` closes the connection instead.
    """

    matches: Matcher
    status: int | None = None
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    times: float = float("inf")
    delay: float = 0.0
    drop: bool = False
    hits: int = 0


class FaultProxy:
    """Listens on a free local port (`url`) and forwards to `upstream`, except what a fault takes."""

    def __init__(self, upstream: str) -> None:
        self.faults: list[Fault] = []
        self.requests: list[Request] = []
        self._upstream = urlsplit(upstream)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_of(self))
        self._server.daemon_threads = True  # a reply still sleeping never holds up close()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()

    def add(self, fault: Fault) -> Fault:
        self.faults.append(fault)
        return fault

    def received(self, matches: Matcher) -> list[Request]:
        """The requests received so far that `matches` accepts, in order."""
        with self._lock:
            return [request for request in self.requests if matches(request)]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _take(self, request: Request) -> Fault | None:
        """Records the request; the first fault that still applies to it, if any, counts it as a hit."""
        with self._lock:
            self.requests.append(request)
            for fault in self.faults:
                if fault.hits < fault.times and fault.matches(request):
                    fault.hits += 1
                    return fault
        return None

    def _forward(
        self, method: str, path: str, headers: Iterable[tuple[str, str]], body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        connection = http.client.HTTPConnection(self._upstream.hostname, self._upstream.port, timeout=30)
        try:
            sent = {name: value for name, value in headers if name.lower() not in HOP_HEADERS}
            connection.request(method, path, body=body or None, headers=sent)
            response = connection.getresponse()
            data = response.read()
            return response.status, response.getheaders(), data
        finally:
            connection.close()


def _handler_of(proxy: FaultProxy) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.1 answers "Expect: 100-continue" (botocore sends it with S3 uploads) at once; under
        # HTTP/1.0 the client would wait a second before sending the body.
        protocol_version = "HTTP/1.1"

        def handle_any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {name.lower(): value for name, value in self.headers.items()}
            fault = proxy._take(Request(self.command, self.path, headers, body))
            if fault is not None and fault.delay:
                time.sleep(fault.delay)
            if fault is not None and fault.drop:
                self.close_connection = True  # no answer at all: the client sees the connection close
                return
            if fault is not None and fault.status is not None:
                self.reply(fault.status, list(fault.headers.items()), fault.body)
                return
            try:
                answer = proxy._forward(self.command, self.path, self.headers.items(), body)
            except OSError as error:  # moto is gone: a late reply after the session ended, for instance
                answer = (502, [("Content-Type", "text/plain")], f"moto did not answer: {error}".encode())
            self.reply(*answer)

        def reply(self, status: int, headers: list[tuple[str, str]], data: bytes) -> None:
            try:
                self.send_response(status)
                for name, value in headers:
                    if name.lower() not in HOP_HEADERS | {"content-length"}:  # set below, for `data`
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
            except ConnectionError:  # the client gave up waiting (a slow reply past its timeout)
                self.close_connection = True

        do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = handle_any

        def log_message(self, *args: Any) -> None:  # keeps the test output quiet
            pass

    return Handler
