import json
from pathlib import Path

import pytest

from pipeline.lake_tool.config import DEFAULT_CONFIG_DIR, list_environments, load_config
from pipeline.lake_tool.errors import LakeToolError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_project_and_region(tmp_path: Path) -> None:
    file = write(tmp_path / "qa.json", json.dumps({"project": "shop", "region": "eu-west-1", "owner": "x"}))

    config = load_config("qa", tmp_path)

    assert (config.env, config.project, config.region) == ("qa", "shop", "eu-west-1")
    assert config.file == file


def test_missing_file_is_named_and_known_environments_listed(tmp_path: Path) -> None:
    for env in ("prod", "dev", "alpha"):
        write(tmp_path / f"{env}.json", json.dumps({"project": "p", "region": "us-east-1"}))
    write(tmp_path / "schema.json", "{}")

    with pytest.raises(LakeToolError) as caught:
        load_config("qa", tmp_path)

    message = str(caught.value)
    assert "qa.json does not exist" in message
    assert "dev, prod, alpha" in message  # promotion order first, then the others; schema.json is no env


def test_environments_are_listed_in_promotion_order(tmp_path: Path) -> None:
    for env in ("zeta", "prod", "stage", "dev", "alpha"):
        write(tmp_path / f"{env}.json", "{}")
    write(tmp_path / "schema.json", "{}")

    assert list_environments(tmp_path) == ["dev", "stage", "prod", "alpha", "zeta"]


@pytest.mark.parametrize(
    ("content", "missing"),
    [
        ({"region": "us-east-1"}, ['"project"']),
        ({"project": "shop"}, ['"region"']),
        ({"project": "", "region": 7}, ['"project"', '"region"']),
        ([], ['"project"', '"region"']),
    ],
)
def test_missing_settings_name_the_file_and_the_keys(
    tmp_path: Path, content: object, missing: list[str]
) -> None:
    write(tmp_path / "qa.json", json.dumps(content))

    with pytest.raises(LakeToolError) as caught:
        load_config("qa", tmp_path)

    assert "qa.json lacks" in caught.value.problem
    for key in missing:
        assert key in caught.value.problem


def test_invalid_json_names_file_and_position(tmp_path: Path) -> None:
    write(tmp_path / "qa.json", '{\n  "project": "shop",\n  "region": "us-east-1",\n}\n')

    with pytest.raises(LakeToolError) as caught:
        load_config("qa", tmp_path)

    assert "qa.json is not valid JSON" in caught.value.problem
    assert "line 4" in caught.value.problem


@pytest.mark.parametrize("env", ["../dev", "Dev", "d", "dev.json", "dev\n"])
def test_rejects_names_that_are_not_environments(tmp_path: Path, env: str) -> None:
    write(tmp_path / "dev.json", json.dumps({"project": "p", "region": "us-east-1"}))

    with pytest.raises(LakeToolError) as caught:
        load_config(env, tmp_path)

    assert f"'{env}' is not an environment name" in caught.value.problem
    assert "dev" in caught.value.hints[0]


def test_missing_config_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(LakeToolError) as caught:
        load_config("dev", tmp_path / "nowhere")

    assert "nowhere does not exist" in caught.value.problem
    assert "--config-dir" in caught.value.hints[0]


def test_default_config_dir_is_the_repository_config_folder() -> None:
    repo_config = Path(__file__).resolve().parents[2] / "config"

    assert DEFAULT_CONFIG_DIR.samefile(repo_config)
    assert (DEFAULT_CONFIG_DIR / "dev.json").is_file()
    expected = json.loads((repo_config / "dev.json").read_text(encoding="utf-8"))
    config = load_config("dev")
    assert (config.project, config.region) == (expected["project"], expected["region"])
