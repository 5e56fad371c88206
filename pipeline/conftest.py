"""Fixtures every pipeline test can use: a real moto server over HTTP, AWS settings pointing at it, and a
fault proxy in front of it.

Code under test talks to moto exactly as it talks to AWS (real boto3, real HTTP, real signing), so the
tests exercise request building, pagination, retries and error parsing, not stand-ins.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from botocore.retries.standard import ExponentialBackoff

from pipeline.testing.fault_proxy import FaultProxy
from pipeline.testing.moto_server import MotoServer

# Dummy credentials: moto accepts any, and they can never reach a real account.
FAKE_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
REGION = "us-east-1"


@pytest.fixture(scope="session")
def moto_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MotoServer]:
    """One moto server (`python3 -m moto.server`) for the whole test session."""
    server = MotoServer(tmp_path_factory.mktemp("moto") / "server.log")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def moto_endpoint(moto_server: MotoServer) -> str:
    """URL of the session's moto server."""
    return moto_server.endpoint


@pytest.fixture
def aws_env(moto_server: MotoServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, str]:
    """Fresh moto state and AWS variables for one test: dummy credentials, us-east-1, moto's endpoint.

    Every other AWS_* variable is removed and the AWS config files point at nothing, so a developer's
    own profiles, keys or endpoints never leak into a test. Returns the variables it set.
    """
    moto_server.reset()
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    values = {
        **FAKE_CREDENTIALS,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ENDPOINT_URL": moto_server.endpoint,
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    # Retries happen as in AWS (the fault proxy counts them); the up to 1, 2, 4 s of jitter between them
    # that botocore's standard mode waits would only make the suite slower.
    monkeypatch.setattr(ExponentialBackoff, "delay_amount", lambda self, context: 0.0)
    return values


@pytest.fixture
def enforce_iam(moto_server: MotoServer, aws_env: dict[str, str]) -> Iterator[Callable[[], None]]:
    """Call it to make moto check IAM policies from then on (set up users and policies before).

    Note: with checks on, moto 5.2 rejects the signature of S3 requests whose key contains '='.
    """
    yield lambda: moto_server.check_iam(True)
    moto_server.check_iam(False)


@pytest.fixture
def fault_proxy(
    moto_server: MotoServer, aws_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[FaultProxy]:
    """A FaultProxy in front of moto; AWS_ENDPOINT_URL points at it (make clients after this fixture)."""
    proxy = FaultProxy(moto_server.endpoint)
    monkeypatch.setenv("AWS_ENDPOINT_URL", proxy.url)
    try:
        yield proxy
    finally:
        proxy.close()
