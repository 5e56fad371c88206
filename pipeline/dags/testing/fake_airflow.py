"""A stand-in for the few Airflow names the DAG files import, just large enough to load them without Airflow.

It is not Airflow. It checks what a DAG file can get wrong before MWAA sees it: the names it imports from
Airflow and the Amazon provider (anything else is missing, as an ImportError), the parameters it passes to
DAG, operators and default_args (an unknown one raises TypeError where real Airflow would raise or, for
default_args, silently ignore it), required parameters, duplicate task ids, operators outside a DAG.
It records what tests assert on: each DAG's arguments, each operator's arguments (with default_args
applied as Airflow applies them), the `>>` dependencies, SNS hooks made and messages published.
What it cannot check is Airflow's own behaviour (scheduling, templating, retries): a run on MWAA does that.

The parameter lists are those of Airflow 2.10 and of the Amazon provider MWAA installs with it, limited to
what these DAGs may reasonably use: a parameter missing here fails a test until it is checked and added.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

DAG_PARAMS = frozenset(
    {
        "dag_id",
        "description",
        "doc_md",
        "schedule",
        "start_date",
        "end_date",
        "catchup",
        "max_active_runs",
        "max_active_tasks",
        "dagrun_timeout",
        "default_args",
        "tags",
        "params",
        "template_searchpath",
        "on_failure_callback",
        "on_success_callback",
    }
)
BASE_OPERATOR_PARAMS = frozenset(
    {
        "task_id",
        "dag",
        "owner",
        "retries",
        "retry_delay",
        "retry_exponential_backoff",
        "max_retry_delay",
        "execution_timeout",
        "on_failure_callback",
        "on_success_callback",
        "on_retry_callback",
        "doc_md",
        "trigger_rule",
        "depends_on_past",
        "pool",
        "priority_weight",
    }
)
AWS_PARAMS = frozenset({"aws_conn_id", "region_name", "verify", "botocore_config"})
# Operator: (module under airflow.providers.amazon.aws.operators, own parameters, required ones)
OPERATORS: dict[str, tuple[str, frozenset[str], frozenset[str]]] = {
    "GlueCrawlerOperator": (
        "glue_crawler",
        frozenset({"config", "poll_interval", "wait_for_completion", "deferrable"}),
        frozenset({"config"}),
    ),
    "GlueJobOperator": (
        "glue",
        frozenset(
            {
                "job_name",
                "job_desc",
                "script_location",
                "concurrent_run_limit",
                "script_args",
                "retry_limit",
                "num_of_dpus",
                "s3_bucket",
                "iam_role_name",
                "iam_role_arn",
                "create_job_kwargs",
                "run_job_kwargs",
                "wait_for_completion",
                "deferrable",
                "verbose",
                "update_config",
                "job_poll_interval",
            }
        ),
        frozenset(),
    ),
    "LambdaInvokeFunctionOperator": (
        "lambda_function",
        frozenset({"function_name", "log_type", "qualifier", "invocation_type", "client_context", "payload"}),
        frozenset({"function_name"}),
    ),
    "AthenaOperator": (
        "athena",
        frozenset(
            {
                "query",
                "database",
                "output_location",
                "client_request_token",
                "workgroup",
                "query_execution_context",
                "result_configuration",
                "sleep_time",
                "max_polling_attempts",
                "log_query",
                "deferrable",
            }
        ),
        frozenset({"query", "database"}),
    ),
}


@dataclass
class FakeAirflow:
    """What the DAG files did while loaded: DAGs made, SNS hooks made, messages published."""

    dags: dict[str, FakeDAG] = field(default_factory=dict)
    sns_hooks: list[dict[str, Any]] = field(default_factory=list)
    published: list[dict[str, Any]] = field(default_factory=list)
    _open: list[FakeDAG] = field(default_factory=list)  # DAG context managers entered and not left

    def load(self, path: Path) -> ModuleType:
        """Imports a DAG file as a module of its own name (as Airflow's DAG processor does)."""
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module


class FakeDAG:
    def __init__(self, dag_id: str, airflow: FakeAirflow, **kwargs: Any) -> None:
        _check("DAG", kwargs, DAG_PARAMS)
        _check("default_args", kwargs.get("default_args") or {}, BASE_OPERATOR_PARAMS - {"task_id", "dag"})
        if dag_id in airflow.dags:
            raise ValueError(f"two DAGs named {dag_id!r}")
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.default_args: dict[str, Any] = kwargs.get("default_args") or {}
        self.tasks: dict[str, FakeOperator] = {}
        self._airflow = airflow
        airflow.dags[dag_id] = self

    def __enter__(self) -> FakeDAG:
        self._airflow._open.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        self._airflow._open.pop()


class FakeOperator:
    kind = ""
    params: frozenset[str] = frozenset()
    required: frozenset[str] = frozenset()
    airflow: FakeAirflow

    def __init__(self, **kwargs: Any) -> None:
        allowed = BASE_OPERATOR_PARAMS | AWS_PARAMS | self.params
        _check(self.kind, kwargs, allowed, self.required | {"task_id"})
        dag = kwargs.pop("dag", None) or (self.airflow._open[-1] if self.airflow._open else None)
        if dag is None:
            raise RuntimeError(f"{self.kind} {kwargs['task_id']!r} made outside a DAG")
        self.task_id: str = kwargs.pop("task_id")
        if self.task_id in dag.tasks:
            raise ValueError(f"task id {self.task_id!r} used twice in DAG {dag.dag_id!r}")
        self.dag: FakeDAG = dag
        self.kwargs = kwargs
        self.upstream_task_ids: set[str] = set()
        self.downstream_task_ids: set[str] = set()
        dag.tasks[self.task_id] = self

    def arg(self, name: str) -> Any:
        """The value the operator runs with: its own argument, else the DAG's default_args entry."""
        return self.kwargs[name] if name in self.kwargs else self.dag.default_args.get(name)

    def __rshift__(self, other: FakeOperator | list[FakeOperator]) -> FakeOperator | list[FakeOperator]:
        for task in other if isinstance(other, list) else [other]:
            self.downstream_task_ids.add(task.task_id)
            task.upstream_task_ids.add(self.task_id)
        return other


def _check(kind: str, kwargs: dict[str, Any], allowed: Iterable[str], required: Iterable[str] = ()) -> None:
    unknown = sorted(set(kwargs) - set(allowed))
    missing = sorted(set(required) - set(kwargs))
    if unknown or missing:
        raise TypeError(f"{kind}: unexpected arguments {unknown}, missing arguments {missing}")


def _modules(airflow: FakeAirflow) -> dict[str, ModuleType]:
    def module(name: str, **names: Any) -> ModuleType:
        made = ModuleType(name)
        made.__path__ = []  # a package, so that submodules import
        made.__dict__.update(names)
        return made

    class DAG(FakeDAG):
        def __init__(self, dag_id: str, **kwargs: Any) -> None:
            super().__init__(dag_id, airflow, **kwargs)

    class SnsHook:
        def __init__(self, **kwargs: Any) -> None:
            _check("SnsHook", kwargs, AWS_PARAMS)
            airflow.sns_hooks.append(kwargs)

        def publish_to_target(
            self, target_arn: str, message: str, subject: str | None = None, message_attributes: Any = None
        ) -> None:
            published = {"target_arn": target_arn, "message": message, "subject": subject}
            airflow.published.append({**published, "message_attributes": message_attributes})

    aws = "airflow.providers.amazon.aws"
    modules = {
        name: module(name)
        for name in ("airflow.providers", "airflow.providers.amazon", aws, f"{aws}.operators", f"{aws}.hooks")
    }
    modules["airflow"] = module("airflow", DAG=DAG)
    modules[f"{aws}.hooks.sns"] = module(f"{aws}.hooks.sns", SnsHook=SnsHook)
    for kind, (module_name, params, required) in OPERATORS.items():
        attributes = {"kind": kind, "params": params, "required": required, "airflow": airflow}
        name = f"{aws}.operators.{module_name}"
        modules[name] = module(name, **{kind: type(kind, (FakeOperator,), attributes)})
    return modules


@contextmanager
def fake_airflow(dags_folder: Path) -> Iterator[FakeAirflow]:
    """Installs the fake `airflow` package and dags_folder on sys.path; restores both on exit.

    On exit, the airflow modules and the modules first loaded from dags_folder meanwhile leave
    sys.modules, and any module they replaced comes back: nothing of the fake reaches another test.
    """
    airflow = FakeAirflow()
    saved_modules = dict(sys.modules)
    saved_path = list(sys.path)
    sys.modules.update(_modules(airflow))
    sys.path.insert(0, str(dags_folder))
    try:
        yield airflow
    finally:
        sys.path[:] = saved_path
        for name, module in list(sys.modules.items()):
            if saved_modules.get(name) is not module and _ours(name, module, dags_folder):
                del sys.modules[name]
        for name, module in saved_modules.items():
            sys.modules.setdefault(name, module)


def _ours(name: str, module: ModuleType, dags_folder: Path) -> bool:
    if name == "airflow" or name.startswith("airflow."):
        return True
    file = getattr(module, "__file__", None)
    return file is not None and Path(file).resolve().is_relative_to(dags_folder.resolve())


# The type of the load_dag fixture (conftest.py): loads ride_pipeline.py, returns the fake and the module.
LoadDag = Callable[[], tuple[FakeAirflow, ModuleType]]
