"""Ship the package to this environment: new code for each function, the Glue files where the jobs read them.

    DEPLOY_TARGETS='{...}' python3 -m pipeline.delivery.deploy dist

Functions: UpdateFunctionCode with the zip itself (no S3 staging; the zips are far below Lambda's 50 MB
direct-upload limit), then wait until Lambda reports the update Successful. Glue files: PutObject over the
script and library objects the jobs' definitions point at, with the artifact's SHA-256 and the commit in
the object metadata for the smoke test. CloudFormation still records the code of the last `cdk deploy`:
the next deploy of a changed stack replaces what this shipped with what is committed then.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import boto3
from botocore.config import Config

from pipeline.delivery.package import read_manifest
from pipeline.delivery.targets import Targets, TargetsError, targets_from_env

META_SHA256 = "launchpad-sha256"
META_COMMIT = "launchpad-commit"
_CONFIG = Config(retries={"mode": "standard", "max_attempts": 8})


def deploy(package: Path, targets: Targets, commit: str, lambda_client=None, s3_client=None) -> list[str]:
    """Ships every target; returns one line per step done. Stops at the first failure (the stage fails)."""
    manifest = read_manifest(package)["artifacts"]
    missing = [a for a in targets.artifacts if a not in manifest]
    if missing:
        raise TargetsError(f"the package has no {', '.join(missing)}: was it built with the same targets?")
    lambda_client = lambda_client or boto3.client("lambda", config=_CONFIG)
    s3_client = s3_client or boto3.client("s3", config=_CONFIG)
    done: list[str] = []
    for function in targets.functions:
        lambda_client.update_function_code(
            FunctionName=function.name, ZipFile=(package / function.artifact).read_bytes()
        )
        lambda_client.get_waiter("function_updated").wait(
            FunctionName=function.name, WaiterConfig={"Delay": 2, "MaxAttempts": 60}
        )
        done.append(f"function {function.name} ← {function.artifact}")
    for target in targets.objects:
        s3_client.put_object(
            Bucket=target.bucket,
            Key=target.key,
            Body=(package / target.artifact).read_bytes(),
            Metadata={META_SHA256: manifest[target.artifact], META_COMMIT: commit},
        )
        done.append(f"object {target.url} ← {target.artifact}")
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m pipeline.delivery.deploy",
        description="Update the functions' code and publish the Glue files named in DEPLOY_TARGETS.",
    )
    parser.add_argument("package", type=Path, help="folder written by pipeline.delivery.package")
    args = parser.parse_args(argv)
    try:
        lines = deploy(args.package, targets_from_env(), os.environ.get("COMMIT_SHA", "unknown"))
    except TargetsError as error:
        print(f"error: {error}")
        return 1
    print("\n".join(lines) or "Nothing to deploy: no function or Glue job in this environment.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
