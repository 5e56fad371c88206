"""The fault proxy with a real boto3 client: what it forwards, and each kind of fault as a client sees it."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, ConnectionClosedError, ReadTimeoutError

from pipeline.testing.fault_proxy import Fault, FaultProxy, Request, s3_error

BUCKET = "fault-proxy-test"


def s3(attempts: int, read_timeout: float = 5) -> Any:
    config = Config(retries={"mode": "standard", "total_max_attempts": attempts}, read_timeout=read_timeout)
    return boto3.client("s3", config=config)


def is_get(request: Request) -> bool:
    return request.method == "GET"


@pytest.fixture
def bucket(fault_proxy: FaultProxy) -> None:
    s3(1).create_bucket(Bucket=BUCKET)
    s3(1).put_object(Bucket=BUCKET, Key="a.txt", Body=b"hello")


@pytest.mark.usefixtures("bucket")
def test_requests_without_a_fault_reach_moto_and_are_recorded(fault_proxy: FaultProxy) -> None:
    assert s3(1).get_object(Bucket=BUCKET, Key="a.txt")["Body"].read() == b"hello"

    puts = fault_proxy.received(lambda request: request.method == "PUT")
    assert [request.path for request in puts] == [f"/{BUCKET}", f"/{BUCKET}/a.txt"]
    assert puts[1].body == b"hello"


@pytest.mark.usefixtures("bucket")
def test_a_5xx_answer_is_retried_by_the_client_and_moto_answers_the_retry(fault_proxy: FaultProxy) -> None:
    fault = fault_proxy.add(
        Fault(is_get, 500, s3_error("InternalError", "We encountered an error."), times=1)
    )

    assert s3(2).get_object(Bucket=BUCKET, Key="a.txt")["Body"].read() == b"hello"
    assert fault.hits == 1


@pytest.mark.usefixtures("bucket")
def test_a_fault_answers_every_matching_request_until_its_times_are_used(fault_proxy: FaultProxy) -> None:
    fault = fault_proxy.add(Fault(is_get, 503, s3_error("SlowDown", "Please reduce your request rate.")))

    with pytest.raises(ClientError, match="SlowDown"):
        s3(3).get_object(Bucket=BUCKET, Key="a.txt")
    assert fault.hits == 3


@pytest.mark.usefixtures("bucket")
def test_a_slow_reply_past_the_read_timeout_fails_the_call(fault_proxy: FaultProxy) -> None:
    fault = fault_proxy.add(Fault(is_get, delay=1.0))

    with pytest.raises(ReadTimeoutError):
        s3(1, read_timeout=0.2).get_object(Bucket=BUCKET, Key="a.txt")
    assert fault.hits == 1


@pytest.mark.usefixtures("bucket")
def test_a_slow_reply_within_the_read_timeout_brings_motos_answer(fault_proxy: FaultProxy) -> None:
    fault_proxy.add(Fault(is_get, delay=0.2))

    assert s3(1, read_timeout=5).get_object(Bucket=BUCKET, Key="a.txt")["Body"].read() == b"hello"


@pytest.mark.usefixtures("bucket")
def test_a_dropped_connection_is_retried_and_fails_when_every_attempt_is_dropped(
    fault_proxy: FaultProxy,
) -> None:
    once = fault_proxy.add(Fault(is_get, drop=True, times=1))
    assert s3(2).get_object(Bucket=BUCKET, Key="a.txt")["Body"].read() == b"hello"
    assert once.hits == 1

    always = fault_proxy.add(Fault(is_get, drop=True))
    with pytest.raises(ConnectionClosedError):
        s3(2).get_object(Bucket=BUCKET, Key="a.txt")
    assert always.hits == 2
