from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

import boto3
import pytest

from pipeline.lake_tool import lake

if TYPE_CHECKING:
    from pipeline.lake_tool.conftest import Lake


def test_bucket_names_follow_the_cdk_convention() -> None:
    names = lake.lake_buckets("shop", "stage", "210987654321")

    assert set(names) == {"raw", "clean", "curated", "athena-results", "access-logs"}
    for purpose, name in names.items():
        assert name == f"shop-stage-{purpose}-210987654321"


def test_partition_key_is_hive_style_and_zero_padded() -> None:
    assert (
        lake.partition_key("orders", date(2024, 3, 7), "o.csv")
        == "uploads/orders/year=2024/month=03/day=07/o.csv"
    )
    assert lake.partition_key("web_events", date(1999, 12, 31), "e.json") == (
        "uploads/web_events/year=1999/month=12/day=31/e.json"
    )


def test_parse_day_accepts_calendar_dates() -> None:
    assert lake.parse_day("2024-02-29") == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023-02-29", "not a calendar date"),
        ("2024-13-01", "not a calendar date"),
        ("2024-2-3", "not in the form YYYY-MM-DD"),
        ("07/03/2024", "not in the form YYYY-MM-DD"),
        ("20240307", "not in the form YYYY-MM-DD"),
        ("2024-03-07\n", "not in the form YYYY-MM-DD"),
        ("٢٠٢٤-03-07", "not in the form YYYY-MM-DD"),
        ("", "not in the form YYYY-MM-DD"),
    ],
)
def test_parse_day_rejects_other_text(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        lake.parse_day(text)


@pytest.mark.parametrize("name", ["orders", "web_events", "2024-exports", "a"])
def test_dataset_names_that_make_one_folder(name: str) -> None:
    assert lake.check_dataset(name) == name


@pytest.mark.parametrize(
    "name", ["", "Orders", "a/b", "year=2024", "-x", "_x", "with space", "orders\n", "x" * 101]
)
def test_dataset_names_that_would_break_the_layout(name: str) -> None:
    with pytest.raises(ValueError, match="is not a dataset name"):
        lake.check_dataset(name)


def test_discover_tells_deployed_from_missing(lake_env: "Lake") -> None:
    lake_env.create("raw", "clean")
    names = lake.lake_buckets(lake_env.project, lake_env.env, lake_env.account)

    statuses = lake.discover(boto3.client("s3"), names)

    assert {s.name: s.state for s in statuses} == {
        lake_env.bucket("raw"): "exists",
        lake_env.bucket("clean"): "exists",
        lake_env.bucket("curated"): "missing",
        lake_env.bucket("athena-results"): "missing",
        lake_env.bucket("access-logs"): "missing",
    }


def test_list_objects_follows_every_page(lake_env: "Lake") -> None:
    lake_env.create("raw")
    bucket = lake_env.bucket("raw")
    s3 = boto3.client("s3")
    keys = [f"uploads/orders/year=2024/month=01/day={day:02d}/part.csv" for day in range(1, 8)]
    for key in keys:
        s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
    s3.put_object(Bucket=bucket, Key="orders_v2/other.csv", Body=b"not orders")
    calls = []
    s3.meta.events.register("after-call.s3.ListObjectsV2", lambda **_: calls.append(1))

    objects = lake.list_objects(s3, bucket, lake.dataset_prefix("orders"), page_size=2)

    assert sorted(o.key for o in objects) == keys
    assert [o.size for o in objects] == [len(o.key) for o in objects]
    assert len(calls) == 4  # 7 objects, 2 a page


def test_newest_last_orders_by_time_then_key() -> None:
    t0 = datetime(2024, 3, 7, 12, 0, tzinfo=UTC)
    objects = [
        lake.LakeObject("b", 1, t0 + timedelta(seconds=5)),
        lake.LakeObject("c", 1, t0),
        lake.LakeObject("a", 1, t0),
        lake.LakeObject("d", 1, t0 - timedelta(days=1)),
    ]

    assert [o.key for o in lake.newest_last(objects)] == ["d", "a", "c", "b"]
