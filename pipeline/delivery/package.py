"""Build what the deploy stage ships, into one folder (the CodeBuild artifact of test-and-package).

    DEPLOY_TARGETS='{...}' python3 -m pipeline.delivery.package dist

- `lambdas/<dir>.zip`: pipeline/lambdas/<dir>/ plus the shared common/ package, without tests, fixtures
  or caches: the same files the CDK stack bundles for the function (infra/constructs/python-function.ts);
- `glue/<script>.py`: the Glue job script as is;
- `glue/transforms.zip`: the job scripts' --extra-py-files library (pipeline.glue.package).
`manifest.json` lists each artifact's SHA-256, which the deploy copies into object metadata and the smoke
test compares with what AWS reports. Entries carry a fixed date: the same sources give the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

from pipeline.delivery.targets import TargetsError, targets_from_env
from pipeline.glue import package as glue_package

REPOSITORY = Path(__file__).resolve().parents[2]
MANIFEST = "manifest.json"
SHARED = "common"
# Mirrors LEFT_OUT in infra/constructs/python-function.ts: what a function's asset never holds.
LEFT_OUT = re.compile(r"^(test_.*\.py|conftest\.py|__pycache__|events|.*\.pyc)$")
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def function_files(handler_dir: str, root: Path = REPOSITORY) -> dict[str, Path]:
    """Zip entry name → source file for one function: its folder at the root, common/ beside it."""
    lambdas = root / "pipeline" / "lambdas"
    source = lambdas / handler_dir
    if not (source / "handler.py").is_file():
        raise TargetsError(f"pipeline/lambdas/{handler_dir}/handler.py does not exist")
    files: dict[str, Path] = {}
    for base, prefix in ((source, ""), (lambdas / SHARED, f"{SHARED}/")):
        files.update({f"{prefix}{name}": path for name, path in _walk(base)})
    return dict(sorted(files.items()))


def _walk(folder: Path, prefix: str = ""):
    for path in sorted(folder.iterdir()):
        if LEFT_OUT.match(path.name):
            continue
        if path.is_dir():
            yield from _walk(path, f"{prefix}{path.name}/")
        else:
            yield f"{prefix}{path.name}", path


def write_zip(destination: Path, files: dict[str, Path]) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, path in files.items():
            entry = zipfile.ZipInfo(name, date_time=_FIXED_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, path.read_bytes())


def build_artifact(artifact: str, out: Path, root: Path = REPOSITORY) -> Path:
    """Writes one artifact under `out`; the artifact path says what it is (see targets.ARTIFACT_PATTERNS)."""
    destination = out / artifact
    folder, name = artifact.split("/", 1)
    if folder == "lambdas":
        write_zip(destination, function_files(name.removesuffix(".zip"), root))
    elif artifact == "glue/transforms.zip":
        glue_package.build(destination, root)
    elif folder == "glue":
        source = root / "pipeline" / "glue" / name
        if not source.is_file():
            raise TargetsError(f"pipeline/glue/{name} does not exist")
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
    else:
        raise TargetsError(f"no rule builds artifact {artifact!r}")
    return destination


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(out: Path, artifacts: list[str], commit: str, root: Path = REPOSITORY) -> dict:
    """Builds every artifact and the manifest; returns the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    digests = {artifact: sha256_of(build_artifact(artifact, out, root)) for artifact in artifacts}
    manifest = {"commit": commit, "artifacts": digests}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not path.is_file():
        raise TargetsError(f"{path} is missing: the deploy and smoke stages read the package's manifest")
    return json.loads(path.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m pipeline.delivery.package",
        description="Build the Lambda zips and Glue scripts named in DEPLOY_TARGETS into a folder.",
    )
    parser.add_argument("out", type=Path, help="folder to write, e.g. dist")
    args = parser.parse_args(argv)
    try:
        targets = targets_from_env()
        manifest = build(args.out, targets.artifacts, os.environ.get("COMMIT_SHA", "unknown"))
    except TargetsError as error:
        print(f"error: {error}")
        return 1
    for artifact, digest in manifest["artifacts"].items():
        print(f"{artifact}  sha256 {digest[:12]}  {(args.out / artifact).stat().st_size} bytes")
    print(f"Wrote {len(manifest['artifacts'])} artifacts and {MANIFEST} to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
