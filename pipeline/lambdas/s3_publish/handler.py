"""CloudFormation custom resource: publishes a zip asset as loose files into a bucket, the way Airflow (MWAA)
wants its DAGs, plus a few text files written from the stack (a startup script, requirements).

Resource properties:
  SourceBucket, SourceKey   the zip (a CDK asset)
  DestinationBucket         where the files go
  Prefix                    folder for the zip's files, e.g. "dags/"; objects under it not in the zip are
                            deleted, so a DAG removed from the repository leaves Airflow too
  Files                     {"key": "text"} written as they are, outside Prefix
Returns Data {"<key>": "<version id>"} for each of Files: MWAA pins its startup script and requirements
by object version. Permissions: s3:GetObject on the source; s3:ListBucket, s3:PutObject, s3:DeleteObject on
the destination.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from common.config import client
from common.custom_resource import serve
from common.log import log

S3 = client("s3", attempts=8, connect_timeout=5, read_timeout=60)


def handler(event: dict[str, Any], context: Any) -> None:
    serve(event, context, apply)


def apply(event: dict[str, Any], context: Any) -> dict[str, Any]:
    properties = event["ResourceProperties"]
    destination = properties["DestinationBucket"]
    prefix = properties["Prefix"]
    physical_id = event.get("PhysicalResourceId") or f"s3-publish-{destination}-{prefix}"
    if event["RequestType"] == "Delete":
        # The bucket goes with its stack (emptied in dev, kept elsewhere): nothing to undo here.
        return {"PhysicalResourceId": physical_id}
    archive = S3.get_object(Bucket=properties["SourceBucket"], Key=properties["SourceKey"])["Body"].read()
    published = set()
    with zipfile.ZipFile(io.BytesIO(archive)) as bundle:
        for entry in bundle.infolist():
            if entry.is_dir():
                continue
            key = f"{prefix}{entry.filename}"
            S3.put_object(Bucket=destination, Key=key, Body=bundle.read(entry))
            published.add(key)
    stale = [key for key in _keys(destination, prefix) if key not in published]
    for key in stale:
        S3.delete_object(Bucket=destination, Key=key)
    versions = {}
    for key, text in properties.get("Files", {}).items():
        versions[key] = S3.put_object(Bucket=destination, Key=key, Body=text.encode())["VersionId"]
    log("INFO", "published", bucket=destination, prefix=prefix, files=len(published), removed=len(stale))
    return {"PhysicalResourceId": physical_id, "Data": versions}


def _keys(bucket: str, prefix: str) -> list[str]:
    keys: list[str] = []
    for page in S3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys.extend(item["Key"] for item in page.get("Contents", []))
    return keys
