"""launchpad_ride_pipeline: the ride pipeline of the orchestration phase, as an Airflow DAG for MWAA.

validate_uploads → crawl_raw → raw_to_clean → clean_to_curated → refresh_ride_summary: a Lambda check of
the files uploaded since the last successful run, then the stages of the phase's Step Functions state
machine (crawl, the two Glue jobs, an Athena summary), so the two orchestrators can be compared run for run.

Contract with the orchestration stack: the MWAA environment sets these Airflow Variables as environment
variables (launchpad_dag_config.VARIABLES says what each holds; a missing one fails the DAG's import with
a message naming it):
  AIRFLOW_VAR_LAUNCHPAD_ENVIRONMENT   dev, stage or prod: dev runs only when triggered, the others daily
  AIRFLOW_VAR_RAW_BUCKET              S3 bucket of the raw zone (its uploads/ are checked)
  AIRFLOW_VAR_RAW_CRAWLER             Glue crawler name
  AIRFLOW_VAR_RAW_TO_CLEAN_JOB        Glue job name
  AIRFLOW_VAR_CLEAN_TO_CURATED_JOB    Glue job name
  AIRFLOW_VAR_VALIDATOR_FUNCTION      Lambda function name
  AIRFLOW_VAR_ATHENA_WORKGROUP        Athena workgroup (its result location is used)
  AIRFLOW_VAR_CURATED_DATABASE        Glue database of the curated `rides` table
  AIRFLOW_VAR_ALERT_TOPIC_ARN         SNS topic ARN for failure alerts
AWS calls use the aws_default connection, which on MWAA is the environment's execution role.
Nothing here calls AWS while the file is parsed: only the tasks and the failure callback do.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from airflow import DAG
from airflow.decorators import task
from airflow.exceptions import AirflowException
from airflow.providers.amazon.aws.hooks.lambda_function import LambdaHook
from airflow.providers.amazon.aws.hooks.s3 import S3Hook
from airflow.providers.amazon.aws.hooks.sns import SnsHook
from airflow.providers.amazon.aws.operators.athena import AthenaOperator
from airflow.providers.amazon.aws.operators.glue import GlueJobOperator
from airflow.providers.amazon.aws.operators.glue_crawler import GlueCrawlerOperator

import launchpad_dag_config as launchpad  # beside this file: MWAA puts the dags/ folder on sys.path

CONFIG = launchpad.load_config()

# Glue stops a run after processing.timeoutMinutes (30 by default) and retries it processing.maxRetries
# times itself: two runs and their start-up fit in this limit.
GLUE_TASK_TIMEOUT = timedelta(hours=2)


def notify_failure(context: dict[str, Any]) -> None:
    """Publishes one SNS message per task that failed for good (Airflow calls it after the last retry)."""
    ti = context["task_instance"]
    subject, message = launchpad.failure_notice(
        environment=CONFIG.launchpad_environment,
        dag_id=ti.dag_id,
        task_id=ti.task_id,
        run_id=context["run_id"],
        try_number=ti.try_number,
        log_url=ti.log_url,
        error=context.get("exception"),
    )
    SnsHook().publish_to_target(target_arn=CONFIG.alert_topic_arn, message=message, subject=subject)


@task(task_id="validate_uploads")
def validate_uploads(prev_start_date_success: datetime | None = None) -> dict[str, object]:
    """Hands every file uploaded since the last successful run to the validator, before the jobs read them.

    The validator also checks each upload as it lands (an EventBridge rule); this sweep catches what that
    missed (an event dropped after its retries, files from before the rule existed), so nothing unchecked
    reaches raw_to_clean. A bad file is moved to quarantine/, and the run goes on with the good ones.
    """
    since = launchpad.uploads_since(prev_start_date_success)
    keys = S3Hook().list_keys(CONFIG.raw_bucket, prefix=launchpad.UPLOADS_PREFIX, from_datetime=since)
    files: list[dict[str, object]] = []
    for payload in launchpad.validator_events(CONFIG.raw_bucket, keys):
        # RequestResponse: waits for the answer, so an error in the function fails the task.
        response = LambdaHook().invoke_lambda(
            function_name=CONFIG.validator_function, invocation_type="RequestResponse", payload=payload
        )
        answer = json.loads(response["Payload"].read())
        if response.get("FunctionError"):
            raise AirflowException(f"{CONFIG.validator_function} failed: {answer}")
        files.extend(answer["files"])
    return launchpad.validation_summary(files)


DEFAULT_ARGS = {
    "owner": "launchpad",
    # Throttling and brief outages pass: the waits grow from 2 minutes, doubling (with jitter), at most 15.
    "retries": 2,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=15),
    "execution_timeout": timedelta(minutes=30),
    "on_failure_callback": notify_failure,
}

with DAG(
    dag_id=launchpad.DAG_ID,
    description="Raw → clean → curated rides, then the daily summary view",
    doc_md=launchpad.doc_md(CONFIG),
    schedule=launchpad.schedule_for(CONFIG.launchpad_environment),
    start_date=datetime(2025, 1, 1, tzinfo=UTC),
    catchup=False,  # a new environment runs the latest interval only, not one run per day since start_date
    max_active_runs=1,  # the curated MERGE must not overlap itself
    dagrun_timeout=timedelta(hours=6),  # a stuck run would otherwise hold the only run slot for good
    default_args=DEFAULT_ARGS,
    tags=launchpad.tags_for(CONFIG.launchpad_environment),
) as dag:
    checked = validate_uploads()
    crawl_raw = GlueCrawlerOperator(
        task_id="crawl_raw",
        config={"Name": CONFIG.raw_crawler},  # only the name: the operator then just starts the crawler
        wait_for_completion=True,
    )
    # retries=0 on the jobs: the job definition retries a failed run already, and each Airflow retry
    # would start (and bill) another run.
    raw_to_clean = GlueJobOperator(
        task_id="raw_to_clean",
        job_name=CONFIG.raw_to_clean_job,
        wait_for_completion=True,
        retries=0,
        execution_timeout=GLUE_TASK_TIMEOUT,
    )
    clean_to_curated = GlueJobOperator(
        task_id="clean_to_curated",
        job_name=CONFIG.clean_to_curated_job,
        wait_for_completion=True,
        retries=0,
        execution_timeout=GLUE_TASK_TIMEOUT,
    )
    refresh_ride_summary = AthenaOperator(
        task_id="refresh_ride_summary",
        query="sql/ride_daily_summary.sql",  # a .sql path: Airflow reads and renders the file
        database=CONFIG.curated_database,
        workgroup=CONFIG.athena_workgroup,
    )

    checked >> crawl_raw >> raw_to_clean >> clean_to_curated >> refresh_ride_summary
