import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import boto3

if TYPE_CHECKING:
    from pipeline.lake_tool.conftest import Lake, RunCli


def keys_in(bucket: str) -> list[str]:
    return [o["Key"] for o in boto3.client("s3").list_objects_v2(Bucket=bucket).get("Contents", [])]


def read_back(bucket: str, key: str) -> bytes:
    return boto3.client("s3").get_object(Bucket=bucket, Key=key)["Body"].read()


def test_upload_puts_the_file_under_todays_partition(
    lake_env: "Lake", run_cli: "RunCli", tmp_path: Path
) -> None:
    lake_env.create("raw")
    data = b"order_id,amount\n1,9.99\n2,15.00\n"
    file = tmp_path / "orders.csv"
    file.write_bytes(data)

    before = datetime.now(UTC).date()
    result = run_cli("upload", str(file), "--dataset", "orders", *lake_env.options())
    after = datetime.now(UTC).date()

    assert result.code == 0, result.err
    [key] = keys_in(lake_env.bucket("raw"))
    assert key in {f"uploads/orders/year={d:%Y}/month={d:%m}/day={d:%d}/orders.csv" for d in (before, after)}
    assert read_back(lake_env.bucket("raw"), key) == data
    assert f"s3://{lake_env.bucket('raw')}/{key}" in result.out
    assert f"{len(data)} B" in result.out


def test_date_option_chooses_the_partition(lake_env: "Lake", run_cli: "RunCli", tmp_path: Path) -> None:
    lake_env.create("raw")
    file = tmp_path / "events.json"
    file.write_text('{"event": "click"}\n')

    options = lake_env.options()
    result = run_cli("upload", str(file), "--dataset", "web_events", "--date", "2024-03-07", *options)

    assert result.code == 0, result.err
    assert keys_in(lake_env.bucket("raw")) == ["uploads/web_events/year=2024/month=03/day=07/events.json"]


def test_bad_date_is_refused_before_anything_is_uploaded(
    lake_env: "Lake", run_cli: "RunCli", tmp_path: Path
) -> None:
    lake_env.create("raw")
    file = tmp_path / "orders.csv"
    file.write_text("x\n")

    result = run_cli("upload", str(file), "--dataset", "orders", "--date", "2024-02-30", *lake_env.options())

    assert result.code == 2
    assert "argument --date: '2024-02-30' is not a calendar date" in result.err
    assert "YYYY-MM-DD" in result.err
    assert keys_in(lake_env.bucket("raw")) == []


def test_bad_dataset_name_is_refused(lake_env: "Lake", run_cli: "RunCli", tmp_path: Path) -> None:
    file = tmp_path / "orders.csv"
    file.write_text("x\n")

    result = run_cli("upload", str(file), "--dataset", "orders/2024", *lake_env.options())

    assert result.code == 2
    assert "'orders/2024' is not a dataset name" in result.err


def test_missing_local_file_is_named(lake_env: "Lake", run_cli: "RunCli", tmp_path: Path) -> None:
    lake_env.create("raw")
    missing = tmp_path / "nope.csv"

    result = run_cli("upload", str(missing), "--dataset", "orders", *lake_env.options())

    assert result.code == 1
    assert f"File not found: {missing}" in result.err
    assert "current directory" in result.err
    assert keys_in(lake_env.bucket("raw")) == []


def test_a_directory_is_not_uploaded(lake_env: "Lake", run_cli: "RunCli", tmp_path: Path) -> None:
    result = run_cli("upload", str(tmp_path), "--dataset", "orders", *lake_env.options())

    assert result.code == 1
    assert "is not a file" in result.err


def test_missing_raw_bucket_names_it_and_the_deploy_command(
    lake_env: "Lake", run_cli: "RunCli", tmp_path: Path
) -> None:
    file = tmp_path / "orders.csv"
    file.write_text("x\n")

    result = run_cli("upload", str(file), "--dataset", "orders", *lake_env.options())

    assert result.code == 1
    assert f"Bucket {lake_env.bucket('raw')} does not exist" in result.err
    assert f"npx cdk deploy '{lake_env.env}/foundation'" in result.err
    assert "Traceback" not in result.err


def test_big_file_goes_up_in_parts_with_progress(lake_env: "Lake", run_cli: "RunCli", tmp_path: Path) -> None:
    lake_env.create("raw")
    data = os.urandom(9 * 1024 * 1024 + 123)
    file = tmp_path / "big.bin"
    file.write_bytes(data)

    result = run_cli("upload", str(file), "--dataset", "blobs", "--date", "2024-01-05", *lake_env.options())

    assert result.code == 0, result.err
    key = "uploads/blobs/year=2024/month=01/day=05/big.bin"
    head = boto3.client("s3").head_object(Bucket=lake_env.bucket("raw"), Key=key)
    assert head["ETag"].strip('"').endswith("-2")  # a multipart upload of two parts
    assert read_back(lake_env.bucket("raw"), key) == data
    assert "uploading 100%" in result.err
    assert f"{len(data):,} bytes" in result.out
