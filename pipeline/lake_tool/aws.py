"""The boto3 session and clients, with retries that ride out throttling and server errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import boto3
import botocore.session
from botocore.config import Config

from .errors import LakeToolError

# Standard mode retries throttling (SlowDown, Throttling) and 5xx with exponential backoff and jitter.
DEFAULT_MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Aws:
    session: boto3.Session
    config: Config

    def client(self, service: str) -> Any:
        return self.session.client(service, config=self.config)

    def account_id(self) -> str:
        """The account the credentials belong to; it is the last part of every lake bucket name."""
        return self.client("sts").get_caller_identity()["Account"]


def connect(profile: str | None, region: str) -> Aws:
    """A session for `profile` (None: the default chain) in `region`; an unknown profile fails here."""
    core = botocore.session.Session(profile=profile)
    # Reading the profile's settings now raises ProfileNotFound before any request is built.
    try:
        configured = core.get_config_variable("max_attempts")
    except ValueError as error:
        raise LakeToolError(
            f"AWS_MAX_ATTEMPTS (or max_attempts in your AWS config) is not a whole number: {error}.",
            "Fix AWS_MAX_ATTEMPTS or max_attempts in your AWS config, e.g. 5.",
        ) from error
    # A max_attempts the user set (AWS_MAX_ATTEMPTS or in the profile) wins over the default.
    attempts = int(configured) if configured else DEFAULT_MAX_ATTEMPTS
    config = Config(
        # total_max_attempts counts the first try as AWS_MAX_ATTEMPTS does ("max_attempts" means retries).
        retries={"mode": "standard", "total_max_attempts": attempts},
        connect_timeout=10,
        read_timeout=60,
    )
    return Aws(boto3.Session(botocore_session=core, region_name=region), config)
