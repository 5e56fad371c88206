"""The dags/ folder as MWAA receives it: every file compiles, DAG code imports only what MWAA has, and
the DAG processor parses only the DAG file."""

from __future__ import annotations

import ast
import py_compile
import re
import sys
from pathlib import Path

import pytest

DAGS = Path(__file__).resolve().parent
PYTHON_FILES = sorted(p for p in DAGS.rglob("*.py") if "__pycache__" not in p.parts)
# What MWAA installs with Airflow 2.10 that these DAGs may use: Airflow itself and the Amazon provider.
AIRFLOW_CORE = r"\.(models|utils|exceptions|decorators)(\..+)?"
AIRFLOW_MODULES = re.compile(rf"airflow({AIRFLOW_CORE}|\.providers\.amazon\..+)?")


def is_test_code(path: Path) -> bool:
    relative = path.relative_to(DAGS)
    return relative.parts[0] == "testing" or relative.name.startswith(("test_", "conftest"))


DEPLOYED_PYTHON = [p for p in PYTHON_FILES if not is_test_code(p)]


def imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}: relative import; MWAA loads DAG files as top-level modules"
            modules.add(node.module or "")
    return modules


def test_the_deployed_files_are_the_dag_and_its_config() -> None:
    assert [p.name for p in DEPLOYED_PYTHON] == ["launchpad_dag_config.py", "ride_pipeline.py"]


@pytest.mark.parametrize("path", PYTHON_FILES, ids=lambda p: str(p.relative_to(DAGS)))
def test_every_python_file_compiles(path: Path, tmp_path: Path) -> None:
    py_compile.compile(str(path), cfile=str(tmp_path / "out.pyc"), doraise=True)


@pytest.mark.parametrize("path", DEPLOYED_PYTHON, ids=lambda p: p.name)
def test_dag_code_imports_only_the_standard_library_airflow_and_its_own_folder(path: Path) -> None:
    siblings = {p.stem for p in DEPLOYED_PYTHON}
    foreign = sorted(
        module
        for module in imported_modules(path)
        if module.split(".")[0] not in sys.stdlib_module_names | {"__future__"} | siblings
        and not AIRFLOW_MODULES.fullmatch(module)
    )
    assert not foreign, f"{path.name} imports {foreign}: not on MWAA unless added to requirements.txt"


def test_the_config_module_imports_no_airflow() -> None:
    modules = imported_modules(DAGS / "launchpad_dag_config.py")
    assert not {m for m in modules if m.split(".")[0] == "airflow"}  # its tests run without Airflow


def test_the_import_check_recognises_what_mwaa_lacks() -> None:
    assert AIRFLOW_MODULES.fullmatch("airflow.providers.amazon.aws.operators.glue")
    assert not AIRFLOW_MODULES.fullmatch("airflow.providers.google.cloud.operators.bigquery")
    assert not AIRFLOW_MODULES.fullmatch("airflow_extra")


def test_airflowignore_leaves_only_the_dag_file_to_the_dag_processor() -> None:
    # Airflow 2's default ignore syntax: each line a regular expression searched in the path relative
    # to the dags folder; a matching folder is skipped with everything in it.
    lines = (DAGS / ".airflowignore").read_text().splitlines()
    patterns = [re.compile(line) for line in lines if line.strip() and not line.startswith("#")]

    def ignored(path: Path) -> bool:
        relative = path.relative_to(DAGS)
        prefixes = [Path(*relative.parts[: i + 1]) for i in range(len(relative.parts))]
        return any(pattern.search(str(prefix)) for pattern in patterns for prefix in prefixes)

    parsed = [str(p.relative_to(DAGS)) for p in PYTHON_FILES if not ignored(p)]
    assert parsed == ["ride_pipeline.py"]
