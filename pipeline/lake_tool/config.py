"""The two settings the lake tool needs from config/<env>.json: the project name and the region.

The TypeScript side validates the whole file against config/schema.json on every synth; this only reads
what the tool uses, and says which file to fix when that is missing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import LakeToolError

# pipeline/lake_tool/config.py -> repository root: the tool finds config/ from any working directory.
DEFAULT_CONFIG_DIR = Path(__file__).resolve().parents[2] / "config"
SCHEMA_FILE = "schema.json"
PROMOTION_ORDER = ("dev", "stage", "prod")
# Same rule as lib/config/load-config.ts; it also keeps `--env ../x` from reading files elsewhere.
ENV_NAME = re.compile(r"[a-z][a-z0-9]{1,9}")
REQUIRED = {"project": "launchpad", "region": "us-east-1"}


@dataclass(frozen=True)
class EnvConfig:
    env: str
    project: str
    region: str
    file: Path


def list_environments(config_dir: Path) -> list[str]:
    """Environments that have a config file: dev, stage, prod first, then the others alphabetically."""
    if not config_dir.is_dir():
        return []
    names = [p.stem for p in config_dir.glob("*.json") if p.name != SCHEMA_FILE]

    def rank(name: str) -> tuple[int, str]:
        order = PROMOTION_ORDER.index(name) if name in PROMOTION_ORDER else len(PROMOTION_ORDER)
        return order, name

    return sorted(names, key=rank)


def load_config(env: str, config_dir: Path = DEFAULT_CONFIG_DIR) -> EnvConfig:
    """Reads `project` and `region` of one environment; raises LakeToolError naming the file to fix."""
    file = config_dir / f"{env}.json"
    shown = display_path(file)
    if not ENV_NAME.fullmatch(env):
        raise LakeToolError(
            f"'{env}' is not an environment name: "
            "2 to 10 lower-case letters and digits, starting with a letter.",
            _known_hint(config_dir),
        )
    if not config_dir.is_dir():
        raise LakeToolError(
            f"Config folder {display_path(config_dir)} does not exist.",
            "Pass --config-dir with the path of the repository's config/ folder.",
        )
    if not file.is_file():
        raise LakeToolError(
            f"No config file for environment '{env}': {shown} does not exist.",
            _known_hint(config_dir),
            f"To add the environment, copy {display_path(config_dir / 'dev.json')} to {shown} and edit it.",
        )
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise LakeToolError(
            f"{shown} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}.",
            "Fix the file; `npm run synth` checks it against config/schema.json.",
        ) from error
    except (OSError, UnicodeDecodeError) as error:
        raise LakeToolError(
            f"Cannot read {shown}: {error}.", "Check the file's permissions and its encoding (UTF-8)."
        ) from error

    if not isinstance(data, dict):
        data = {}
    problems = [key for key in REQUIRED if not isinstance(data.get(key), str) or not data[key].strip()]
    if problems:
        wanted = ", ".join(f'"{key}" (a string such as "{REQUIRED[key]}")' for key in problems)
        raise LakeToolError(
            f"{shown} lacks {wanted}.",
            "Add it; config/schema.json describes every field.",
        )
    return EnvConfig(env=env, project=data["project"], region=data["region"], file=file)


def display_path(path: Path) -> str:
    """Relative to the working directory when inside it (shorter), else absolute."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path.resolve())


def _known_hint(config_dir: Path) -> str:
    known = list_environments(config_dir)
    if not known:
        return f"{display_path(config_dir)} holds no environment config (<env>.json) yet."
    folder = display_path(config_dir)
    return f"Environments with a config in {folder}/: {', '.join(known)}. Pick one with --env."
