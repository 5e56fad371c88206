"""Structured logs: one JSON object per line on standard output, which Lambda sends to CloudWatch Logs.

CloudWatch Logs Insights reads the fields of such lines directly (`fields outcome, key | filter ...`).
"""

from __future__ import annotations

import json
import sys
from typing import Any


def log(level: str, message: str, **fields: Any) -> None:
    write_json_line({"level": level, "message": message, **fields})


def write_json_line(record: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False, default=str, separators=(",", ":")) + "\n")
    sys.stdout.flush()
