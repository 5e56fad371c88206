"""Build the zip Glue loads with `--extra-py-files`: the pure-Python transforms the job scripts import.

    python3 -m pipeline.glue.package dist/glue/transforms.zip

Glue runs a job script on its own; whatever else it imports comes from `--extra-py-files` (zip files
or .py files on S3, put on the Python path of the driver and of every executor). The scripts import
`pipeline.glue.transforms...`, so the zip holds `pipeline/__init__.py`, `pipeline/glue/__init__.py`
and `pipeline/glue/transforms/*.py`, and nothing else (no tests, no job scripts, no caches).
The entries carry a fixed date, so the same sources give the same bytes (and the same CDK asset hash).
"""

from __future__ import annotations

import argparse
import zipfile
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
PACKAGES = ("pipeline", "pipeline/glue", "pipeline/glue/transforms")
MODULES = ("pipeline/glue/transforms",)  # folders whose modules are shipped; the others give __init__.py only
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def package_files(root: Path = REPOSITORY) -> list[str]:
    """Repository-relative paths that go into the zip, sorted."""
    files = {f"{package}/__init__.py" for package in PACKAGES}
    for folder in MODULES:
        for path in (root / folder).glob("*.py"):
            if not path.name.startswith("test_") and path.name != "conftest.py":
                files.add(path.relative_to(root).as_posix())
    return sorted(files)


def build(destination: Path, root: Path = REPOSITORY) -> list[str]:
    """Writes the zip; returns what it contains."""
    files = package_files(root)
    destination.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in files:
            entry = zipfile.ZipInfo(name, date_time=_FIXED_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, (root / name).read_bytes())
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m pipeline.glue.package",
        description="Build the --extra-py-files zip of the Glue jobs' transforms.",
    )
    parser.add_argument("destination", type=Path, help="zip file to write, e.g. dist/glue/transforms.zip")
    args = parser.parse_args(argv)
    files = build(args.destination)
    print(f"Wrote {args.destination} ({len(files)} files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
