from pipeline.glue import lake_tables
from pipeline.glue.transforms.rides import CURATED_COLUMNS


def test_the_committed_file_is_what_the_transforms_define():
    committed = lake_tables.DEFAULT_OUT.read_text(encoding="utf-8")
    assert committed == lake_tables.render(), "run: python3 -m pipeline.glue.lake_tables"


def test_partition_keys_are_split_from_the_columns_in_folder_order():
    tables = lake_tables.lake_tables()
    assert [k["name"] for k in tables["clean"]["partitionKeys"]] == ["year", "month", "day"]
    assert [k["name"] for k in tables["curated"]["partitionKeys"]] == ["year", "month"]
    assert all(c["name"] not in ("year", "month", "day") for c in tables["clean"]["columns"])


def test_the_curated_table_has_the_newest_schema_version():
    curated = lake_tables.lake_tables()["curated"]
    assert len(curated["columns"]) + len(curated["partitionKeys"]) == len(CURATED_COLUMNS)
    assert {"name": "tip_amount", "type": "double"}.items() <= next(
        c for c in curated["columns"] if c["name"] == "tip_amount"
    ).items()


def test_cli_writes_the_file(tmp_path, capsys):
    out = tmp_path / "tables.json"
    lake_tables.main(["--out", str(out)])
    assert out.read_text(encoding="utf-8") == lake_tables.render()
    assert str(out) in capsys.readouterr().out
