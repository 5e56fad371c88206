"""moto's server (`python3 -m moto.server`) as a process of the test session: a local AWS over HTTP."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

START_TIMEOUT_SECONDS = 30


class MotoServer:
    """Starts moto on a free port (retrying with another port if one was taken in between)."""

    def __init__(self, log_file: Path) -> None:
        for _ in range(3):
            port = _free_port()
            self.endpoint = f"http://127.0.0.1:{port}"
            with log_file.open("ab") as log:
                self._process = subprocess.Popen(
                    [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            deadline = time.monotonic() + START_TIMEOUT_SECONDS
            while self._process.poll() is None and time.monotonic() < deadline:
                if self._answers():
                    return
                time.sleep(0.1)
            self.stop()
        raise RuntimeError(f"moto server did not start; its output:\n{log_file.read_text(errors='replace')}")

    def reset(self) -> None:
        """Forgets every resource, and turns IAM checks off (in case a test turned them on)."""
        self._post("/moto-api/reset")
        self.check_iam(False)

    def check_iam(self, on: bool) -> None:
        """With checks on, moto answers as IAM's policies allow (set up users and policies before)."""
        self._post("/moto-api/reset-auth", b"0" if on else b"inf")

    def stop(self) -> None:
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def _post(self, path: str, body: bytes = b"") -> None:
        # moto reads the raw body, which Flask leaves empty for the form content type urllib would send.
        headers = {"Content-Type": "text/plain"}
        request = urllib.request.Request(f"{self.endpoint}{path}", data=body, method="POST", headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()

    def _answers(self) -> bool:
        try:
            urllib.request.urlopen(f"{self.endpoint}/moto-api/", timeout=1).close()
        except urllib.error.HTTPError:
            return True  # any HTTP answer means the server is up
        except OSError:
            return False
        return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
