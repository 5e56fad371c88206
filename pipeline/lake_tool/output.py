"""What the tool prints: sizes people read, aligned tables, upload progress."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TextIO

UNITS = ("B", "KiB", "MiB", "GiB", "TiB")


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    value = float(size)
    for unit in UNITS[1:]:
        value /= 1024
        if value < 1024 or unit == UNITS[-1]:
            break
    return f"{value:.1f} {unit}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def table(rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    """Rows as aligned lines; columns listed in `right` are right-aligned (numbers)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))] if rows else []
    lines = []
    for row in rows:
        cells = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return lines


class Progress:
    """Upload progress on `stream`; boto3 calls it from several transfer threads, hence the lock.

    On a terminal it redraws one line; in a log (CI, a pipe) it writes a line every 10 percent.
    """

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = max(total, 1)
        self.stream = stream
        self.sent = 0
        self.step = 1 if stream.isatty() else 10
        self.shown = -1
        self.width = 0
        self.lock = threading.Lock()

    def __call__(self, amount: int) -> None:
        with self.lock:
            self.sent += amount
            percent = min(100, self.sent * 100 // self.total)
            if percent // self.step == self.shown // self.step:
                return
            self.shown = percent
            line = f"  uploading {percent:3d}%  {human_size(self.sent)} of {human_size(self.total)}"
            if self.step == 1:
                # Pad to the longest line so far: a shorter redraw must cover the previous one.
                self.width = max(self.width, len(line))
                self.stream.write("\r" + line.ljust(self.width) + ("\n" if percent == 100 else ""))
            else:
                self.stream.write(line + "\n")
            self.stream.flush()

    def close(self) -> None:
        """Ends a half-drawn terminal line, so a following error message starts on its own line."""
        with self.lock:
            if self.step == 1 and 0 <= self.shown < 100:
                self.stream.write("\n")
                self.stream.flush()
