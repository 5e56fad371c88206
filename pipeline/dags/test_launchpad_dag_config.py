"""The DAG's pure parts: settings from AIRFLOW_VAR_*, schedule, steps, docs, payload, failure notice."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

import launchpad_dag_config as launchpad
from testing.variables import VARIABLES


def environ(**overrides: str) -> dict[str, str]:
    values = {f"AIRFLOW_VAR_{name}": value for name, value in VARIABLES.items()}
    values.update({f"AIRFLOW_VAR_{name}": value for name, value in overrides.items()})
    return values


def test_reads_every_variable_into_its_field() -> None:
    config = launchpad.load_config(environ(RAW_CRAWLER="  other-crawler \n"))
    assert config.launchpad_environment == "stage"
    assert config.raw_bucket == "practice-stage-raw-111122223333"
    assert config.raw_crawler == "other-crawler"  # stripped: a stray newline from a shell is no name
    assert config.raw_to_clean_job == "practice-stage-raw-to-clean"
    assert config.clean_to_curated_job == "practice-stage-clean-to-curated"
    assert config.validator_function == "practice-stage-s3-validator"
    assert config.athena_workgroup == "practice-stage-analytics"
    assert config.curated_database == "practice_stage_curated"
    assert config.alert_topic_arn == "arn:aws:sns:eu-west-1:111122223333:practice-stage-alerts"


def test_reads_os_environ_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in environ(LAUNCHPAD_ENVIRONMENT="prod").items():
        monkeypatch.setenv(name, value)
    assert launchpad.load_config().launchpad_environment == "prod"


def test_a_missing_variable_is_named_with_its_meaning_and_the_fix() -> None:
    values = environ()
    del values["AIRFLOW_VAR_RAW_CRAWLER"]
    with pytest.raises(launchpad.DagConfigError) as error:
        launchpad.load_config(values)
    message = str(error.value)
    assert "AIRFLOW_VAR_RAW_CRAWLER is not set: the Glue crawler that catalogs the raw zone" in message
    assert "launchpad_ride_pipeline" in message
    assert "costlyServices.mwaa" in message
    assert "export" in message
    assert "AIRFLOW_VAR_RAW_TO_CLEAN_JOB" not in message  # only what is wrong


def test_every_missing_variable_is_listed_at_once_and_blank_counts_as_missing() -> None:
    with pytest.raises(launchpad.DagConfigError) as error:
        launchpad.load_config({"AIRFLOW_VAR_LAUNCHPAD_ENVIRONMENT": "   "})
    message = str(error.value)
    for name in VARIABLES:
        assert f"AIRFLOW_VAR_{name} is not set" in message


@pytest.mark.parametrize("arn", ["practice-stage-alerts", "arn:aws:sqs:eu-west-1:111122223333:alerts"])
def test_an_alert_topic_that_is_no_sns_arn_is_refused(arn: str) -> None:
    with pytest.raises(launchpad.DagConfigError, match=f"ALERT_TOPIC_ARN is not an SNS topic ARN.*{arn}"):
        launchpad.load_config(environ(ALERT_TOPIC_ARN=arn))


SCHEDULES = [("dev", None), ("stage", "@daily"), ("prod", "@daily"), ("sandbox", "@daily")]


@pytest.mark.parametrize(("environment", "schedule"), SCHEDULES)
def test_dev_runs_only_when_triggered_and_every_other_environment_daily(
    environment: str, schedule: str | None
) -> None:
    assert launchpad.schedule_for(environment) == schedule


def test_the_steps_run_lambda_then_crawler_then_jobs_then_athena() -> None:
    assert launchpad.TASK_IDS == (
        "validate_uploads",
        "crawl_raw",
        "raw_to_clean",
        "clean_to_curated",
        "refresh_ride_summary",
    )
    services = [step.service for step in launchpad.STEPS]
    assert services == ["Lambda", "Glue crawler", "Glue job", "Glue job", "Athena"]
    assert {step.variable for step in launchpad.STEPS} <= set(launchpad.VARIABLES)


def test_doc_md_shows_the_schedule_and_each_resource_of_the_environment() -> None:
    config = launchpad.load_config(environ(LAUNCHPAD_ENVIRONMENT="dev"))
    doc = launchpad.doc_md(config)
    assert doc.startswith("# Ride pipeline (dev)\n")
    assert "only when triggered" in doc
    for name in ("RAW_CRAWLER", "RAW_TO_CLEAN_JOB", "CLEAN_TO_CURATED_JOB", "VALIDATOR_FUNCTION"):
        assert f"`{VARIABLES[name]}`" in doc
    assert f"`{VARIABLES['ATHENA_WORKGROUP']}`" in doc
    rows = [line for line in doc.splitlines() if line.startswith("| ") and "`" in line]
    assert [row.split("|")[2].strip(" `") for row in rows] == list(launchpad.TASK_IDS)
    assert "on schedule `@daily` (UTC)" in launchpad.doc_md(launchpad.load_config(environ()))


def test_uploads_are_checked_from_a_little_before_the_last_success_all_of_them_at_first() -> None:
    assert launchpad.uploads_since(None) is None
    last = datetime(2025, 3, 1, 0, 0, 3, 500000, tzinfo=UTC)
    assert launchpad.uploads_since(last) == datetime(2025, 2, 28, 23, 55, 3, 500000, tzinfo=UTC)


def test_the_validator_gets_s3_event_records_in_batches_with_keys_encoded_as_s3_encodes_them() -> None:
    keys = [f"uploads/rides/{n}.jsonl" for n in range(5)] + ["uploads/rides/", "uploads/a b=c+d.jsonl"]
    payloads = [json.loads(payload) for payload in launchpad.validator_events("raw-bucket", keys, batch=4)]
    assert [len(payload["Records"]) for payload in payloads] == [4, 2]  # the folder placeholder left out
    record = payloads[1]["Records"][1]
    assert record == {
        "eventSource": "aws:s3",
        "eventName": "ObjectCreated:Put",
        "s3": {"bucket": {"name": "raw-bucket"}, "object": {"key": "uploads/a+b%3Dc%2Bd.jsonl"}},
    }
    assert launchpad.validator_events("raw-bucket", []) == []


def test_the_summary_counts_files_by_outcome_and_names_the_quarantined() -> None:
    files = [
        {"key": "uploads/a.jsonl", "outcome": "valid", "records": 3, "invalid": 0},
        {"key": "uploads/b.jsonl", "outcome": "quarantined", "records": 2, "invalid": 1},
        {"key": "uploads/c.jsonl", "outcome": "valid", "records": 1, "invalid": 0},
    ]
    assert launchpad.validation_summary(files) == {
        "files": 3,
        "outcomes": {"valid": 2, "quarantined": 1},
        "quarantined": ["uploads/b.jsonl"],
    }


def test_the_failure_notice_names_task_run_error_and_log() -> None:
    subject, body = launchpad.failure_notice(
        environment="stage",
        dag_id="launchpad_ride_pipeline",
        task_id="raw_to_clean",
        run_id="scheduled__2025-03-01T00:00:00+00:00",
        try_number=3,
        log_url="https://example.test/log?task_id=raw_to_clean",
        error=RuntimeError("Glue job run failed: OutOfMemory"),
    )
    assert subject == "[launchpad stage] launchpad_ride_pipeline failed at raw_to_clean"
    assert "Task raw_to_clean of DAG launchpad_ride_pipeline failed in environment stage." in body
    assert "Run: scheduled__2025-03-01T00:00:00+00:00 (try 3)" in body
    assert "Error: Glue job run failed: OutOfMemory" in body
    assert "Log: https://example.test/log?task_id=raw_to_clean" in body


def test_the_subject_fits_sns_one_ascii_line_of_at_most_100_characters() -> None:
    subject, body = launchpad.failure_notice(
        environment="stage\nprod",
        dag_id="d" * 150,
        task_id="t",
        run_id="r",
        try_number=1,
        log_url="u",
        error=None,
    )
    assert len(subject) == 100
    assert subject.startswith("[launchpad stage prod] ddd")
    assert all(" " <= c <= "~" for c in subject)
    assert "Error: not given" in body
    assert (
        launchpad.failure_notice(
            environment="é", dag_id="d", task_id="t", run_id="r", try_number=1, log_url="u", error=None
        )[0]
        == "[launchpad ?] d failed at t"
    )
