"""Fixtures of the DAG tests: Apache Airflow as MWAA runs it (.venv-airflow), with a home and a SQLite
metadata database of its own, the Variables the DAG reads, and a local AWS for dag.test(): moto's server
behind the fault proxy, and a Lambda stand-in that runs the real s3_validator.

pipeline/dags/ goes on sys.path, as MWAA puts its dags/ folder there, so `import launchpad_dag_config`
works here the way it does in the DAG file.
"""

from __future__ import annotations

import atexit
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

DAGS = Path(__file__).resolve().parent
LAMBDAS = DAGS.parent / "lambdas"
if str(DAGS) not in sys.path:
    sys.path.insert(0, str(DAGS))

# Airflow reads its settings when it is first imported: a home of its own (airflow.cfg, the SQLite
# database, task logs) for this test session, never a learner's ~/airflow, and no example DAGs.
AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="launchpad-airflow-"))
atexit.register(shutil.rmtree, AIRFLOW_HOME, ignore_errors=True)
os.environ.update(
    AIRFLOW_HOME=str(AIRFLOW_HOME),
    AIRFLOW__CORE__DAGS_FOLDER=str(DAGS),
    AIRFLOW__CORE__LOAD_EXAMPLES="False",
)

from airflow.models import DagBag  # noqa: E402 - Airflow must see the settings above first
from airflow.utils import db  # noqa: E402

from pipeline.testing.fault_proxy import Fault, FaultProxy, operation  # noqa: E402
from pipeline.testing.moto_server import MotoServer  # noqa: E402
from testing.lambda_stand_in import LambdaStandIn  # noqa: E402
from testing.variables import VARIABLES  # noqa: E402

LoadDagBag = Callable[[], DagBag]


@pytest.fixture(scope="session")
def airflow_db() -> None:
    """Airflow's metadata database, made once per session (dag.test() records its runs there)."""
    db.initdb(load_connections=False)


@pytest.fixture
def dag_variables(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Sets every AIRFLOW_VAR_* the DAG reads (and only those); a test may change or delete some."""
    for name in [name for name in os.environ if name.startswith("AIRFLOW_VAR_")]:
        monkeypatch.delenv(name)
    for name, value in VARIABLES.items():
        monkeypatch.setenv(f"AIRFLOW_VAR_{name}", value)
    return dict(VARIABLES)


@pytest.fixture
def load_dag_bag(dag_variables: dict[str, str]) -> LoadDagBag:
    """Parses pipeline/dags as the DAG processor does, with the environment as it is when called."""
    return lambda: DagBag(dag_folder=str(DAGS), include_examples=False)


@dataclass
class LocalAws:
    """The AWS of one dag.test(): what the stack would have deployed, in moto, and the clients to look."""

    variables: dict[str, str]
    proxy: FaultProxy
    validator: LambdaStandIn
    alerts_queue: str
    clients: Callable[[str], Any]


@pytest.fixture
def local_aws(
    airflow_db: None,
    moto_server: MotoServer,
    fault_proxy: FaultProxy,
    dag_variables: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[LocalAws]:
    """The resources the DAG's Variables name, made in moto as the stack would make them in AWS.

    Where moto falls short, a stand-in: crawls finish when asked (moto's default needs ListCrawls calls),
    the proxy answers GetCrawlerMetrics (not in moto), and Lambda's Invoke (Docker in moto) runs the real
    s3_validator in this process.
    """
    import boto3

    _set_transition(moto_server, "glue::crawl", {"progression": "immediate"})
    metrics = {"CrawlerName": dag_variables["RAW_CRAWLER"], "LastRuntimeSeconds": 1.0}
    metrics |= {"MedianRuntimeSeconds": 1.0, "TablesCreated": 1, "TablesUpdated": 0, "TablesDeleted": 0}
    fault_proxy.add(
        Fault(
            operation("AWSGlue.GetCrawlerMetrics"),
            status=200,
            body=json.dumps({"CrawlerMetricsList": [metrics]}).encode(),
            headers={"Content-Type": "application/x-amz-json-1.1"},
        )
    )
    client = boto3.client
    client("s3").create_bucket(Bucket=dag_variables["RAW_BUCKET"])
    glue = client("glue")
    role = "arn:aws:iam::123456789012:role/practice-stage-glue"
    glue.create_crawler(
        Name=dag_variables["RAW_CRAWLER"],
        Role=role,
        DatabaseName="practice_stage_raw",
        Targets={"S3Targets": [{"Path": f"s3://{dag_variables['RAW_BUCKET']}/uploads/rides/"}]},
    )
    for job in (dag_variables["RAW_TO_CLEAN_JOB"], dag_variables["CLEAN_TO_CURATED_JOB"]):
        command = {"Name": "glueetl", "ScriptLocation": f"s3://practice-stage-assets/{job}.py"}
        glue.create_job(Name=job, Role=role, Command=command, GlueVersion="5.0")
    client("s3").create_bucket(Bucket="practice-stage-athena-results")
    client("athena").create_work_group(
        Name=dag_variables["ATHENA_WORKGROUP"],
        Configuration={"ResultConfiguration": {"OutputLocation": "s3://practice-stage-athena-results/"}},
    )
    # The alert topic in moto's account and region; a queue subscribed to it shows what was published.
    topic = client("sns").create_topic(Name="practice-stage-alerts")["TopicArn"]
    monkeypatch.setenv("AIRFLOW_VAR_ALERT_TOPIC_ARN", topic)
    sqs = client("sqs")
    queue = sqs.create_queue(QueueName="practice-stage-alerts-inbox")["QueueUrl"]
    attributes = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]
    queue_arn = attributes["QueueArn"]
    client("sns").subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)

    validator = LambdaStandIn({dag_variables["VALIDATOR_FUNCTION"]: _s3_validator(monkeypatch)})
    monkeypatch.setenv("AWS_ENDPOINT_URL_LAMBDA", validator.url)
    try:
        yield LocalAws(
            variables={**dag_variables, "ALERT_TOPIC_ARN": topic},
            proxy=fault_proxy,
            validator=validator,
            alerts_queue=queue,
            clients=client,
        )
    finally:
        validator.close()


def _s3_validator(monkeypatch: pytest.MonkeyPatch) -> Callable[[Any, Any], Any]:
    """The real handler of pipeline/lambdas/s3_validator, loaded as Lambda loads it (lambdas/ on the path)."""
    monkeypatch.syspath_prepend(str(LAMBDAS))
    monkeypatch.setenv("METRIC_NAMESPACE", "Launchpad/Tests")
    monkeypatch.setenv("ENVIRONMENT", "stage")
    path = LAMBDAS / "s3_validator" / "handler.py"
    spec = importlib.util.spec_from_file_location("dag_test_s3_validator", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module.handler


def _set_transition(moto: MotoServer, model: str, transition: dict[str, Any]) -> None:
    """moto's state manager: how a model's status moves on (e.g. a crawl from RUNNING to COMPLETED)."""
    body = json.dumps({"model_name": model, "transition": transition}).encode()
    url = f"{moto.endpoint}/moto-api/state-manager/set-transition"
    headers = {"Content-Type": "application/json"}
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()
