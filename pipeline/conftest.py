"""Fixtures every pipeline test can use: a real moto server over HTTP, and AWS settings pointing at it.

Code under test talks to moto exactly as it talks to AWS (real boto3, real HTTP, real signing), so the
tests exercise request building, pagination, retries and error parsing, not stand-ins.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

START_TIMEOUT_SECONDS = 30
# Dummy credentials: moto accepts any, and they can never reach a real account.
FAKE_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
REGION = "us-east-1"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _post(url: str, body: bytes = b"") -> bytes:
    # moto reads the raw body, which Flask leaves empty for the form content type urllib would send.
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "text/plain"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


def _answers(endpoint: str) -> bool:
    try:
        urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1).close()
    except urllib.error.HTTPError:
        return True  # any HTTP answer means the server is up
    except OSError:
        return False
    return True


def _start_server(log_file: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Starts moto on a free port; retries with another port if one was taken in between."""
    for _ in range(3):
        port = _free_port()
        endpoint = f"http://127.0.0.1:{port}"
        with log_file.open("ab") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while process.poll() is None and time.monotonic() < deadline:
            if _answers(endpoint):
                return process, endpoint
            time.sleep(0.1)
        _stop(process)
    raise RuntimeError(f"moto server did not start; its output:\n{log_file.read_text(errors='replace')}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def moto_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a moto server (`python3 -m moto.server`) shared by the whole test session."""
    process, endpoint = _start_server(tmp_path_factory.mktemp("moto") / "server.log")
    try:
        yield endpoint
    finally:
        _stop(process)


@pytest.fixture
def aws_env(moto_endpoint: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    """Fresh moto state and AWS variables for one test: dummy credentials, us-east-1, moto's endpoint.

    Every other AWS_* variable is removed and the AWS config files point at nothing, so a developer's
    own profiles, keys or endpoints never leak into a test. Returns the variables it set.
    """
    _post(f"{moto_endpoint}/moto-api/reset")
    _post(f"{moto_endpoint}/moto-api/reset-auth", b"inf")  # IAM checks off, in case a test turned them on
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    values = {
        **FAKE_CREDENTIALS,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ENDPOINT_URL": moto_endpoint,
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


@pytest.fixture
def enforce_iam(moto_endpoint: str, aws_env: dict[str, str]) -> Iterator[Callable[[], None]]:
    """Call it to make moto check IAM policies from then on (set up users and policies before).

    Note: with checks on, moto 5.2 rejects the signature of S3 requests whose key contains '='.
    """
    yield lambda: _post(f"{moto_endpoint}/moto-api/reset-auth", b"0")
    _post(f"{moto_endpoint}/moto-api/reset-auth", b"inf")
