"""ride_pipeline.py loaded over the fake Airflow: its DAG, tasks, order, arguments and failure alerts."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

import launchpad_dag_config as launchpad
from pipeline.glue.transforms.columns import names
from pipeline.glue.transforms.rides import CURATED_COLUMNS
from testing.fake_airflow import FakeDAG, LoadDag
from testing.variables import VARIABLES

DAGS = Path(__file__).resolve().parent
ORDER = ["crawl_raw", "raw_to_clean", "clean_to_curated", "invoke_validator", "refresh_ride_summary"]


def the_dag(load_dag: LoadDag) -> FakeDAG:
    airflow, _ = load_dag()
    assert list(airflow.dags) == ["launchpad_ride_pipeline"]
    return airflow.dags["launchpad_ride_pipeline"]


def test_the_tasks_form_one_chain_crawler_jobs_lambda_athena(load_dag: LoadDag) -> None:
    dag = the_dag(load_dag)
    assert list(dag.tasks) == ORDER
    for before, after in itertools.pairwise(ORDER):
        assert dag.tasks[before].downstream_task_ids == {after}
        assert dag.tasks[after].upstream_task_ids == {before}
    assert dag.tasks["crawl_raw"].upstream_task_ids == set()
    assert dag.tasks["refresh_ride_summary"].downstream_task_ids == set()
    assert list(launchpad.TASK_IDS) == ORDER  # the steps table of the DAG's docs describes this chain
    kinds = [task.kind for task in dag.tasks.values()]
    assert kinds == [
        "GlueCrawlerOperator",
        "GlueJobOperator",
        "GlueJobOperator",
        "LambdaInvokeFunctionOperator",
        "AthenaOperator",
    ]


def test_each_operator_gets_its_resource_from_the_variables(
    load_dag: LoadDag, dag_variables: dict[str, str]
) -> None:
    tasks = the_dag(load_dag).tasks
    assert tasks["crawl_raw"].kwargs["config"] == {"Name": dag_variables["RAW_CRAWLER"]}
    assert tasks["crawl_raw"].kwargs["wait_for_completion"] is True
    assert tasks["raw_to_clean"].kwargs["job_name"] == dag_variables["RAW_TO_CLEAN_JOB"]
    assert tasks["clean_to_curated"].kwargs["job_name"] == dag_variables["CLEAN_TO_CURATED_JOB"]
    for job in ("raw_to_clean", "clean_to_curated"):
        assert tasks[job].kwargs["wait_for_completion"] is True
    validator = tasks["invoke_validator"].kwargs
    assert validator["function_name"] == dag_variables["VALIDATOR_FUNCTION"]
    assert validator["invocation_type"] == "RequestResponse"
    assert json.loads(validator["payload"])["run_id"] == "{{ run_id }}"
    summary = tasks["refresh_ride_summary"].kwargs
    assert summary["database"] == dag_variables["CURATED_DATABASE"]
    assert summary["workgroup"] == dag_variables["ATHENA_WORKGROUP"]
    assert (DAGS / summary["query"]).is_file()  # Airflow finds a .sql template relative to the DAG file


def test_the_summary_query_renders_to_one_view_over_curated_columns_only(load_dag: LoadDag) -> None:
    query = the_dag(load_dag).tasks["refresh_ride_summary"].kwargs["query"]
    # Rendered as Airflow renders templates: Jinja, undefined names an error.
    template = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string((DAGS / query).read_text())
    sql = template.render()
    assert sql.lstrip().startswith("CREATE OR REPLACE VIEW ride_daily_summary AS\nSELECT")
    assert ";" not in sql
    assert "--" not in sql
    assert "{" not in sql
    words = {word.lower() for word in re.findall(r"[A-Za-z_]\w*", sql)}
    aliases = {alias.lower() for alias in re.findall(r"\bAS\s+(\w+)", sql)}
    sql_words = {"create", "or", "replace", "view", "as", "select", "from", "group", "by"}
    sql_words |= {"cast", "date", "count", "sum", "avg", "round", "coalesce"}
    columns = words - aliases - sql_words - {"ride_daily_summary", "rides"}
    assert columns, "the view reads no column"
    unknown = columns - set(names(CURATED_COLUMNS))
    assert not unknown, f"not columns of the curated rides table: {unknown}"


def test_retries_back_off_exponentially_except_on_the_glue_jobs(load_dag: LoadDag) -> None:
    dag = the_dag(load_dag)
    for task_id in ("crawl_raw", "invoke_validator", "refresh_ride_summary"):
        task = dag.tasks[task_id]
        assert task.arg("retries") == 2
        assert task.arg("retry_exponential_backoff") is True
        assert task.arg("retry_delay") == timedelta(minutes=2)
        assert task.arg("max_retry_delay") == timedelta(minutes=15)
        assert task.arg("execution_timeout") == timedelta(minutes=30)
    for job in ("raw_to_clean", "clean_to_curated"):
        # Glue retries a failed run itself; an Airflow retry would bill another run.
        assert dag.tasks[job].arg("retries") == 0
        assert dag.tasks[job].arg("execution_timeout") == timedelta(hours=2)


def test_one_run_at_a_time_no_catchup_tags_and_docs(load_dag: LoadDag, dag_variables: dict[str, str]) -> None:
    dag = the_dag(load_dag)
    assert dag.kwargs["catchup"] is False
    assert dag.kwargs["max_active_runs"] == 1
    assert dag.kwargs["start_date"].tzinfo is not None  # a naive date would mean the server's time zone
    assert dag.kwargs["dagrun_timeout"] > sum(
        (task.arg("execution_timeout") for task in dag.tasks.values()), timedelta()
    )
    assert dag.kwargs["tags"] == ["launchpad", "stage", "orchestration"]
    assert dag_variables["RAW_TO_CLEAN_JOB"] in dag.kwargs["doc_md"]


SCHEDULES = [("dev", None), ("stage", "@daily"), ("prod", "@daily")]


@pytest.mark.parametrize(("environment", "schedule"), SCHEDULES)
def test_the_schedule_follows_the_environment(
    load_dag: LoadDag, monkeypatch: pytest.MonkeyPatch, environment: str, schedule: str | None
) -> None:
    monkeypatch.setenv("AIRFLOW_VAR_LAUNCHPAD_ENVIRONMENT", environment)
    assert the_dag(load_dag).kwargs["schedule"] == schedule


def test_a_missing_variable_fails_the_import_with_its_name(
    load_dag: LoadDag, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AIRFLOW_VAR_ATHENA_WORKGROUP")
    with pytest.raises(launchpad.DagConfigError, match="AIRFLOW_VAR_ATHENA_WORKGROUP is not set"):
        load_dag()


def test_a_failed_task_publishes_one_alert_to_the_topic(
    load_dag: LoadDag, dag_variables: dict[str, str]
) -> None:
    airflow, module = load_dag()
    dag = airflow.dags["launchpad_ride_pipeline"]
    callbacks = {task.arg("on_failure_callback") for task in dag.tasks.values()}
    assert callbacks == {module.notify_failure}  # every task, through default_args
    assert airflow.sns_hooks == []  # parsing the file made no client

    ti = SimpleNamespace(
        dag_id="launchpad_ride_pipeline",
        task_id="clean_to_curated",
        try_number=1,
        log_url="https://mwaa.test/log",
    )
    run_id = "manual__2025-03-01T10:00:00+00:00"
    module.notify_failure({"task_instance": ti, "run_id": run_id, "exception": ValueError("MERGE conflict")})

    assert len(airflow.published) == 1
    alert = airflow.published[0]
    assert alert["target_arn"] == dag_variables["ALERT_TOPIC_ARN"]
    assert alert["subject"] == "[launchpad stage] launchpad_ride_pipeline failed at clean_to_curated"
    assert f"Run: {run_id} (try 1)" in alert["message"]
    assert "Error: MERGE conflict" in alert["message"]
    assert "Log: https://mwaa.test/log" in alert["message"]


def test_parsing_the_file_needs_no_credentials_and_opens_no_connection(tmp_path: Path) -> None:
    """Imports the DAG in a fresh interpreter where any socket use raises: no AWS call at parse time."""
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path

        def no_network(event, args):
            if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname"):
                raise RuntimeError(f"network use while parsing the DAG: {{event}} {{args}}")

        sys.addaudithook(no_network)
        sys.path.insert(0, {str(DAGS)!r})
        from testing.fake_airflow import fake_airflow

        with fake_airflow(Path({str(DAGS)!r})) as airflow:
            airflow.load(Path({str(DAGS)!r}) / "ride_pipeline.py")
            assert list(airflow.dags) == ["launchpad_ride_pipeline"], airflow.dags
            aws_sdk = sorted(name for name in sys.modules if name.split(".")[0] in ("boto3", "botocore"))
            assert not aws_sdk, aws_sdk
        print("parsed")
        """
    )
    env = {name: value for name, value in os.environ.items() if not name.startswith(("AWS_", "AIRFLOW_"))}
    env.update({f"AIRFLOW_VAR_{name}": value for name, value in VARIABLES.items()})
    env.update(
        AWS_CONFIG_FILE=str(tmp_path / "none"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"),
        AWS_EC2_METADATA_DISABLED="true",
    )
    run = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "parsed"
