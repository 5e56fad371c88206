"""Handlers loaded as Lambda's cold start loads them.

Each function's asset is its own folder plus a copy of common/, and Lambda imports `handler` with the
asset's root on sys.path. Here pipeline/lambdas/ goes on sys.path, so that `import common...` works the
same way, and each handler is loaded from its file under a name of its own (they are all `handler.py`).
"""

from __future__ import annotations

import importlib.util
import itertools
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

LAMBDAS = Path(__file__).resolve().parents[1]

# The `load_handler` fixture: loads pipeline/lambdas/<name>/handler.py with these environment variables.
LoadHandler = Callable[..., ModuleType]

_loaded = itertools.count()


def put_lambdas_on_path() -> None:
    if str(LAMBDAS) not in sys.path:
        sys.path.insert(0, str(LAMBDAS))


def load(name: str) -> ModuleType:
    """A new module from pipeline/lambdas/<name>/handler.py: its clients and settings are made now, as at
    a cold start. It stays in sys.modules (dataclasses look their module up there) until `unload`."""
    put_lambdas_on_path()
    path = LAMBDAS / name / "handler.py"
    spec = importlib.util.spec_from_file_location(f"lambda_{name}_handler_{next(_loaded)}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[spec.name]  # as a failed import leaves nothing behind
        raise
    return module


def unload(module: ModuleType) -> None:
    sys.modules.pop(module.__name__, None)
