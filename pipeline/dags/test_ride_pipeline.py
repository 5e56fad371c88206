"""ride_pipeline.py parsed by Apache Airflow (a DagBag, as MWAA's DAG processor parses it): its DAG, tasks,
order, arguments, schedule and import errors. test_dag_run.py runs it."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest
from airflow.models import DAG

import launchpad_dag_config as launchpad
from conftest import DAGS, LoadDagBag
from pipeline.glue.transforms.columns import names
from pipeline.glue.transforms.rides import CURATED_COLUMNS
from testing.variables import VARIABLES

ORDER = ["validate_uploads", "crawl_raw", "raw_to_clean", "clean_to_curated", "refresh_ride_summary"]
MWAA_VERSION = re.compile(r"export const AIRFLOW_VERSION = '([\d.]+)';")


def the_dag(load_dag_bag: LoadDagBag) -> DAG:
    bag = load_dag_bag()
    assert bag.import_errors == {}
    assert list(bag.dags) == ["launchpad_ride_pipeline"]
    return bag.dags["launchpad_ride_pipeline"]


def test_this_is_the_airflow_mwaa_deploys() -> None:
    import airflow

    construct = (DAGS.parents[1] / "infra" / "constructs" / "mwaa-environment.ts").read_text()
    match = MWAA_VERSION.search(construct)
    assert match, "AIRFLOW_VERSION not found in infra/constructs/mwaa-environment.ts"
    assert airflow.__version__ == match[1]


def test_the_tasks_form_one_chain_validator_crawler_jobs_athena(load_dag_bag: LoadDagBag) -> None:
    dag = the_dag(load_dag_bag)
    assert [task.task_id for task in dag.topological_sort()] == ORDER
    for before, after in itertools.pairwise(ORDER):
        assert dag.get_task(before).downstream_task_ids == {after}
    assert dag.roots == [dag.get_task("validate_uploads")]
    assert list(launchpad.TASK_IDS) == ORDER  # the steps table of the DAG's docs describes this chain
    kinds = [type(dag.get_task(task_id)).__name__ for task_id in ORDER]
    operators = ["GlueCrawlerOperator", "GlueJobOperator", "GlueJobOperator", "AthenaOperator"]
    assert kinds == ["_PythonDecoratedOperator", *operators]


def test_each_operator_gets_its_resource_from_the_variables(
    load_dag_bag: LoadDagBag, dag_variables: dict[str, str]
) -> None:
    dag = the_dag(load_dag_bag)
    crawl = dag.get_task("crawl_raw")
    assert crawl.config == {"Name": dag_variables["RAW_CRAWLER"]}
    assert crawl.wait_for_completion is True
    assert dag.get_task("raw_to_clean").job_name == dag_variables["RAW_TO_CLEAN_JOB"]
    assert dag.get_task("clean_to_curated").job_name == dag_variables["CLEAN_TO_CURATED_JOB"]
    for job in ("raw_to_clean", "clean_to_curated"):
        assert dag.get_task(job).wait_for_completion is True
        assert dag.get_task(job).script_args == {}  # the job's own arguments (bookmarks) apply
    summary = dag.get_task("refresh_ride_summary")
    assert summary.database == dag_variables["CURATED_DATABASE"]
    assert summary.workgroup == dag_variables["ATHENA_WORKGROUP"]


def test_the_summary_query_renders_to_one_view_over_curated_columns_only(load_dag_bag: LoadDagBag) -> None:
    dag = the_dag(load_dag_bag)
    task = dag.get_task("refresh_ride_summary")
    task.resolve_template_files()  # Airflow reads the .sql file, found relative to the DAG file
    sql = dag.get_template_env().from_string(task.query).render()
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


def test_retries_back_off_exponentially_except_on_the_glue_jobs(load_dag_bag: LoadDagBag) -> None:
    dag = the_dag(load_dag_bag)
    for task_id in ("validate_uploads", "crawl_raw", "refresh_ride_summary"):
        task = dag.get_task(task_id)
        assert task.retries == 2
        assert task.retry_exponential_backoff is True
        assert task.retry_delay == timedelta(minutes=2)
        assert task.max_retry_delay == timedelta(minutes=15)
        assert task.execution_timeout == timedelta(minutes=30)
    for job in ("raw_to_clean", "clean_to_curated"):
        # Glue retries a failed run itself; an Airflow retry would bill another run.
        assert dag.get_task(job).retries == 0
        assert dag.get_task(job).execution_timeout == timedelta(hours=2)


def test_one_run_at_a_time_no_catchup_tags_docs_and_alerts(
    load_dag_bag: LoadDagBag, dag_variables: dict[str, str]
) -> None:
    dag = the_dag(load_dag_bag)
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    assert dag.start_date.tzinfo is not None  # a naive date would mean the server's time zone
    assert dag.dagrun_timeout > sum((task.execution_timeout for task in dag.tasks), timedelta())
    assert dag.tags == ["launchpad", "stage", "orchestration"]
    assert dag_variables["RAW_TO_CLEAN_JOB"] in dag.doc_md
    callbacks = {task.on_failure_callback.__name__ for task in dag.tasks}
    assert callbacks == {"notify_failure"}  # every task, through default_args


SCHEDULES = [("dev", None), ("stage", "@daily"), ("prod", "@daily")]


@pytest.mark.parametrize(("environment", "schedule"), SCHEDULES)
def test_the_schedule_follows_the_environment(
    load_dag_bag: LoadDagBag, monkeypatch: pytest.MonkeyPatch, environment: str, schedule: str | None
) -> None:
    monkeypatch.setenv("AIRFLOW_VAR_LAUNCHPAD_ENVIRONMENT", environment)
    dag = the_dag(load_dag_bag)
    assert dag.schedule_interval == schedule


def test_a_missing_variable_is_an_import_error_that_names_it(
    load_dag_bag: LoadDagBag, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AIRFLOW_VAR_ATHENA_WORKGROUP")
    bag = load_dag_bag()
    assert bag.dags == {}
    [(path, error)] = bag.import_errors.items()
    assert Path(path).name == "ride_pipeline.py"
    assert "AIRFLOW_VAR_ATHENA_WORKGROUP is not set" in error  # what the Airflow UI shows


def test_parsing_the_folder_needs_no_credentials_and_opens_no_connection(tmp_path: Path) -> None:
    """A DagBag of the folder in a new interpreter where any socket use raises: no AWS call at parse time."""
    script = textwrap.dedent(
        f"""
        import sys

        def no_network(event, args):
            if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname"):
                raise RuntimeError(f"network use while parsing the DAG: {{event}} {{args}}")

        sys.addaudithook(no_network)
        from airflow.models import DagBag

        bag = DagBag(dag_folder={str(DAGS)!r}, include_examples=False)
        assert bag.import_errors == {{}}, bag.import_errors
        assert list(bag.dags) == ["launchpad_ride_pipeline"], bag.dags
        print("parsed")
        """
    )
    env = {name: value for name, value in os.environ.items() if not name.startswith(("AWS_", "AIRFLOW_VAR_"))}
    env.update({f"AIRFLOW_VAR_{name}": value for name, value in VARIABLES.items()})
    env.update(
        AWS_CONFIG_FILE=str(tmp_path / "none"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"),
        AWS_EC2_METADATA_DISABLED="true",
    )
    run = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip().splitlines()[-1] == "parsed"
