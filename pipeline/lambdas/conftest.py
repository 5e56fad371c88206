"""Fixtures of the Lambda functions' tests: Lambda's context, and handlers loaded as Lambda loads them.

The doubles themselves (context, sample events, CloudFormation's response URL) are in testing/.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType

import pytest

from pipeline.lambdas.testing import handlers
from pipeline.lambdas.testing.context import Context
from pipeline.lambdas.testing.handlers import LoadHandler

# The tests of common/ import it as the functions do: from pipeline/lambdas/ on sys.path.
handlers.put_lambdas_on_path()


@pytest.fixture
def context() -> Context:
    return Context()


@pytest.fixture
def load_handler(aws_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[LoadHandler]:
    """Loads pipeline/lambdas/<name>/handler.py as a cold start does, with these environment variables.

    The module is new each time (its clients and settings are made at import), against moto's endpoint
    or whatever AWS_ENDPOINT_URL says when it is called (the fault proxy, for instance).
    """
    loaded: list[ModuleType] = []

    def load(name: str, **env: str) -> ModuleType:
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        loaded.append(module := handlers.load(name))
        return module

    yield load
    for module in loaded:
        handlers.unload(module)
