"""Timestamps and the partition layout: parsing, UTC conversion, zero-padding, the paths Glue uses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from pipeline.glue.transforms.partitions import (
    CLEAN_PARTITION_KEYS,
    CURATED_PARTITION_KEYS,
    FIREHOSE_PARTITION_KEYS,
    parse_partition_path,
    partition_path,
    partition_values,
    raw_source_paths,
)
from pipeline.glue.transforms.times import parse_timestamp

UTC = UTC


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-07T09:05:00Z", datetime(2024, 3, 7, 9, 5, tzinfo=UTC)),
        ("2024-03-07T09:05:00.123456Z", datetime(2024, 3, 7, 9, 5, 0, 123456, tzinfo=UTC)),
        ("2024-03-07T09:05:00.5Z", datetime(2024, 3, 7, 9, 5, 0, 500000, tzinfo=UTC)),
        ("2024-03-07T09:05:00.123456789Z", datetime(2024, 3, 7, 9, 5, 0, 123456, tzinfo=UTC)),
        ("2024-03-07T11:05:00+02:00", datetime(2024, 3, 7, 9, 5, tzinfo=UTC)),
        ("2024-03-07T02:05:00-0700", datetime(2024, 3, 7, 9, 5, tzinfo=UTC)),
        ("2024-03-07T14:35:00+05:30", datetime(2024, 3, 7, 9, 5, tzinfo=UTC)),
        ("2024-03-07T10:05:00+01", datetime(2024, 3, 7, 9, 5, tzinfo=UTC)),
        ("2024-03-07 09:05:00", datetime(2024, 3, 7, 9, 5, tzinfo=UTC)),  # no zone: UTC
        ("2024-03-07T09:05Z", datetime(2024, 3, 7, 9, 5, tzinfo=UTC)),
        ("  2024-03-07t09:05:00z  ", datetime(2024, 3, 7, 9, 5, tzinfo=UTC)),
    ],
)
def test_parses_iso_8601_to_aware_utc(text: str, expected: datetime) -> None:
    parsed = parse_timestamp(text)
    assert parsed == expected
    assert parsed is not None
    assert parsed.utcoffset() == timedelta(0)


def test_datetimes_are_converted_and_naive_ones_taken_as_utc() -> None:
    berlin = timezone(timedelta(hours=1))
    assert parse_timestamp(datetime(2024, 1, 1, 0, 30, tzinfo=berlin)) == datetime(
        2023, 12, 31, 23, 30, tzinfo=UTC
    )
    naive = parse_timestamp(datetime(2024, 1, 1, 0, 30))
    assert naive == datetime(2024, 1, 1, 0, 30, tzinfo=UTC)
    assert naive.tzinfo is UTC


@pytest.mark.parametrize(
    "value",
    [
        "2024-03-07",  # a date is not a time
        "2024-02-30T10:00:00Z",  # no such day
        "2024-03-07T25:00:00Z",
        "2024-03-07T10:00:00+24:00",  # offsets stay under 24 hours
        "07/03/2024 10:00",
        "yesterday",
        "",
        1709802300,  # epoch numbers are refused, not guessed (seconds? milliseconds?)
        1709802300.5,
        None,
        True,
        {"time": "2024-03-07T10:00:00Z"},
    ],
)
def test_refuses_what_is_not_a_timestamp(value: object) -> None:
    assert parse_timestamp(value) is None


def test_partition_values_are_zero_padded_strings() -> None:
    assert partition_values("2024-03-07T09:05:00Z") == {"year": "2024", "month": "03", "day": "07"}
    assert partition_values("2024-11-25T09:05:00Z") == {"year": "2024", "month": "11", "day": "25"}
    assert partition_values("0999-01-02T00:00:00Z") == {"year": "0999", "month": "01", "day": "02"}
    assert partition_values("2024-03-07T09:05:00Z", FIREHOSE_PARTITION_KEYS)["hour"] == "09"


@pytest.mark.parametrize(
    ("local_time", "path"),
    [
        # New Year's Eve in the Azores is already next year in UTC: the UTC date decides the folder.
        ("2024-12-31T23:30:00-01:00", "year=2025/month=01/day=01"),
        # Just after midnight in Berlin is still the previous day, month and year in UTC.
        ("2024-01-01T00:30:00+01:00", "year=2023/month=12/day=31"),
        ("2024-02-29T12:00:00Z", "year=2024/month=02/day=29"),
    ],
)
def test_partitions_follow_the_utc_date(local_time: str, path: str) -> None:
    assert partition_path(local_time) == path


def test_layouts_of_each_zone() -> None:
    moment = "2024-03-07T09:05:00Z"
    assert CLEAN_PARTITION_KEYS == ("year", "month", "day")
    assert CURATED_PARTITION_KEYS == ("year", "month")
    assert partition_path(moment) == "year=2024/month=03/day=07"
    assert partition_path(moment, CURATED_PARTITION_KEYS) == "year=2024/month=03"
    assert partition_path(moment, FIREHOSE_PARTITION_KEYS) == "year=2024/month=03/day=07/hour=09"


def test_parse_partition_path_inverts_partition_path() -> None:
    key = "s3://launchpad-dev-clean-123456789012/rides/year=2024/month=03/day=07/part-00000.snappy.parquet"
    assert parse_partition_path(key) == {"year": "2024", "month": "03", "day": "07"}
    assert parse_partition_path(partition_path("2024-03-07T09:05:00Z")) == partition_values(
        "2024-03-07T09:05:00Z"
    )


def test_unknown_partition_key_and_bad_time_are_errors() -> None:
    with pytest.raises(ValueError, match="unknown partition key 'week'"):
        partition_values("2024-03-07T09:05:00Z", ("year", "week"))
    with pytest.raises(ValueError, match="not a timestamp"):
        partition_values("soon")


@pytest.mark.parametrize(
    "raw_path", ["s3://launchpad-dev-raw-123456789012", "s3://launchpad-dev-raw-123456789012/"]
)
def test_raw_source_paths(raw_path: str) -> None:
    # The folders the ingestion stack writes: Firehose under stream/rides/, uploads under uploads/rides/.
    assert raw_source_paths(raw_path) == [
        "s3://launchpad-dev-raw-123456789012/stream/rides/",
        "s3://launchpad-dev-raw-123456789012/uploads/rides/",
    ]
