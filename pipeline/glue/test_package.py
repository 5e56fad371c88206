"""The --extra-py-files zip: the right files, the import path the scripts use, the same bytes every build."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from pipeline.glue import package

REPOSITORY = Path(__file__).resolve().parents[2]


def test_the_zip_holds_the_transforms_package_and_nothing_else(tmp_path: Path) -> None:
    files = package.build(tmp_path / "transforms.zip")
    assert files[:3] == [
        "pipeline/__init__.py",
        "pipeline/glue/__init__.py",
        "pipeline/glue/transforms/__init__.py",
    ]
    assert all(name.startswith("pipeline/glue/transforms/") for name in files[2:])
    assert {"pipeline/glue/transforms/events.py", "pipeline/glue/transforms/rides.py"} <= set(files)
    for unwanted in ("test_", "conftest", "local_glue", "samples", "raw_to_clean", "clean_to_curated"):
        assert not any(unwanted in name for name in files), unwanted
    with zipfile.ZipFile(tmp_path / "transforms.zip") as archive:
        assert archive.namelist() == files


def test_the_scripts_imports_resolve_from_the_zip_alone(tmp_path: Path) -> None:
    archive = tmp_path / "transforms.zip"
    package.build(archive)
    # As on Glue: the script runs from elsewhere, the zip is on sys.path, the repository is not.
    script = tmp_path / "raw_to_clean.py"
    script.write_text((REPOSITORY / "pipeline" / "glue" / "raw_to_clean.py").read_text(encoding="utf-8"))
    code = (
        "import sys\n"
        f"sys.path[:] = [{str(archive)!r}]"
        " + [p for p in sys.path if 'site-packages' in p or 'lib/python' in p]\n"
        f"sys.argv = [{str(script)!r}]\n"
        "import runpy\n"
        f"module = runpy.run_path({str(script)!r}, run_name='not_main')\n"
        "import pipeline.glue.transforms.events as events\n"
        "assert events.__file__.startswith(sys.path[0]), events.__file__\n"
        "print(module['JOB'].argument_names)\n"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['JOB_NAME', 'raw_path', 'clean_path', 'quarantine_path']"


def test_builds_are_reproducible(tmp_path: Path) -> None:
    package.build(tmp_path / "a.zip")
    package.build(tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_command_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert package.main([str(tmp_path / "out" / "transforms.zip")]) == 0
    assert "transforms.zip" in capsys.readouterr().out
    assert (tmp_path / "out" / "transforms.zip").is_file()
