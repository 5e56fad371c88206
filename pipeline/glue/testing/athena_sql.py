"""The Athena SQL of pipeline/sql/ (views, saved queries, CTAS) run by Spark SQL over the lake the jobs wrote.

Athena (engine v3, Trino) and Spark SQL read the files alike but for a few spellings, rewritten here
outside string literals and comments (as lib/analytics/duckdb-dialect.ts does for DuckDB):

  "{{curated_db}}"."rides"              → curated_rides    (temporary views: no catalog needed)
  CREATE OR REPLACE VIEW "db"."name"    → CREATE OR REPLACE TEMP VIEW db_name
  CREATE TABLE ... WITH (...) AS SELECT → the SELECT     (format, location, partitioning: Athena's business)
  date_diff('second', a, b)             → timestampdiff(SECOND, a, b)
  date_format(t, '%Y-%m-%d %H')         → date_format(t, 'yyyy-MM-dd HH')
  current_date                          → DATE '<as of>'  (the fixtures are frozen in time)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SQL_DIR = Path(__file__).resolve().parents[2] / "sql"
# The folders run here; cloudtrail/ queries the audit trail, not the lake.
LAKE_FOLDERS = ("views", "named-queries", "ctas")

_PROTECTED = re.compile(r"'(?:[^']|'')*'|--[^\n]*|/\*.*?\*/", re.DOTALL)
_QUALIFIED = re.compile(r'"\{\{(\w+)_db\}\}"\s*\.\s*"(\w+)"')
_CTAS_HEAD = re.compile(r"^\s*CREATE\s+TABLE\s+\S+\s+WITH\s*\(", re.IGNORECASE | re.MULTILINE)
_TRINO_TO_SPARK_FORMAT = {"%Y": "yyyy", "%m": "MM", "%d": "dd", "%H": "HH"}


@dataclass(frozen=True)
class Statement:
    name: str
    folder: str
    sql: str  # as in the file


def statements() -> list[Statement]:
    """Every statement of the lake folders of pipeline/sql/, named by its `-- name:` line."""
    found = []
    for folder in LAKE_FOLDERS:
        for path in sorted((SQL_DIR / folder).glob("*.sql")):
            text = path.read_text(encoding="utf-8")
            match = re.search(r"^--\s*name:\s*(\S+)", text, re.MULTILINE)
            found.append(Statement(match[1] if match else path.stem, folder, text))
    return found


def to_spark(sql: str, as_of: str) -> str:
    """The statement as Spark SQL runs it (see the module comment for each rewrite)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_of):
        raise ValueError(f"as_of must be YYYY-MM-DD, not {as_of!r}")
    sql = _map_code(sql, lambda code: _QUALIFIED.sub(r"\1_\2", code))
    sql = _drop_ctas_head(sql)
    sql = _map_code(sql, lambda code: re.sub(r"\bVIEW\b", "TEMP VIEW", code, count=1, flags=re.IGNORECASE))
    sql = _map_code(
        sql, lambda code: re.sub(r"\bcurrent_date\b", f"DATE '{as_of}'", code, flags=re.IGNORECASE)
    )
    sql = re.sub(r"\bdate_diff\(\s*'(\w+)'\s*,", lambda m: f"timestampdiff({m[1].upper()},", sql)
    return re.sub(r"(\bdate_format\([^,]+,\s*)'([^']*)'", lambda m: m[1] + repr(_spark_format(m[2])), sql)


def run(spark: Any, statement: Statement, as_of: str) -> list[dict[str, Any]]:
    """Runs one statement; a view is created and then read whole. Rows as dicts."""
    sql = to_spark(statement.sql, as_of)
    view = re.search(r"CREATE\s+OR\s+REPLACE\s+TEMP\s+VIEW\s+(\w+)", sql, re.IGNORECASE)
    spark.sql(sql)
    frame = spark.table(view[1]) if view else spark.sql(sql)
    return [row.asDict() for row in frame.collect()]


def _spark_format(trino: str) -> str:
    unknown = set(re.findall(r"%\w", trino)) - set(_TRINO_TO_SPARK_FORMAT)
    if unknown:
        raise ValueError(f"date_format specifier(s) {sorted(unknown)} have no Spark spelling here")
    for specifier, spark in _TRINO_TO_SPARK_FORMAT.items():
        trino = trino.replace(specifier, spark)
    return trino


def _drop_ctas_head(sql: str) -> str:
    """`CREATE TABLE x WITH (...) AS SELECT ...` → `SELECT ...`."""
    head = _CTAS_HEAD.search(sql)
    if not head:
        return sql
    depth, quote = 1, False
    for index in range(head.end(), len(sql)):
        char = sql[index]
        if char == "'":
            quote = not quote
        elif not quote and char == "(":
            depth += 1
        elif not quote and char == ")":
            depth -= 1
            if depth == 0:
                return sql[: head.start()] + re.sub(r"^\s*AS\s+", "", sql[index + 1 :], flags=re.IGNORECASE)
    raise ValueError("CREATE TABLE ... WITH ( has no closing parenthesis")


def _map_code(sql: str, rewrite: Callable[[str], str]) -> str:
    """Applies `rewrite` outside string literals and comments."""
    out, last = [], 0
    for match in _PROTECTED.finditer(sql):
        out += [rewrite(sql[last : match.start()]), match[0]]
        last = match.end()
    return "".join([*out, rewrite(sql[last:])])
