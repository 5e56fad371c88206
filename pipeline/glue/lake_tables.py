"""Writes pipeline/schemas/lake-tables.json: the clean and curated columns for the Glue Data Catalog.

The transforms' column lists are the one source of truth; the CDK analytics stack reads this file to define
the catalog tables, and a test keeps the committed file equal to what this module writes.

    python3 -m pipeline.glue.lake_tables [--out pipeline/schemas/lake-tables.json]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.glue.transforms.columns import ATHENA_TYPES, Column
from pipeline.glue.transforms.events import CLEAN_COLUMNS
from pipeline.glue.transforms.partitions import CLEAN_PARTITION_KEYS, CURATED_PARTITION_KEYS
from pipeline.glue.transforms.rides import CURATED_COLUMNS

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "schemas" / "lake-tables.json"


def _table(columns: Iterable[Column], partition_keys: tuple[str, ...], description: str) -> dict[str, Any]:
    def glue(column: Column) -> dict[str, str]:
        return {"name": column.name, "type": ATHENA_TYPES[column.type], "comment": column.description}

    columns = tuple(columns)
    return {
        "description": description,
        "columns": [glue(c) for c in columns if c.name not in partition_keys],
        "partitionKeys": [glue(c) for c in columns if c.name in partition_keys],
    }


def lake_tables() -> dict[str, Any]:
    return {
        "clean": _table(
            CLEAN_COLUMNS,
            CLEAN_PARTITION_KEYS,
            "Ride events, typed and deduplicated: Parquet partitioned by event day (UTC)",
        ),
        "curated": _table(
            CURATED_COLUMNS,
            CURATED_PARTITION_KEYS,
            "One row per ride, kept by MERGE: Delta Lake partitioned by the month of the ride's first event",
        ),
    }


def render() -> str:
    return json.dumps(lake_tables(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="file to write (default: %(default)s)")
    args = parser.parse_args(argv)
    args.out.write_text(render(), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
