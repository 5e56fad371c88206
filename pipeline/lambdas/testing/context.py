"""Lambda's context object, as far as the handlers read it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Context:
    aws_request_id: str = "5c8d6b4e-1f2a-4b3c-9d8e-7f6a5b4c3d2e"
    function_name: str = "launchpad-test"
    remaining_ms: int = 300_000
    log_stream_name: str = "2026/11/25/[$LATEST]0123456789abcdef"

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_ms
