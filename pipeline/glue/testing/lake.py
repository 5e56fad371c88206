"""The lake the tests run the two jobs over: local folders for the raw, clean and curated zones, and the
runs a deployment sees, in order (pipeline/glue/conftest.py runs them once per test session):

  run 1   raw: rides-v1.jsonl (version-1 events, some sent twice)      raw → clean → curated (created)
  again   nothing new: the bookmarks make both jobs read nothing      the Delta table keeps its version
  run 2   raw: rides-v2.jsonl, rides-bad.jsonl and a late batch       raw → clean → curated (MERGE, + tip)
  replay  the clean → curated bookmark reset: every clean file again  the MERGE changes no row
"""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.glue import clean_to_curated, raw_to_clean
from pipeline.glue.testing.local_glue import LocalGlue
from pipeline.glue.testing.samples import FIXTURES, read_jsonl

RAW_JOB = "launchpad-dev-raw-to-clean"
CURATED_JOB = "launchpad-dev-clean-to-curated"
# A ride of rides-v1.jsonl that stops at `started` in run 1; its `completed` event arrives in run 2.
LATE_RIDE = "ride-mjamjkjrzz"


def late_batch() -> list[dict[str, Any]]:
    """What a late producer sends in run 2: LATE_RIDE's completed event (version 2, with a tip), and a
    version-1 event of run 1 delivered a second time."""
    v1 = [row for row in read_jsonl(FIXTURES / "rides-v1.jsonl") if isinstance(row, dict)]
    started = next(row for row in v1 if row["ride_id"] == LATE_RIDE and row["event_type"] == "started")
    completed = {
        **started,
        "schema_version": 2,
        "event_id": "5f0c8a52-4c0e-4d53-9a47-3b1e2f6a7c10",
        "event_type": "completed",
        "event_time": "2024-03-07T09:02:11.000Z",
        "distance_km": 6.4,
        "fare_amount": 17.9,
        "tip_amount": 2.0,
        "payment_type": "card",
    }
    return [completed, v1[5]]


@dataclass
class Lake:
    root: Path
    glue: LocalGlue
    versions: dict[str, int] = field(default_factory=dict)  # Delta version after each step
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # curated rows after each step
    columns: dict[str, list[str]] = field(default_factory=dict)
    logs: list[str] = field(default_factory=list)

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def clean(self) -> Path:
        return self.root / "clean" / "rides"

    @property
    def quarantine(self) -> Path:
        return self.root / "clean" / "quarantine" / "rides"

    @property
    def curated(self) -> Path:
        return self.root / "curated" / "rides"

    def drop(self, folder: str, name: str, text: str) -> None:
        target = self.raw / folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def run_raw_to_clean(self) -> None:
        with self.glue.installed():
            raw_to_clean.main(
                [
                    "raw_to_clean.py",
                    *("--JOB_NAME", RAW_JOB, "--raw_path", f"{self.raw}/"),
                    *("--clean_path", f"{self.clean}/", "--quarantine_path", f"{self.quarantine}/"),
                ]
            )

    def run_clean_to_curated(self) -> None:
        with self.glue.installed():
            clean_to_curated.main(
                [
                    "clean_to_curated.py",
                    *("--JOB_NAME", CURATED_JOB, "--clean_path", f"{self.clean}/"),
                    *("--curated_path", f"{self.curated}/"),
                ]
            )

    def snapshot(self, step: str) -> None:
        from delta.tables import DeltaTable

        table = DeltaTable.forPath(self.glue.spark, str(self.curated))
        self.versions[step] = table.history(1).collect()[0]["version"]
        frame = table.toDF()
        self.columns[step] = frame.columns
        self.tables[step] = sorted((row.asDict() for row in frame.collect()), key=lambda r: r["ride_id"])


def run_scenario(spark: Any, root: Path) -> Lake:
    """The four steps of the module comment, on a lake under `root`; what each printed is in .logs."""
    lake = Lake(root, LocalGlue(spark))
    log = io.StringIO()
    with contextlib.redirect_stdout(log):
        lake.drop(
            "stream/rides/year=2024/month=03/day=07/hour=08", "rides-v1.jsonl", fixture_text("rides-v1.jsonl")
        )
        lake.run_raw_to_clean()
        lake.run_clean_to_curated()
        lake.snapshot("run 1")

        lake.run_raw_to_clean()
        lake.run_clean_to_curated()
        lake.snapshot("again")

        lake.drop(
            "stream/rides/year=2024/month=03/day=08/hour=10", "rides-v2.jsonl", fixture_text("rides-v2.jsonl")
        )
        lake.drop("uploads/rides", "rides-bad.jsonl", fixture_text("rides-bad.jsonl"))
        lake.drop("uploads/rides", "late.jsonl", "".join(json.dumps(row) + "\n" for row in late_batch()))
        lake.run_raw_to_clean()
        lake.run_clean_to_curated()
        lake.snapshot("run 2")

        lake.glue.reset_bookmarks(CURATED_JOB)
        lake.run_clean_to_curated()
        lake.snapshot("replay")
    lake.logs = log.getvalue().splitlines()
    return lake


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def fixture_lines(*names_: str) -> list[str]:
    return [line for name in names_ for line in fixture_text(name).splitlines() if line.strip()]


def utc(value: datetime | None) -> datetime | None:
    """Spark hands timestamps back naive, in the session's zone (UTC): the transforms' values are aware."""
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value
