"""The publisher against moto's S3 over HTTP: a zip asset in, loose files and object versions out."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import boto3
import pytest

from pipeline.lambdas.testing.context import Context
from pipeline.lambdas.testing.handlers import LoadHandler

ASSETS, DAGS = "cdk-assets", "launchpad-test-airflow"


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        bundle.writestr("sql/", "")  # a folder entry, as zip tools write them
        for name, text in files.items():
            bundle.writestr(name, text)
    return buffer.getvalue()


@pytest.fixture
def s3(aws_env: dict[str, str]) -> Any:
    client = boto3.client("s3")
    for bucket in (ASSETS, DAGS):
        client.create_bucket(Bucket=bucket)
    client.put_bucket_versioning(Bucket=DAGS, VersioningConfiguration={"Status": "Enabled"})
    return client


def request(kind: str, source_key: str, files: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "RequestType": kind,
        "ResourceProperties": {
            "SourceBucket": ASSETS,
            "SourceKey": source_key,
            "DestinationBucket": DAGS,
            "Prefix": "dags/",
            "Files": files or {},
        },
    }


def keys(s3: Any) -> list[str]:
    return sorted(item["Key"] for item in s3.list_objects_v2(Bucket=DAGS).get("Contents", []))


def test_publishes_the_zip_as_files_and_returns_the_versions_of_the_text_files(
    s3: Any, load_handler: LoadHandler, context: Context
):
    s3.put_object(
        Bucket=ASSETS, Key="v1.zip", Body=zipped({"ride_pipeline.py": "dag = 1", "sql/q.sql": "SELECT 1"})
    )
    module = load_handler("s3_publish")
    result = module.apply(request("Create", "v1.zip", {"startup.sh": "export A=1\n"}), context)
    assert keys(s3) == ["dags/ride_pipeline.py", "dags/sql/q.sql", "startup.sh"]
    assert s3.get_object(Bucket=DAGS, Key="dags/sql/q.sql")["Body"].read() == b"SELECT 1"
    version = s3.head_object(Bucket=DAGS, Key="startup.sh")["VersionId"]
    assert result["Data"] == {"startup.sh": version}


def test_an_update_removes_the_files_that_left_the_zip(s3: Any, load_handler: LoadHandler, context: Context):
    s3.put_object(Bucket=ASSETS, Key="v1.zip", Body=zipped({"old_dag.py": "x", "keep.py": "1"}))
    s3.put_object(Bucket=ASSETS, Key="v2.zip", Body=zipped({"keep.py": "2"}))
    module = load_handler("s3_publish")
    module.apply(request("Create", "v1.zip"), context)
    module.apply({**request("Update", "v2.zip"), "PhysicalResourceId": "p"}, context)
    assert keys(s3) == ["dags/keep.py"]
    assert s3.get_object(Bucket=DAGS, Key="dags/keep.py")["Body"].read() == b"2"


def test_delete_leaves_the_bucket_to_its_stack(s3: Any, load_handler: LoadHandler, context: Context):
    s3.put_object(Bucket=DAGS, Key="dags/keep.py", Body=b"1")
    module = load_handler("s3_publish")
    result = module.apply({**request("Delete", "gone.zip"), "PhysicalResourceId": "p"}, context)
    assert result == {"PhysicalResourceId": "p"}
    assert keys(s3) == ["dags/keep.py"]


def test_a_missing_asset_fails_with_s3s_error(s3: Any, load_handler: LoadHandler, context: Context):
    module = load_handler("s3_publish")
    with pytest.raises(Exception, match="NoSuchKey"):
        module.apply(request("Create", "missing.zip"), context)
