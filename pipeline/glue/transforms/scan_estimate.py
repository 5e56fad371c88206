"""What an Athena query costs on each layout of the same data: the sums behind docs/guides/partitioning.md.

    python3 -m pipeline.glue.transforms.scan_estimate                       # print the table
    python3 -m pipeline.glue.transforms.scan_estimate --write docs/guides/partitioning.md
    python3 -m pipeline.glue.transforms.scan_estimate --check docs/guides/partitioning.md

Athena bills the bytes a query reads: $5 per TB, each query rounded up to a whole MB, 10 MB at least
(the repository's price catalog, lib/cost/catalog/us-east-1.json, `athena.data-scanned`).
Units are binary, like the cost engine's Athena model: 1 MB = 1024² bytes, 1 GB = 1024 MB, 1 TB = 1024 GB.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

BYTES_PER_MB = 1024**2
BYTES_PER_GB = 1024**3
MB_PER_TB = 1024**2
ATHENA_USD_PER_TB = 5.0
ATHENA_MINIMUM_MB = 10

REGION = "scan-estimate"
_MARKERS = re.compile(
    rf"(<!-- BEGIN GENERATED: {REGION} -->\n)(.*?)(<!-- END GENERATED: {REGION} -->)", re.DOTALL
)


@dataclass(frozen=True)
class Dataset:
    """One table stored two ways. The example: a year of ride events, 30 GB as JSON lines and ~5 GB as
    Snappy Parquet (columnar storage plus compression typically shrink event JSON 5-10 times)."""

    days: int = 365
    json_bytes: int = 30 * BYTES_PER_GB
    parquet_bytes: int = 5 * BYTES_PER_GB
    stored_columns: int = 17  # clean table: 20 columns, of which year/month/day live in folder names


@dataclass(frozen=True)
class Scenario:
    layout: str
    scanned_bytes: int
    note: str = ""


@dataclass(frozen=True)
class Estimate:
    layout: str
    scanned_bytes: int
    billed_mb: int
    usd_per_query: float
    note: str


def scanned_bytes(
    total_bytes: int, days_in_data: int, days_queried: int, partitioned: bool, column_fraction: float = 1.0
) -> int:
    """Bytes a query for `days_queried` days reads. Unpartitioned, it reads every file; partitioned by
    day, only the queried days' folders (data assumed spread evenly over the days). `column_fraction`
    is the share of a columnar file's bytes in the columns the query selects (1 for JSON: a row format
    is read whole)."""
    if not 0 < column_fraction <= 1:
        raise ValueError(f"column_fraction must be in (0, 1], got {column_fraction}")
    if not 0 < days_queried <= days_in_data:
        raise ValueError(f"days_queried must be between 1 and {days_in_data}, got {days_queried}")
    share = days_queried / days_in_data if partitioned else 1.0
    return math.ceil(total_bytes * share * column_fraction)


def billed_mb(scanned: int) -> int:
    """Athena rounds each query up to a whole MB and bills 10 MB at least."""
    return max(math.ceil(scanned / BYTES_PER_MB), ATHENA_MINIMUM_MB)


def query_cost(scanned: int, usd_per_tb: float = ATHENA_USD_PER_TB) -> float:
    return billed_mb(scanned) / MB_PER_TB * usd_per_tb


def scenarios(data: Dataset = Dataset(), days_queried: int = 1, columns_read: int = 3) -> list[Scenario]:
    """A query over `days_queried` days, on each layout (the last one also selects few columns)."""
    fraction = columns_read / data.stored_columns
    return [
        Scenario("JSON, not partitioned", scanned_bytes(data.json_bytes, data.days, days_queried, False)),
        Scenario("JSON, partitioned by day", scanned_bytes(data.json_bytes, data.days, days_queried, True)),
        Scenario(
            "Parquet, not partitioned", scanned_bytes(data.parquet_bytes, data.days, days_queried, False)
        ),
        Scenario(
            "Parquet, partitioned by day", scanned_bytes(data.parquet_bytes, data.days, days_queried, True)
        ),
        Scenario(
            f"Parquet, partitioned by day, {columns_read} of {data.stored_columns} columns",
            scanned_bytes(data.parquet_bytes, data.days, days_queried, True, fraction),
            "the 10 MB minimum applies",
        ),
    ]


def estimate(items: list[Scenario], usd_per_tb: float = ATHENA_USD_PER_TB) -> list[Estimate]:
    return [
        Estimate(
            s.layout,
            s.scanned_bytes,
            billed_mb(s.scanned_bytes),
            query_cost(s.scanned_bytes, usd_per_tb),
            s.note,
        )
        for s in items
    ]


def markdown_table(estimates: list[Estimate]) -> str:
    baseline = estimates[0].usd_per_query
    lines = [
        "| Layout | Data scanned | Billed | Per query | Per 1,000 queries | Cost vs. first row |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for e in estimates:
        ratio = "1×" if e.usd_per_query == baseline else f"1/{baseline / e.usd_per_query:,.0f}"
        billed = f"{e.billed_mb:,} MB" + (f" ({e.note})" if e.note else "")
        lines.append(
            f"| {e.layout} | {format_bytes(e.scanned_bytes)} | {billed} | {format_usd(e.usd_per_query)} "
            f"| {format_usd(e.usd_per_query * 1000)} | {ratio} |"
        )
    return "\n".join(lines) + "\n"


def format_bytes(count: int) -> str:
    if count >= BYTES_PER_GB:
        return f"{count / BYTES_PER_GB:,.1f} GB"
    return f"{count / BYTES_PER_MB:,.1f} MB"


def format_usd(amount: float) -> str:
    """Two decimals from a cent up; below that, two significant digits ($0.000072)."""
    if amount >= 0.01 or amount == 0:
        return f"${amount:,.2f}"
    decimals = 1 - math.floor(math.log10(amount))
    return f"${amount:.{decimals}f}"


def generated_table() -> str:
    """The table docs/guides/partitioning.md shows: one day's query on the example dataset."""
    return markdown_table(estimate(scenarios()))


def replace_region(text: str, content: str) -> str:
    if not _MARKERS.search(text):
        raise ValueError(f"no <!-- BEGIN GENERATED: {REGION} --> … <!-- END GENERATED: {REGION} --> region")
    return _MARKERS.sub(lambda m: m.group(1) + content + m.group(3), text, count=1)


def region_content(text: str) -> str | None:
    match = _MARKERS.search(text)
    return match.group(2) if match else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m pipeline.glue.transforms.scan_estimate",
        description="Athena cost of a one-day query on JSON vs Parquet, partitioned or not.",
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--write", type=Path, metavar="MARKDOWN", help=f"rewrite the '{REGION}' region of this file"
    )
    group.add_argument("--check", type=Path, metavar="MARKDOWN", help="exit 1 if that region is out of date")
    args = parser.parse_args(argv)
    table = generated_table()
    if args.write:
        args.write.write_text(replace_region(args.write.read_text(encoding="utf-8"), table), encoding="utf-8")
        print(f"Updated the {REGION} table in {args.write}")
    elif args.check:
        if region_content(args.check.read_text(encoding="utf-8")) != table:
            print(
                f"{args.check}: the {REGION} table is out of date; run with --write {args.check}",
                file=sys.stderr,
            )
            return 1
        print(f"{args.check}: the {REGION} table is up to date")
    else:
        sys.stdout.write(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
