"""What a handler printed: its structured log lines."""

from __future__ import annotations

import json
from typing import Any


def log_lines(text: str) -> list[dict[str, Any]]:
    """The structured log lines (JSON objects) a handler printed."""
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]
