"""The Athena scan arithmetic behind docs/guides/partitioning.md, and that the guide shows its output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.glue.transforms import scan_estimate
from pipeline.glue.transforms.scan_estimate import (
    BYTES_PER_GB,
    BYTES_PER_MB,
    Dataset,
    billed_mb,
    estimate,
    format_usd,
    generated_table,
    query_cost,
    replace_region,
    scanned_bytes,
    scenarios,
)

REPOSITORY = Path(__file__).resolve().parents[2]
GUIDE = REPOSITORY / "docs" / "guides" / "partitioning.md"
PRICES = REPOSITORY / "lib" / "cost" / "catalog" / "us-east-1.json"


def test_scanned_bytes() -> None:
    year = 365 * BYTES_PER_MB
    assert scanned_bytes(year, 365, 1, partitioned=False) == year  # every file
    assert scanned_bytes(year, 365, 1, partitioned=True) == BYTES_PER_MB  # one day's folder
    assert scanned_bytes(year, 365, 7, partitioned=True) == 7 * BYTES_PER_MB
    assert scanned_bytes(year, 365, 1, partitioned=True, column_fraction=0.25) == BYTES_PER_MB // 4
    with pytest.raises(ValueError, match="column_fraction"):
        scanned_bytes(year, 365, 1, partitioned=True, column_fraction=0)
    with pytest.raises(ValueError, match="days_queried"):
        scanned_bytes(year, 365, 366, partitioned=True)


def test_billing_rounds_up_to_a_megabyte_with_a_10_mb_minimum() -> None:
    assert billed_mb(1) == 10
    assert billed_mb(10 * BYTES_PER_MB) == 10
    assert billed_mb(10 * BYTES_PER_MB + 1) == 11
    assert billed_mb(int(14.03 * BYTES_PER_MB)) == 15


def test_query_cost() -> None:
    assert query_cost(1024 * BYTES_PER_GB) == 5.0  # 1 TB at $5 per TB
    assert query_cost(30 * BYTES_PER_GB) == pytest.approx(0.146484375)
    assert query_cost(1) == pytest.approx(10 / 1024**2 * 5)  # the minimum: $0.0000477


def test_the_example_dataset() -> None:
    rows = {e.layout: e for e in estimate(scenarios(Dataset()))}
    json_full = rows["JSON, not partitioned"]
    assert (json_full.scanned_bytes, json_full.billed_mb) == (30 * BYTES_PER_GB, 30 * 1024)
    parquet_full = rows["Parquet, not partitioned"]
    assert parquet_full.billed_mb == 5 * 1024
    by_day = rows["Parquet, partitioned by day"]
    assert by_day.scanned_bytes == pytest.approx(5 * BYTES_PER_GB / 365, abs=1)  # 14.03 MB
    assert by_day.billed_mb == 15
    assert json_full.usd_per_query / by_day.usd_per_query == pytest.approx(2048)
    few_columns = rows["Parquet, partitioned by day, 3 of 17 columns"]
    assert few_columns.billed_mb == 10
    assert few_columns.note == "the 10 MB minimum applies"


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (146.484375, "$146.48"),
        (0.146, "$0.15"),
        (0.01, "$0.01"),
        (0.000406, "$0.00041"),
        (0.0000715, "$0.000072"),
        (0, "$0.00"),
    ],
)
def test_format_usd(amount: float, text: str) -> None:
    assert format_usd(amount) == text


def test_the_guide_shows_the_generated_table() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert scan_estimate.region_content(text) == generated_table(), (
        "docs/guides/partitioning.md is out of date: "
        "python3 -m pipeline.glue.transforms.scan_estimate --write docs/guides/partitioning.md"
    )


def test_write_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "intro\n<!-- BEGIN GENERATED: scan-estimate -->\nold\n<!-- END GENERATED: scan-estimate -->\nend\n"
    )
    assert scan_estimate.main(["--check", str(page)]) == 1
    assert scan_estimate.main(["--write", str(page)]) == 0
    assert scan_estimate.main(["--check", str(page)]) == 0
    text = page.read_text()
    assert text.startswith("intro\n")
    assert text.endswith("end\n")
    assert generated_table() in text
    assert scan_estimate.main([]) == 0
    assert "| Layout |" in capsys.readouterr().out
    with pytest.raises(ValueError, match="no <!-- BEGIN GENERATED"):
        replace_region("no markers", "x")


def test_price_matches_the_catalog() -> None:
    athena = json.loads(PRICES.read_text(encoding="utf-8"))["prices"]["athena.data-scanned"]
    assert athena["tiers"][0]["usd"] == scan_estimate.ATHENA_USD_PER_TB
    assert "10 MB minimum" in athena["description"]
