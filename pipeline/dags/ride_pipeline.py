"""launchpad_ride_pipeline: the ride pipeline of the orchestration phase, as an Airflow DAG for MWAA.

crawl_raw → raw_to_clean → clean_to_curated → invoke_validator → refresh_ride_summary: the stages of the
phase's Step Functions state machine (crawl, the two Glue jobs, an Athena summary) plus a Lambda call,
so the two orchestrators can be compared run for run.

Contract with the orchestration stack: the MWAA environment sets these Airflow Variables as environment
variables (launchpad_dag_config.VARIABLES says what each holds; a missing one fails the DAG's import with
a message naming it):
  AIRFLOW_VAR_LAUNCHPAD_ENVIRONMENT   dev, stage or prod: dev runs only when triggered, the others daily
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

from datetime import UTC, datetime, timedelta
from typing import Any

from airflow import DAG
from airflow.providers.amazon.aws.hooks.sns import SnsHook
from airflow.providers.amazon.aws.operators.athena import AthenaOperator
from airflow.providers.amazon.aws.operators.glue import GlueJobOperator
from airflow.providers.amazon.aws.operators.glue_crawler import GlueCrawlerOperator
from airflow.providers.amazon.aws.operators.lambda_function import LambdaInvokeFunctionOperator

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
    invoke_validator = LambdaInvokeFunctionOperator(
        task_id="invoke_validator",
        function_name=CONFIG.validator_function,
        invocation_type="RequestResponse",  # waits for the answer, so an error in the function fails the task
        payload=launchpad.validator_payload(),
    )
    refresh_ride_summary = AthenaOperator(
        task_id="refresh_ride_summary",
        query="sql/ride_daily_summary.sql",  # a .sql path: Airflow reads and renders the file
        database=CONFIG.curated_database,
        workgroup=CONFIG.athena_workgroup,
    )

    crawl_raw >> raw_to_clean >> clean_to_curated >> invoke_validator >> refresh_ride_summary
