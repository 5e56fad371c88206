"""A local stand-in for AWS Lambda's Invoke API that runs real handlers in this process.

moto has Lambda, but its Invoke runs the function in Docker, which these machines lack. This server speaks
Invoke's wire protocol (POST /2015-03-31/functions/<name>/invocations, the event as the body) to the real
SDK, so the DAG's LambdaHook and boto3 do exactly what they do against AWS; the function's code is the real
handler, called with the event and a context. Point the SDK at it with AWS_ENDPOINT_URL_LAMBDA.
"""

from __future__ import annotations

import json
import threading
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from typing import Any
from urllib.parse import unquote

Handler = Callable[[Any, Any], Any]
INVOKE_PATH = "/2015-03-31/functions/"


@dataclass(frozen=True)
class Invocation:
    function: str
    invocation_type: str
    event: Any


class LambdaStandIn:
    """Listens on a free local port (`url`) and answers Invoke for the functions it was given, by name."""

    def __init__(self, functions: dict[str, Handler]) -> None:
        self.functions = functions
        self.invocations: list[Invocation] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_of(self))
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def invoke(self, name: str, invocation_type: str, body: bytes) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body of Lambda's answer to one Invoke."""
        function = self.functions.get(name.split(":")[-1] if name.startswith("arn:") else name)
        if function is None:
            error = {"Type": "User", "message": f"Function not found: {name}"}
            headers = {"X-Amzn-ErrorType": "ResourceNotFoundException"}
            return 404, headers, json.dumps(error).encode()
        event = json.loads(body) if body else {}
        with self._lock:
            self.invocations.append(Invocation(name, invocation_type, event))
        if invocation_type == "DryRun":
            return 204, {}, b""
        context = SimpleNamespace(aws_request_id=str(uuid.uuid4()), function_name=name)
        headers = {"X-Amz-Executed-Version": "$LATEST"}
        try:
            result = function(event, context)
        except Exception as error:  # noqa: BLE001 - Lambda reports any error of the function as its answer
            headers["X-Amz-Function-Error"] = "Unhandled"
            answer = {
                "errorMessage": str(error),
                "errorType": type(error).__name__,
                "stackTrace": traceback.format_exception(error),
            }
            return 200, headers, json.dumps(answer).encode()
        # An asynchronous invocation is accepted before it runs; here it runs first, which a test can wait on.
        status = 202 if invocation_type == "Event" else 200
        return status, headers, b"" if status == 202 else json.dumps(result).encode()


def _handler_of(stand_in: LambdaStandIn) -> type[BaseHTTPRequestHandler]:
    class InvokeHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            path = self.path.split("?")[0]
            if not (path.startswith(INVOKE_PATH) and path.endswith("/invocations")):
                self._answer(404, {"X-Amzn-ErrorType": "UnknownOperationException"}, b"{}")
                return
            name = unquote(path[len(INVOKE_PATH) : -len("/invocations")])
            invocation_type = self.headers.get("X-Amz-Invocation-Type") or "RequestResponse"
            self._answer(*stand_in.invoke(name, invocation_type, body))

        def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for name, value in {"Content-Type": "application/json", **headers}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class names it so
            pass  # the test's output stays readable; `invocations` records what was called

    return InvokeHandler
