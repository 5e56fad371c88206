"""Timestamps: parse what producers send, normalize to UTC.

Parsed here rather than by `datetime.fromisoformat`: producers send forms it refuses (`±HHMM` offsets,
nine fraction digits), and the rules of what is accepted belong in one readable place.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

# 2024-03-07T09:05:00Z, 2024-03-07 09:05:00.5+02:00, 2024-03-07T09:05Z, ...0700, or no zone at all (= UTC).
_ISO_8601 = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})[Tt ](?P<hour>\d{2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?"
    r"\s*(?P<zone>[Zz]|[+-]\d{2}(?::?\d{2})?)?",
    re.ASCII,
)


def parse_timestamp(value: Any) -> datetime | None:
    """An aware UTC datetime, or None when the value is not a timestamp.

    Accepts ISO 8601 strings (`T` or space between date and time; `Z`, `±HH`, `±HHMM` or `±HH:MM`
    offsets; up to 9 fraction digits, truncated to microseconds) and datetimes. A value without a zone
    is taken as UTC: that is what the schema prescribes, and what Spark hands back on Glue's UTC workers.
    Numbers (epoch seconds or milliseconds?) are refused rather than guessed.
    """
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        match = _ISO_8601.fullmatch(value.strip())
        if not match:
            return None
        try:
            moment = datetime(
                *map(int, match["date"].split("-")),
                int(match["hour"]),
                int(match["minute"]),
                int(match["second"] or 0),
                int((match["fraction"] or "0")[:6].ljust(6, "0")),
                tzinfo=_zone(match["zone"]),
            )
        except ValueError:  # 2024-02-30, 25:00, an offset of 24 hours or more
            return None
    else:
        return None
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _zone(text: str | None) -> timezone:
    if text is None or text in ("Z", "z"):
        return UTC
    digits = text[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
    return timezone(-offset if text[0] == "-" else offset)
