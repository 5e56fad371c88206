"""The data lake as the CDK code builds it: bucket names, which exist, partitioned uploads, listings."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError

# infra/constructs/data-lake.ts: the zones data moves through, then the two service buckets.
ZONES = ("raw", "clean", "curated")
PURPOSES = (*ZONES, "athena-results", "access-logs")

# boto3 switches to parallel multipart uploads above this size (and the CLI shows progress).
MULTIPART_THRESHOLD = 8 * 1024 * 1024
TRANSFER = TransferConfig(multipart_threshold=MULTIPART_THRESHOLD, multipart_chunksize=MULTIPART_THRESHOLD)

# A dataset is one folder (and later one Glue table): no slashes or '=' that would break the partition layout.
DATASET_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def bucket_name(project: str, env: str, purpose: str, account: str) -> str:
    """`{project}-{env}-{purpose}-{account}` as lib/config/resource-names.ts; the account makes it unique."""
    return f"{project}-{env}-{purpose}-{account}"


def lake_buckets(project: str, env: str, account: str) -> dict[str, str]:
    """Purpose -> bucket name for every bucket of one environment's lake."""
    return {purpose: bucket_name(project, env, purpose, account) for purpose in PURPOSES}


@dataclass(frozen=True)
class BucketStatus:
    purpose: str
    name: str
    # "exists", "missing", or "forbidden": S3 answers 403 without saying whether the bucket exists.
    state: str


def discover(s3: Any, buckets: dict[str, str]) -> list[BucketStatus]:
    """HeadBucket on each bucket: 404 means not deployed; 403 means these credentials may not list it."""
    statuses = []
    for purpose, name in buckets.items():
        try:
            s3.head_bucket(Bucket=name)
            state = "exists"
        except ClientError as error:
            code = str(error.response.get("Error", {}).get("Code"))
            if code in ("404", "NoSuchBucket", "NotFound"):
                state = "missing"
            elif code in ("403", "AccessDenied", "Forbidden"):
                state = "forbidden"
            else:
                raise
        statuses.append(BucketStatus(purpose, name, state))
    return statuses


def parse_day(text: str) -> date:
    """A YYYY-MM-DD date; ValueError says what is wrong with anything else."""
    if not ISO_DAY.fullmatch(text):
        raise ValueError(f"'{text}' is not in the form YYYY-MM-DD (e.g. 2024-03-07)")
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError as error:
        raise ValueError(f"'{text}' is not a calendar date ({error})") from None


def check_dataset(name: str) -> str:
    if not DATASET_NAME.fullmatch(name):
        raise ValueError(
            f"'{name}' is not a dataset name: use lower-case letters, digits, '_' and '-' "
            "(1 to 100 characters, starting with a letter or digit), e.g. orders or web_events"
        )
    return name


# Files people upload land under uploads/ in the raw zone, apart from what Firehose delivers (stream/) and
# what the validator rejects (quarantine/); the validator function watches uploads/ only.
RAW_UPLOADS = "uploads/"


def dataset_prefix(dataset: str, zone: str = "raw") -> str:
    # The trailing slash keeps `orders` from matching `orders_v2`.
    return f"{RAW_UPLOADS if zone == 'raw' else ''}{dataset}/"


def partition_key(dataset: str, day: date, file_name: str) -> str:
    """Hive-style partitions that Glue crawlers and Athena read: uploads/dataset/year=/month=/day=/file."""
    return f"{dataset_prefix(dataset)}year={day:%Y}/month={day:%m}/day={day:%d}/{file_name}"


def upload(
    s3: Any, path: Path, bucket: str, key: str, on_progress: Callable[[int], None] | None = None
) -> None:
    """Managed upload: multipart with parallel parts and per-part retries above MULTIPART_THRESHOLD."""
    s3.upload_file(str(path), bucket, key, Callback=on_progress, Config=TRANSFER)


@dataclass(frozen=True)
class LakeObject:
    key: str
    size: int
    last_modified: datetime


def list_objects(s3: Any, bucket: str, prefix: str = "", page_size: int | None = None) -> list[LakeObject]:
    """Every object under `prefix`, newest last; follows ListObjectsV2 continuation tokens."""
    paging = {"PageSize": page_size} if page_size else {}
    paginator = s3.get_paginator("list_objects_v2")
    pages = paginator.paginate(Bucket=bucket, Prefix=prefix, PaginationConfig=paging)
    return newest_last(
        LakeObject(item["Key"], item["Size"], item["LastModified"])
        for page in pages
        for item in page.get("Contents", [])
    )


def newest_last(objects: Iterable[LakeObject]) -> list[LakeObject]:
    # Key breaks ties: S3 timestamps have one-second resolution, and a stable order reads better.
    return sorted(objects, key=lambda o: (o.last_modified, o.key))
