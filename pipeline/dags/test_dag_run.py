"""ride_pipeline.py run by Apache Airflow's dag.test(): every task does its real AWS calls, through the
Amazon provider and boto3, against moto (and the Lambda stand-in, which runs the real s3_validator)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from airflow.models import DagRun
from airflow.utils.state import DagRunState, TaskInstanceState

from conftest import LoadDagBag, LocalAws
from pipeline.testing.fault_proxy import Fault, Request

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
GOOD = (FIXTURES / "rides-v1.jsonl").read_bytes()  # valid ride events
BAD = (FIXTURES / "rides-bad.jsonl").read_bytes()  # each line breaks the contract in its own way
UPLOADS = "uploads/rides/"


def run(load_dag_bag: LoadDagBag) -> DagRun:
    bag = load_dag_bag()
    assert bag.import_errors == {}
    return bag.dags["launchpad_ride_pipeline"].test()


def states(run: DagRun) -> dict[str, str | None]:
    return {ti.task_id: ti.state for ti in run.get_task_instances()}


def sent(aws: LocalAws, target: str) -> list[dict[str, Any]]:
    """The bodies of the AWS JSON-protocol requests of one operation that reached the proxy, in order."""
    return [json.loads(r.body) for r in aws.proxy.received(lambda r: r.target == target)]


def alerts(aws: LocalAws) -> list[dict[str, Any]]:
    """The SNS messages published to the alert topic (as its subscribed queue received them)."""
    sqs = aws.clients("sqs")
    messages = sqs.receive_message(QueueUrl=aws.alerts_queue, MaxNumberOfMessages=10, WaitTimeSeconds=1)
    return [json.loads(m["Body"]) for m in messages.get("Messages", [])]


def test_a_run_checks_the_new_uploads_then_crawls_transforms_and_refreshes_the_view(
    local_aws: LocalAws, load_dag_bag: LoadDagBag
) -> None:
    variables = local_aws.variables
    bucket = variables["RAW_BUCKET"]
    s3 = local_aws.clients("s3")
    s3.put_object(Bucket=bucket, Key=f"{UPLOADS}2025-03-01.jsonl", Body=GOOD)
    s3.put_object(Bucket=bucket, Key=f"{UPLOADS}2025-03-01 evening.jsonl", Body=GOOD)
    s3.put_object(Bucket=bucket, Key=f"{UPLOADS}broken.jsonl", Body=GOOD + BAD)
    # Firehose's files are not uploads: the stream consumer checked their records already.
    s3.put_object(Bucket=bucket, Key="stream/rides/year=2025/month=03/day=01/part.jsonl", Body=BAD)

    dag_run = run(load_dag_bag)
    steps = [_step(r) for r in local_aws.proxy.requests if _step(r)]

    assert dag_run.state == DagRunState.SUCCESS
    assert set(states(dag_run).values()) == {TaskInstanceState.SUCCESS}
    result = {ti.task_id: ti.xcom_pull(task_ids=ti.task_id) for ti in dag_run.get_task_instances()}

    # 1. Every upload was handed to the real validator, as S3 event records; the bad one is in quarantine.
    [invocation] = local_aws.validator.invocations
    assert invocation.function == variables["VALIDATOR_FUNCTION"]
    assert invocation.invocation_type == "RequestResponse"
    keys = [record["s3"]["object"]["key"] for record in invocation.event["Records"]]
    expected = ["2025-03-01+evening.jsonl", "2025-03-01.jsonl", "broken.jsonl"]  # URL-encoded, as S3 sends
    assert sorted(keys) == [UPLOADS + key for key in expected]
    assert result["validate_uploads"] == {
        "files": 3,
        "outcomes": {"valid": 2, "quarantined": 1},
        "quarantined": [f"{UPLOADS}broken.jsonl"],
    }
    left = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=UPLOADS)["Contents"]}
    assert left == {f"{UPLOADS}2025-03-01.jsonl", f"{UPLOADS}2025-03-01 evening.jsonl"}
    moved = s3.head_object(Bucket=bucket, Key=f"quarantine/{UPLOADS}broken.jsonl")
    bad, total = (len([line for line in text.splitlines() if line.strip()]) for text in (BAD, GOOD + BAD))
    assert moved["Metadata"]["validation-invalid-records"] == f"{bad} of {total}"

    # 2. The crawler ran to the end; 3. each Glue job was started once, after the crawl, with no argument
    # overriding the job's own (its bookmark setting), the second after the first finished.
    glue = local_aws.clients("glue")
    assert glue.get_crawler(Name=variables["RAW_CRAWLER"])["Crawler"]["LastCrawl"]["Status"] == "COMPLETED"
    starts = sent(local_aws, "AWSGlue.StartJobRun")
    jobs = [variables["RAW_TO_CLEAN_JOB"], variables["CLEAN_TO_CURATED_JOB"]]
    assert starts == [{"JobName": job, "Arguments": {}} for job in jobs]
    for task_id, job in zip(("raw_to_clean", "clean_to_curated"), jobs, strict=True):
        [job_run] = glue.get_job_runs(JobName=job)["JobRuns"]
        assert job_run["JobRunState"] == "SUCCEEDED"
        assert result[task_id] == job_run["Id"]
    assert steps == ["list uploads/", "AWSGlue.StartCrawler", "AWSGlue.StartJobRun", "AWSGlue.StartJobRun"]

    # 4. The view, re-created in the curated database through the workgroup.
    query_id = result["refresh_ride_summary"]
    execution = local_aws.clients("athena").get_query_execution(QueryExecutionId=query_id)["QueryExecution"]
    assert execution["Query"].lstrip().startswith("CREATE OR REPLACE VIEW ride_daily_summary AS\nSELECT")
    assert execution["QueryExecutionContext"]["Database"] == variables["CURATED_DATABASE"]
    assert execution["WorkGroup"] == variables["ATHENA_WORKGROUP"]
    assert execution["Status"]["State"] == "SUCCEEDED"

    assert alerts(local_aws) == []  # nothing failed, nothing published


def _step(request: Request) -> str:
    """What a request that starts a step does (the listing of uploads/, the crawl, a job run), else ""."""
    if request.method == "GET" and "list-type=2" in request.path and "prefix=uploads%2F" in request.path:
        return "list uploads/"
    return request.target if request.target in ("AWSGlue.StartCrawler", "AWSGlue.StartJobRun") else ""


def test_a_failed_glue_job_fails_the_run_and_publishes_one_alert_with_its_cause(
    local_aws: LocalAws, load_dag_bag: LoadDagBag
) -> None:
    job = local_aws.variables["CLEAN_TO_CURATED_JOB"]

    def is_curated_job_run(request: Request) -> bool:
        return request.target == "AWSGlue.GetJobRun" and json.loads(request.body)["JobName"] == job

    failed_run = {"JobRun": {"Id": "jr_1", "JobName": job, "JobRunState": "FAILED", "ErrorMessage": "MERGE"}}
    local_aws.proxy.add(Fault(is_curated_job_run, status=200, body=json.dumps(failed_run).encode()))

    dag_run = run(load_dag_bag)

    assert dag_run.state == DagRunState.FAILED
    assert states(dag_run) == {
        "validate_uploads": TaskInstanceState.SUCCESS,
        "crawl_raw": TaskInstanceState.SUCCESS,
        "raw_to_clean": TaskInstanceState.SUCCESS,
        "clean_to_curated": TaskInstanceState.FAILED,  # no Airflow retry: Glue retries the run itself
        "refresh_ride_summary": TaskInstanceState.UPSTREAM_FAILED,
    }
    assert sent(local_aws, "AmazonAthena.StartQueryExecution") == []
    [alert] = alerts(local_aws)
    assert alert["TopicArn"] == local_aws.variables["ALERT_TOPIC_ARN"]
    assert alert["Subject"] == "[launchpad stage] launchpad_ride_pipeline failed at clean_to_curated"
    assert f"Run: {dag_run.run_id} (try 1)" in alert["Message"]
    assert "Run State: FAILED" in alert["Message"]  # the error the Glue operator raised
