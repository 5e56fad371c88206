"""Settings and AWS clients of a Lambda function, made once per container (at import time).

Lambda runs a module's top level once per container (the "init" phase) and the handler for every
invocation: clients made here are reused across invocations, and a missing setting fails the init with
one clear message instead of failing every invocation half-way.
"""

from __future__ import annotations

import os
from typing import Any

import boto3
from botocore.config import Config


class MissingSettingError(RuntimeError):
    """An environment variable the function needs is not set."""


def require_env(name: str, meaning: str) -> str:
    """The value of environment variable `name`; raises MissingSettingError naming it when unset or empty."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise MissingSettingError(
            f"Environment variable {name} is not set: it is {meaning}. "
            "The CDK stack sets it on the function; set it yourself when you run the handler anywhere else "
            f"(e.g. {name}=... in a test)."
        )
    return value


def client(service: str, *, attempts: int, connect_timeout: float, read_timeout: float) -> Any:
    """A boto3 client with the standard retry mode: throttling and 5xx retried with backoff and jitter.

    `attempts` counts the first try. The endpoint, region and credentials come from the environment
    (Lambda's role; AWS_ENDPOINT_URL in tests).
    """
    config = Config(
        retries={"mode": "standard", "total_max_attempts": attempts},
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
        user_agent_extra="aws-data-launchpad",
    )
    return boto3.client(service, config=config)
