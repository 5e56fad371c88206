"""Check that what the deploy stage shipped is what runs: a light smoke test, honest about its reach.

    DEPLOY_TARGETS='{...}' python3 -m pipeline.delivery.smoke dist

For each function: Lambda reports it Active, its last update Successful, and its code's SHA-256 equal to
the packaged zip's (so the deployed code is this commit's). For each Glue file: the object the job reads
carries this package's SHA-256. It sends no data through the pipeline: `npm run smoke -- --env <env>`
does that end to end (API → stream → lake → Glue → Athena) and takes minutes and a few cents.
"""

from __future__ import annotations

import argparse
import base64
from pathlib import Path

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from pipeline.delivery.deploy import META_SHA256
from pipeline.delivery.package import read_manifest
from pipeline.delivery.targets import Targets, TargetsError, targets_from_env

_CONFIG = Config(retries={"mode": "standard", "max_attempts": 8})


def lambda_code_sha256(hex_digest: str) -> str:
    """Lambda reports CodeSha256 as the base64 of the digest, not hex."""
    return base64.b64encode(bytes.fromhex(hex_digest)).decode("ascii")


def check(package: Path, targets: Targets, lambda_client=None, s3_client=None) -> list[str]:
    """One problem per line; an empty list means every check passed."""
    manifest = read_manifest(package)["artifacts"]
    lambda_client = lambda_client or boto3.client("lambda", config=_CONFIG)
    s3_client = s3_client or boto3.client("s3", config=_CONFIG)
    problems: list[str] = []
    for function in targets.functions:
        try:
            config = lambda_client.get_function_configuration(FunctionName=function.name)
        except lambda_client.exceptions.ResourceNotFoundException:
            problems.append(f"{function.name}: no such function")
            continue
        state, update = config.get("State"), config.get("LastUpdateStatus")
        if state != "Active":
            problems.append(f"{function.name}: state {state} ({config.get('StateReason', 'no reason')})")
        if update != "Successful":
            problems.append(f"{function.name}: last update {update} ({config.get('LastUpdateStatusReason')})")
        if config.get("CodeSha256") != lambda_code_sha256(manifest[function.artifact]):
            problems.append(f"{function.name}: its code is not {function.artifact} of this package")
    for target in targets.objects:
        try:
            head = s3_client.head_object(Bucket=target.bucket, Key=target.key)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") not in ("404", "NoSuchKey"):
                raise
            problems.append(f"{target.url}: no such object")
            continue
        if head.get("Metadata", {}).get(META_SHA256) != manifest[target.artifact]:
            problems.append(f"{target.url}: not {target.artifact} of this package")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m pipeline.delivery.smoke",
        description="Check the deployed functions and Glue files are this package's, and healthy.",
    )
    parser.add_argument("package", type=Path, help="folder written by pipeline.delivery.package")
    args = parser.parse_args(argv)
    try:
        targets = targets_from_env()
        problems = check(args.package, targets)
    except TargetsError as error:
        print(f"error: {error}")
        return 1
    for problem in problems:
        print(f"FAILED {problem}")
    checked = len(targets.functions) + len(targets.objects)
    print(f"{checked} deployed target(s) checked, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
