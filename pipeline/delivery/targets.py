"""What the delivery pipeline ships in one environment, as the CDK stack writes it into DEPLOY_TARGETS.

    {"functions": [{"name": "launchpad-dev-api-ingest", "artifact": "lambdas/api_ingest.zip"}],
     "objects": [{"artifact": "glue/raw_to_clean.py", "url": "s3://bucket/key.py"}]}

`artifact` is a path inside the package (the test-and-package output); `functions` get their code replaced
by that zip, `objects` are copied to the S3 location the Glue jobs read. The same JSON reaches all three
CodeBuild projects, so the package holds exactly what the deploy ships and the smoke test checks.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from urllib.parse import urlparse

ENV_VAR = "DEPLOY_TARGETS"
# Artifact paths the packager knows how to build (package.py); anything else is a mistake in the stack.
ARTIFACT_PATTERNS = (
    re.compile(r"^lambdas/[a-z0-9_]+\.zip$"),
    re.compile(r"^glue/[a-z0-9_]+\.py$"),
    re.compile(r"^glue/transforms\.zip$"),
)


class TargetsError(ValueError):
    """DEPLOY_TARGETS is missing or not what the stack writes."""


@dataclass(frozen=True)
class FunctionTarget:
    name: str
    artifact: str


@dataclass(frozen=True)
class ObjectTarget:
    artifact: str
    bucket: str
    key: str

    @property
    def url(self) -> str:
        return f"s3://{self.bucket}/{self.key}"


@dataclass(frozen=True)
class Targets:
    functions: tuple[FunctionTarget, ...]
    objects: tuple[ObjectTarget, ...]

    @property
    def artifacts(self) -> list[str]:
        """Every artifact path named, once each, sorted."""
        return sorted({t.artifact for t in (*self.functions, *self.objects)})


def parse_targets(text: str) -> Targets:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise TargetsError(f"{ENV_VAR} is not JSON: {error}") from error
    if not isinstance(data, dict):
        raise TargetsError(f"{ENV_VAR} must be a JSON object with 'functions' and 'objects'")
    functions = tuple(
        FunctionTarget(name=_text(item, "name", "functions"), artifact=_artifact(item, "functions"))
        for item in _list(data, "functions")
    )
    objects = tuple(_object(item) for item in _list(data, "objects"))
    return Targets(functions=functions, objects=objects)


def targets_from_env(environ: dict[str, str] | None = None) -> Targets:
    text = (environ if environ is not None else os.environ).get(ENV_VAR)
    if not text:
        raise TargetsError(f"{ENV_VAR} is not set: the delivery stack sets it on every CodeBuild project")
    return parse_targets(text)


def _list(data: dict, key: str) -> list[dict]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise TargetsError(f"{ENV_VAR}.{key} must be a list of objects")
    return value


def _text(item: dict, key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value:
        raise TargetsError(f"{ENV_VAR}.{where}[]: '{key}' must be a non-empty string, found {value!r}")
    return value


def _artifact(item: dict, where: str) -> str:
    artifact = _text(item, "artifact", where)
    if not any(pattern.match(artifact) for pattern in ARTIFACT_PATTERNS):
        raise TargetsError(
            f"{ENV_VAR}.{where}[]: no rule builds artifact {artifact!r} "
            "(known: lambdas/<dir>.zip, glue/<script>.py, glue/transforms.zip)"
        )
    return artifact


def _object(item: dict) -> ObjectTarget:
    url = urlparse(_text(item, "url", "objects"))
    if url.scheme != "s3" or not url.netloc or not url.path.strip("/"):
        raise TargetsError(f"{ENV_VAR}.objects[]: url must be s3://bucket/key, found {item['url']!r}")
    return ObjectTarget(artifact=_artifact(item, "objects"), bucket=url.netloc, key=url.path.lstrip("/"))
