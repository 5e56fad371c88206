"""Fixtures of the Lambda functions' tests: handlers loaded as Lambda loads them, and a fault proxy.

Each function's asset is its own folder plus a copy of common/, and Lambda imports `handler` with the
asset's root on sys.path. Here pipeline/lambdas/ goes on sys.path, so that `import common...` works the
same way, and each handler is loaded from its file under a name of its own (they are all `handler.py`).
Helpers the tests import (sample events, fixture lines, fault answers) are in lambda_test_kit.py.
"""

from __future__ import annotations

import importlib.util
import itertools
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

LAMBDAS = Path(__file__).resolve().parent
if str(LAMBDAS) not in sys.path:
    sys.path.insert(0, str(LAMBDAS))

from lambda_test_kit import Context, FaultProxy, LoadHandler  # noqa: E402 - needs the path above

_loaded = itertools.count()


@pytest.fixture
def context() -> Context:
    return Context()


@pytest.fixture
def load_handler(aws_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[LoadHandler]:
    """Loads pipeline/lambdas/<name>/handler.py as a cold start does, with these environment variables.

    The module is new each time (its clients and settings are made at import), against moto's endpoint
    or whatever AWS_ENDPOINT_URL says when it is called (the fault proxy, for instance).
    """

    loaded: list[str] = []

    def load(name: str, **env: str) -> ModuleType:
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        path = LAMBDAS / name / "handler.py"
        spec = importlib.util.spec_from_file_location(f"lambda_{name}_handler_{next(_loaded)}", path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # as an import does (dataclasses look their module up there)
        loaded.append(spec.name)
        spec.loader.exec_module(module)
        return module

    yield load
    for name in loaded:
        sys.modules.pop(name, None)


@pytest.fixture
def fault_proxy(
    moto_endpoint: str, aws_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[FaultProxy]:
    """A FaultProxy in front of moto; AWS_ENDPOINT_URL points at it (load handlers after this fixture)."""
    proxy = FaultProxy(moto_endpoint)
    monkeypatch.setenv("AWS_ENDPOINT_URL", proxy.url)
    try:
        yield proxy
    finally:
        proxy.close()
