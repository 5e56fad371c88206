"""Command line: argument parsing, the three commands, and what they print."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from . import lake
from .aws import Aws, connect
from .config import DEFAULT_CONFIG_DIR, EnvConfig, display_path, load_config
from .errors import LakeToolError, aws_failures, deploy_command
from .output import Progress, human_size, plural, table

PROG = "python3 -m pipeline.lake_tool"

DESCRIPTION = """\
Practice boto3 against your deployed data lake: see which buckets exist, upload files into the raw
zone under date partitions, and list what arrived. Bucket names follow the CDK code:
{project}-{env}-{purpose}-{account id}, with project and region read from config/<env>.json."""

EPILOG = f"""\
examples:
  {PROG} buckets
  {PROG} upload data/orders.csv --dataset orders
  {PROG} upload data/orders.csv --dataset orders --date 2024-03-07 --env stage --profile stage-admin
  {PROG} ls --dataset orders
  {PROG} ls --zone curated

Run `{PROG} COMMAND --help` for the options of each command.
Guide: docs/guides/lake-tool.md"""


def _date_arg(text: str) -> date:
    try:
        return lake.parse_day(text)
    except ValueError as error:
        hint = "pass --date YYYY-MM-DD, or leave it out for today (UTC)"
        raise argparse.ArgumentTypeError(f"{error}; {hint}") from None


def _dataset_arg(text: str) -> str:
    try:
        return lake.check_dataset(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def build_parser() -> argparse.ArgumentParser:
    # The shared options sit on each command (`upload FILE --env stage`), where people type them.
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("environment and AWS options")
    group.add_argument("--env", default="dev", help="environment; reads config/<env>.json (default: dev)")
    group.add_argument(
        "--profile", help="AWS named profile from ~/.aws/config (default: AWS_PROFILE or the default chain)"
    )
    group.add_argument("--region", help="AWS region (default: the region in the environment's config)")
    group.add_argument(
        "--config-dir",
        type=Path,
        default=DEFAULT_CONFIG_DIR,
        metavar="DIR",
        help="folder holding the <env>.json files (default: the repository's config/, from any directory)",
    )

    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog=PROG, description=DESCRIPTION, epilog=EPILOG, formatter_class=formatter
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command", required=True)

    buckets = commands.add_parser(
        "buckets",
        parents=[common],
        formatter_class=formatter,
        help="list the environment's lake buckets and whether each exists",
        description="List the five lake buckets of the environment (raw, clean, curated, athena-results,\n"
        "access-logs) and whether each exists. For missing ones it prints the CDK command that deploys them.",
        epilog=f"example:\n  {PROG} buckets --env stage --profile stage-admin",
    )
    buckets.set_defaults(run=run_buckets)

    upload = commands.add_parser(
        "upload",
        parents=[common],
        formatter_class=formatter,
        help="upload a file into the raw zone under uploads/dataset/year=/month=/day=",
        description="Upload FILE to the raw bucket at "
        "uploads/{dataset}/year=YYYY/month=MM/day=DD/{file name},\n"
        "the Hive-style layout that Glue crawlers and Athena read as partitions.\n"
        "Files over 8 MiB go up in parallel parts (multipart upload), with progress on stderr.",
        epilog=f"examples:\n  {PROG} upload orders.csv --dataset orders\n"
        f"  {PROG} upload orders-march.csv --dataset orders --date 2024-03-07",
    )
    upload.add_argument("file", type=Path, metavar="FILE", help="the local file to upload")
    upload.add_argument(
        "--dataset",
        required=True,
        type=_dataset_arg,
        metavar="NAME",
        help="dataset (folder) name, e.g. orders",
    )
    upload.add_argument(
        "--date", type=_date_arg, metavar="YYYY-MM-DD", help="partition date (default: today's date in UTC)"
    )
    upload.set_defaults(run=run_upload)

    ls = commands.add_parser(
        "ls",
        parents=[common],
        formatter_class=formatter,
        help="list the objects of a zone, newest last, with a total",
        description="List the objects of one lake zone (last modified, size, key), newest last,\n"
        "and their total.\n"
        "Listing needs s3:ListBucket on the zone's bucket: upload-only credentials do not have it.",
        epilog=f"examples:\n  {PROG} ls\n  {PROG} ls --dataset orders\n  {PROG} ls --zone clean",
    )
    ls.add_argument("--zone", choices=lake.ZONES, default="raw", help="lake zone to list (default: raw)")
    ls.add_argument("--dataset", type=_dataset_arg, metavar="NAME", help="only this dataset's objects")
    ls.set_defaults(run=run_ls)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except LakeToolError as error:
        print(f"lake_tool: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("lake_tool: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`... ls | head`): stop quietly, as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _profile(args: argparse.Namespace) -> str | None:
    """The profile in use, for messages: --profile, else AWS_PROFILE as boto3 reads it."""
    return args.profile or os.environ.get("AWS_PROFILE")


def _open(args: argparse.Namespace) -> tuple[EnvConfig, Aws, str]:
    """Config, session and account id (from STS: bucket names end with it)."""
    config = load_config(args.env, args.config_dir)
    with aws_failures(config.env, _profile(args)):
        aws = connect(args.profile, args.region or config.region)
        return config, aws, aws.account_id()


def run_buckets(args: argparse.Namespace) -> int:
    config, aws, account = _open(args)
    with aws_failures(config.env, _profile(args)):
        statuses = lake.discover(aws.client("s3"), lake.lake_buckets(config.project, config.env, account))
    print(
        f"Data lake of environment {config.env} "
        f"(project {config.project}, account {account}, region {aws.session.region_name})"
    )
    labels = {"exists": "exists", "missing": "not deployed yet", "forbidden": "unknown: access denied (403)"}
    rows = [("PURPOSE", "BUCKET", "STATUS")] + [(s.purpose, s.name, labels[s.state]) for s in statuses]
    print("\n".join(table(rows)))

    missing = [s for s in statuses if s.state == "missing"]
    forbidden = [s for s in statuses if s.state == "forbidden"]
    if missing:
        print(f"\n{len(missing)} of {len(statuses)} buckets are not deployed yet. Deploy them with:")
        print(f"  {deploy_command(config.env)}")
    if forbidden:
        print(
            f"\nThese credentials may not look at {plural(len(forbidden), 'bucket')} "
            "(HeadBucket needs s3:ListBucket),\nso the tool cannot tell whether they exist. "
            "Expected for upload-only credentials, which may only write to raw;\n"
            "otherwise check the permissions of the role behind these credentials."
        )
    return 0


def run_upload(args: argparse.Namespace) -> int:
    path: Path = args.file
    # Local mistakes first: no AWS call for a file that is not there.
    if not path.exists():
        raise LakeToolError(
            f"File not found: {path}",
            f"Check the path; a relative path starts from the current directory ({Path.cwd()}).",
        )
    if not path.is_file():
        raise LakeToolError(f"{path} is not a file.", "Upload one file at a time: pass the path of a file.")
    day = args.date or datetime.now(UTC).date()
    key = lake.partition_key(args.dataset, day, path.name)

    config, aws, account = _open(args)
    bucket = lake.bucket_name(config.project, config.env, "raw", account)
    size = path.stat().st_size
    progress = Progress(size, sys.stderr) if size > lake.MULTIPART_THRESHOLD else None
    try:
        with aws_failures(config.env, _profile(args), bucket):
            lake.upload(aws.client("s3"), path, bucket, key, progress)
    except OSError as error:
        raise LakeToolError(
            f"Cannot read {path}: {error.strerror or error}.", "Check the file's permissions."
        ) from error
    finally:
        if progress:
            progress.close()
    print(f"Uploaded {display_path(path)}, {_size_text(size)}")
    print(f"  to s3://{bucket}/{key}")
    return 0


def run_ls(args: argparse.Namespace) -> int:
    config, aws, account = _open(args)
    bucket = lake.bucket_name(config.project, config.env, args.zone, account)
    prefix = lake.dataset_prefix(args.dataset, args.zone) if args.dataset else ""
    with aws_failures(config.env, _profile(args), bucket):
        objects = lake.list_objects(aws.client("s3"), bucket, prefix)
    where = f"s3://{bucket}/{prefix}"
    if not objects:
        print(f"No objects in {where} yet.")
        if args.zone == "raw":
            print(f"Upload one: {PROG} upload FILE --dataset {args.dataset or 'NAME'} --env {config.env}")
        return 0
    rows = [("LAST MODIFIED (UTC)", "SIZE", "KEY")] + [
        (f"{o.last_modified.astimezone(UTC):%Y-%m-%d %H:%M:%S}", human_size(o.size), o.key) for o in objects
    ]
    print("\n".join(table(rows, right=[1])))
    total = sum(o.size for o in objects)
    print(f"Total: {plural(len(objects), 'object')}, {_size_text(total)} in {where}")
    return 0


def _size_text(size: int) -> str:
    return human_size(size) if size < 1024 else f"{human_size(size)} ({size:,} bytes)"
