from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pipeline.lake_tool.conftest import RunCli

COMMANDS = ["buckets", "upload", "ls"]
COMMON_OPTIONS = ["--env", "--profile", "--region", "--config-dir"]


# In process: test_errors.py and test_buckets.py run the module as a real process already.
def test_tool_help_lists_every_command_with_examples(run_cli: "RunCli") -> None:
    result = run_cli("--help")

    assert result.code == 0, result.err
    assert result.out.startswith("usage: python3 -m pipeline.lake_tool")
    for command in COMMANDS:
        assert f"\n    {command} " in result.out
        assert f"python3 -m pipeline.lake_tool {command}" in result.out  # an example of each
    assert "docs/guides/lake-tool.md" in result.out


@pytest.mark.parametrize(
    ("command", "own_options"),
    [("buckets", []), ("upload", ["FILE", "--dataset", "--date"]), ("ls", ["--zone", "--dataset"])],
)
def test_each_command_has_help(run_cli: "RunCli", command: str, own_options: list[str]) -> None:
    result = run_cli(command, "--help")

    assert result.code == 0, result.err
    assert result.out.startswith(f"usage: python3 -m pipeline.lake_tool {command}")
    for option in [*COMMON_OPTIONS, *own_options]:
        assert option in result.out
    assert "example" in result.out


def test_no_command_is_a_usage_error(run_cli: "RunCli") -> None:
    result = run_cli()

    assert result.code == 2
    assert "the following arguments are required: COMMAND" in result.err


def test_upload_requires_a_dataset(run_cli: "RunCli") -> None:
    result = run_cli("upload", "orders.csv")

    assert result.code == 2
    assert "the following arguments are required: --dataset" in result.err
