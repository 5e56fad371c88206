"""Throttling, 5xx and dropped connections are retried with backoff: a fault proxy in front of moto."""

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pipeline.lake_tool.aws import DEFAULT_MAX_ATTEMPTS, connect
from pipeline.testing.fault_proxy import Fault, FaultProxy, Request, s3_error

if TYPE_CHECKING:
    from pipeline.lake_tool.conftest import Lake, RunCli

SLOW_DOWN = s3_error("SlowDown", "Please reduce your request rate.")
XML = {"Content-Type": "application/xml"}


def is_get(request: Request) -> bool:
    return request.method == "GET"


def upload_one(lake_env: "Lake", run_cli: "RunCli", tmp_path: Path) -> None:
    lake_env.create("raw")
    file = tmp_path / "a.csv"
    file.write_text("a\n")
    uploaded = run_cli(
        "upload", str(file), "--dataset", "orders", "--date", "2024-03-07", *lake_env.options()
    )
    assert uploaded.code == 0, uploaded.err


def test_throttled_listing_is_retried_until_it_succeeds(
    lake_env: "Lake", run_cli: "RunCli", fault_proxy: FaultProxy, tmp_path: Path
) -> None:
    upload_one(lake_env, run_cli, tmp_path)
    fault = fault_proxy.add(Fault(is_get, 503, SLOW_DOWN, XML, times=2))

    result = run_cli("ls", *lake_env.options())

    assert result.code == 0, result.err
    assert fault.hits == 2
    assert "orders/year=2024/month=03/day=07/a.csv" in result.out


def test_a_dropped_connection_is_retried(
    lake_env: "Lake", run_cli: "RunCli", fault_proxy: FaultProxy, tmp_path: Path
) -> None:
    upload_one(lake_env, run_cli, tmp_path)
    fault = fault_proxy.add(Fault(is_get, drop=True, times=1))

    result = run_cli("ls", *lake_env.options())

    assert result.code == 0, result.err
    assert fault.hits == 1
    assert "orders/year=2024/month=03/day=07/a.csv" in result.out


def test_throttling_that_outlasts_the_retries_is_reported(
    lake_env: "Lake", run_cli: "RunCli", fault_proxy: FaultProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    lake_env.create("raw")
    fault = fault_proxy.add(Fault(is_get, 503, SLOW_DOWN, XML))
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "2")  # what a user sets to fail faster

    result = run_cli("ls", *lake_env.options())

    assert result.code == 1
    assert fault.hits == 2
    bucket = lake_env.bucket("raw")
    assert f"ListObjectsV2 on bucket {bucket} failed after 2 attempts: SlowDown." in result.err
    assert "try again in a minute" in result.err


@pytest.mark.usefixtures("aws_env")
def test_clients_use_standard_retries_with_several_attempts() -> None:
    s3 = connect(None, "us-east-1").client("s3")

    assert s3.meta.config.retries == {"mode": "standard", "total_max_attempts": DEFAULT_MAX_ATTEMPTS}
    assert DEFAULT_MAX_ATTEMPTS >= 3
