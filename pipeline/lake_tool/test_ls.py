from pathlib import Path
from typing import TYPE_CHECKING

import boto3

if TYPE_CHECKING:
    from pipeline.lake_tool.conftest import Lake, RunCli


def upload(run_cli: "RunCli", lake_env: "Lake", file: Path, dataset: str, day: str) -> None:
    result = run_cli("upload", str(file), "--dataset", dataset, "--date", day, *lake_env.options())
    assert result.code == 0, result.err


def listed_keys(out: str) -> list[str]:
    """Keys in listing order: the last column of the table rows (header and total line excluded)."""
    rows = [line for line in out.splitlines() if line and not line.startswith(("LAST MODIFIED", "Total:"))]
    return [row.split()[-1] for row in rows]


def write(tmp_path: Path, name: str, size: int) -> Path:
    file = tmp_path / name
    file.write_bytes(b"x" * size)
    return file


def test_lists_uploaded_objects_newest_last_with_a_total(
    lake_env: "Lake", run_cli: "RunCli", tmp_path: Path
) -> None:
    lake_env.create("raw")
    files = [
        (write(tmp_path, "a.csv", 10), "orders", "2024-03-07"),
        (write(tmp_path, "b.csv", 2000), "orders", "2024-03-08"),
        (write(tmp_path, "c.json", 300), "web_events", "2024-03-07"),
    ]
    for file, dataset, day in files:
        upload(run_cli, lake_env, file, dataset, day)

    result = run_cli("ls", *lake_env.options())

    assert result.code == 0, result.err
    listed = boto3.client("s3").list_objects_v2(Bucket=lake_env.bucket("raw"))["Contents"]
    expected = [o["Key"] for o in sorted(listed, key=lambda o: (o["LastModified"], o["Key"]))]
    assert listed_keys(result.out) == expected
    total = sum(file.stat().st_size for file, _, _ in files)
    assert f"Total: 3 objects, 2.3 KiB ({total:,} bytes) in s3://{lake_env.bucket('raw')}/" in result.out


def test_dataset_option_lists_only_that_dataset(lake_env: "Lake", run_cli: "RunCli", tmp_path: Path) -> None:
    lake_env.create("raw")
    upload(run_cli, lake_env, write(tmp_path, "a.csv", 5), "orders", "2024-03-07")
    upload(run_cli, lake_env, write(tmp_path, "b.csv", 7), "orders_v2", "2024-03-07")
    upload(run_cli, lake_env, write(tmp_path, "c.csv", 9), "customers", "2024-03-07")

    result = run_cli("ls", "--dataset", "orders", *lake_env.options())

    assert result.code == 0, result.err
    assert listed_keys(result.out) == ["uploads/orders/year=2024/month=03/day=07/a.csv"]
    assert f"Total: 1 object, 5 B in s3://{lake_env.bucket('raw')}/uploads/orders/" in result.out


def test_zone_option_lists_another_bucket(lake_env: "Lake", run_cli: "RunCli", tmp_path: Path) -> None:
    lake_env.create("raw", "clean")
    upload(run_cli, lake_env, write(tmp_path, "a.csv", 5), "orders", "2024-03-07")
    clean_key = "orders/year=2024/month=03/day=07/part-0000.parquet"
    boto3.client("s3").put_object(Bucket=lake_env.bucket("clean"), Key=clean_key, Body=b"PAR1")

    result = run_cli("ls", "--zone", "clean", *lake_env.options())

    assert result.code == 0, result.err
    assert listed_keys(result.out) == [clean_key]
    assert f"in s3://{lake_env.bucket('clean')}/" in result.out


def test_missing_zone_bucket_names_it_and_the_deploy_command(lake_env: "Lake", run_cli: "RunCli") -> None:
    lake_env.create("raw")

    result = run_cli("ls", "--zone", "curated", *lake_env.options())

    assert result.code == 1
    bucket = lake_env.bucket("curated")
    assert f"Bucket {bucket} does not exist (NoSuchBucket from ListObjectsV2)" in result.err
    assert f"npx cdk deploy '{lake_env.env}/foundation'" in result.err


def test_empty_zone_says_so_and_how_to_fill_it(lake_env: "Lake", run_cli: "RunCli") -> None:
    lake_env.create("raw")

    result = run_cli("ls", "--dataset", "orders", *lake_env.options())

    assert result.code == 0, result.err
    assert f"No objects in s3://{lake_env.bucket('raw')}/uploads/orders/ yet." in result.out
    assert f"upload FILE --dataset orders --env {lake_env.env}" in result.out


def test_unknown_zone_is_a_usage_error(lake_env: "Lake", run_cli: "RunCli") -> None:
    result = run_cli("ls", "--zone", "gold", *lake_env.options())

    assert result.code == 2
    assert "invalid choice: 'gold'" in result.err
