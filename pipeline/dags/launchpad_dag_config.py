"""The pure parts of the ride pipeline DAG: its settings, schedule, steps, docs and failure notice.

No Airflow import here, so the tests run it anywhere. MWAA puts the dags/ folder on sys.path, which is
how ride_pipeline.py imports this module; .airflowignore keeps the DAG processor from parsing it as a DAG.

Settings come from Airflow Variables given as environment variables, AIRFLOW_VAR_<NAME> (the names in
VARIABLES). They are read from os.environ when the DAG file is parsed, not with Variable.get: Airflow
re-parses each DAG file every 30 seconds by default, and reading the environment costs no database query.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import quote_plus

DAG_ID = "launchpad_ride_pipeline"
VARIABLE_PREFIX = "AIRFLOW_VAR_"
DAILY = "@daily"
SNS_SUBJECT_LIMIT = 100  # characters, ASCII, on one line: SNS rejects anything else
# Where batch uploads land in the raw bucket (UPLOADS_PREFIX, infra/phases/ingestion/ingestion-functions.ts):
# the files the validator checks, and that raw_to_clean reads under uploads/rides/.
UPLOADS_PREFIX = "uploads/"
# Files per validator invocation: the function has 2 minutes, and reads each file once.
VALIDATOR_BATCH = 25
# S3 times have whole seconds, a run's start has microseconds: each run looks this far further back than
# the previous successful run's start, so a file uploaded in that second is not missed. Checking a file
# twice is harmless: a valid one stays, a quarantined one is gone from uploads/.
LISTING_OVERLAP = timedelta(minutes=5)

# Variable → what it holds. The orchestration stack sets each on the MWAA environment.
VARIABLES: dict[str, str] = {
    "LAUNCHPAD_ENVIRONMENT": "the environment name (dev, stage, prod); dev runs only when triggered",
    "RAW_BUCKET": "the raw zone's bucket, whose uploads/ the validator checks",
    "RAW_CRAWLER": "the Glue crawler that catalogs the raw zone",
    "RAW_TO_CLEAN_JOB": "the Glue job raw → clean",
    "CLEAN_TO_CURATED_JOB": "the Glue job clean → curated",
    "VALIDATOR_FUNCTION": "the Lambda function that checks the new uploads before the jobs read them",
    "ATHENA_WORKGROUP": "the Athena workgroup the summary query runs in (it sets the results location)",
    "CURATED_DATABASE": "the Glue database that holds the curated `rides` table",
    "ALERT_TOPIC_ARN": "the SNS topic that hears about failed tasks",
}


@dataclass(frozen=True)
class Step:
    task_id: str
    service: str
    variable: str  # the Variable naming the resource this step uses
    purpose: str


# The task graph, in order: each step runs when the one before it succeeded (a Lambda check of the new
# uploads, then the stages of the orchestration phase's Step Functions state machine).
STEPS: tuple[Step, ...] = (
    Step("validate_uploads", "Lambda", "VALIDATOR_FUNCTION", "check new uploads, quarantine bad files"),
    Step("crawl_raw", "Glue crawler", "RAW_CRAWLER", "catalog the files that landed in raw"),
    Step("raw_to_clean", "Glue job", "RAW_TO_CLEAN_JOB", "raw JSON Lines → clean Parquet"),
    Step("clean_to_curated", "Glue job", "CLEAN_TO_CURATED_JOB", "clean events → curated `rides` (MERGE)"),
    Step("refresh_ride_summary", "Athena", "CURATED_DATABASE", "re-create the `ride_daily_summary` view"),
)
TASK_IDS = tuple(step.task_id for step in STEPS)


class DagConfigError(RuntimeError):
    """Variables the DAG needs are unset or hold something unusable."""


@dataclass(frozen=True)
class PipelineConfig:
    launchpad_environment: str
    raw_bucket: str
    raw_crawler: str
    raw_to_clean_job: str
    clean_to_curated_job: str
    validator_function: str
    athena_workgroup: str
    curated_database: str
    alert_topic_arn: str

    def resource(self, variable: str) -> str:
        return getattr(self, variable.lower())


def load_config(environ: Mapping[str, str] | None = None) -> PipelineConfig:
    """Reads every Variable; one error lists all missing ones (shown in the Airflow UI as an import error)."""
    environ = os.environ if environ is None else environ
    values = {name: environ.get(VARIABLE_PREFIX + name, "").strip() for name in VARIABLES}
    missing = [name for name in VARIABLES if not values[name]]
    problems = [f"{VARIABLE_PREFIX}{name} is not set: {VARIABLES[name]}" for name in missing]
    arn = values["ALERT_TOPIC_ARN"]
    # Checked now: a wrong value would otherwise surface only when a task fails, the moment it is needed.
    if arn and not (arn.startswith("arn:") and ":sns:" in arn):
        problems.append(f"{VARIABLE_PREFIX}ALERT_TOPIC_ARN is not an SNS topic ARN (arn:aws:sns:…): {arn!r}")
    if problems:
        raise DagConfigError(
            f"DAG {DAG_ID} cannot load: "
            + "; ".join(problems)
            + ". Fix: deploy the orchestration phase with costlyServices.mwaa on (config/<env>.json), which "
            "sets them on the MWAA environment; to parse the DAG elsewhere, export them first "
            f"(e.g. {VARIABLE_PREFIX}RAW_CRAWLER=launchpad-dev-raw)."
        )
    return PipelineConfig(**{name.lower(): value for name, value in values.items()})


def schedule_for(environment: str) -> str | None:
    """dev runs only when someone triggers it (each run bills Glue); every other environment runs daily."""
    return None if environment == "dev" else DAILY


def tags_for(environment: str) -> list[str]:
    return ["launchpad", environment, "orchestration"]


def doc_md(config: PipelineConfig) -> str:
    """The DAG's page in the Airflow UI: the steps with the resources this environment uses."""
    schedule = schedule_for(config.launchpad_environment)
    when = "only when triggered" if schedule is None else f"on schedule `{schedule}` (UTC)"
    rows = "\n".join(
        f"| {n} | `{s.task_id}` | {s.service} | `{config.resource(s.variable)}` | {s.purpose} |"
        for n, s in enumerate(STEPS, start=1)
    )
    return (
        f"# Ride pipeline ({config.launchpad_environment})\n\n"
        f"Runs {when}, one run at a time. Failed tasks are retried (the Glue jobs by Glue itself), then "
        f"reported to `{config.alert_topic_arn}`.\n\n"
        "| # | task | service | resource | what it does |\n|---|---|---|---|---|\n"
        f"{rows}\n\nThe summary query runs in Athena workgroup `{config.athena_workgroup}`.\n"
    )


