"""pipeline/glue/jobs.json, whose arguments and Delta settings the CDK processing stack gives the jobs, is
what transforms/jobs.py (their one definition) prints."""

import json
from pathlib import Path

from pipeline.glue.transforms import jobs

JOBS_FILE = Path(__file__).resolve().parent / "jobs.json"


def test_the_committed_file_is_what_jobs_py_prints(capsys):
    assert jobs.main([]) == 0
    printed = json.loads(capsys.readouterr().out)
    committed = json.loads(JOBS_FILE.read_text(encoding="utf-8"))
    assert committed == printed, "run: python3 -m pipeline.glue.transforms.jobs > pipeline/glue/jobs.json"