def uploads_since(previous_success_start: datetime | None) -> datetime | None:
    """From when on uploads are checked: a little before the previous successful run started; all at first."""
    return None if previous_success_start is None else previous_success_start - LISTING_OVERLAP


def validator_events(bucket: str, keys: Iterable[str], batch: int = VALIDATOR_BATCH) -> list[str]:
    """The validator's payloads for `keys`: S3 event notifications, `batch` records each, as S3 sends them.

    The function (pipeline/lambdas/s3_validator) then checks the files as it checks a new upload. Keys go
    URL-encoded, "+" for a space, as in S3's own events.
    """
    records = [
        {
            "eventSource": "aws:s3",
            "eventName": "ObjectCreated:Put",
            "s3": {"bucket": {"name": bucket}, "object": {"key": quote_plus(key, safe="/")}},
        }
        for key in keys
        if not key.endswith("/")  # folder placeholders hold no records
    ]
    return [json.dumps({"Records": records[i : i + batch]}) for i in range(0, len(records), batch)]


def validation_summary(files: Iterable[Mapping[str, object]]) -> dict[str, object]:
    """What the validator did with the run's uploads, by outcome (the task's result in the Airflow UI)."""
    files = list(files)
    outcomes: dict[str, int] = {}
    for file in files:
        outcome = str(file["outcome"])
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    quarantined = [str(file["key"]) for file in files if file["outcome"] == "quarantined"]
    return {"files": len(files), "outcomes": outcomes, "quarantined": quarantined}


def failure_notice(
    *,
    environment: str,
    dag_id: str,
    task_id: str,
    run_id: str,
    try_number: int,
    log_url: str,
    error: BaseException | str | None,
) -> tuple[str, str]:
    """Subject and body of the SNS message about one failed task (after its last retry)."""
    subject = _sns_subject(f"[launchpad {environment}] {dag_id} failed at {task_id}")
    body = "\n".join(
        [
            f"Task {task_id} of DAG {dag_id} failed in environment {environment}.",
            f"Run: {run_id} (try {try_number})",
            f"Error: {error if error is not None else 'not given'}",
            f"Log: {log_url}",
            "Fix the cause, then clear the task in the Airflow UI to run it and the tasks after it again.",
        ]
    )
    return subject, body


def _sns_subject(text: str) -> str:
    printable = "".join(c if " " <= c <= "~" else "?" for c in " ".join(text.split()))
    return printable[:SNS_SUBJECT_LIMIT]
