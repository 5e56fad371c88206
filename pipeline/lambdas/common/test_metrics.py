"""common/metrics.py: values summed per metric and dimensions, printed as CloudWatch EMF documents."""

from __future__ import annotations

import json
import time

import pytest

from common.metrics import Metrics

NAMESPACE = "Launchpad/Ingestion"
T = 1_709_884_003_482


def directive(dimensions: list[str], *metrics: str, unit: str = "Count") -> dict:
    names = [{"Name": name, "Unit": unit} for name in metrics]
    return {
        "Timestamp": T,
        "CloudWatchMetrics": [{"Namespace": NAMESPACE, "Dimensions": [dimensions], "Metrics": names}],
    }


def test_values_of_one_metric_and_dimensions_are_summed_into_one_document() -> None:
    metrics = Metrics(NAMESPACE, Environment="dev")
    metrics.add("RecordsProcessed", 1)
    metrics.add("RecordsInvalid", 0)
    metrics.add("RecordsProcessed", 1)

    assert metrics.documents(T) == [
        {
            "_aws": directive(["Environment"], "RecordsProcessed", "RecordsInvalid"),
            "Environment": "dev",
            "RecordsProcessed": 2,
            "RecordsInvalid": 0,
        }
    ]


def test_each_set_of_dimension_values_and_each_unit_gets_its_own_document() -> None:
    metrics = Metrics(NAMESPACE, Environment="dev")
    metrics.add("RidesCompleted", 1, City="London")
    metrics.add("RidesCompleted", 1, City="Berlin")
    metrics.add("Revenue", 18.5, unit="None", City="London", Currency="GBP")
    metrics.add("RidesCompleted", 1, City="London")

    assert metrics.documents(T) == [
        {
            "_aws": directive(["City", "Environment"], "RidesCompleted"),
            "City": "London",
            "Environment": "dev",
            "RidesCompleted": 2,
        },
        {
            "_aws": directive(["City", "Environment"], "RidesCompleted"),
            "City": "Berlin",
            "Environment": "dev",
            "RidesCompleted": 1,
        },
        {
            "_aws": directive(["City", "Currency", "Environment"], "Revenue", unit="None"),
            "City": "London",
            "Currency": "GBP",
            "Environment": "dev",
            "Revenue": 18.5,
        },
    ]


def test_a_document_declares_at_most_100_metrics() -> None:
    metrics = Metrics(NAMESPACE)
    for number in range(150):
        metrics.add(f"M{number}", number)

    first, second = metrics.documents(T)

    assert [m["Name"] for m in first["_aws"]["CloudWatchMetrics"][0]["Metrics"]] == [
        f"M{n}" for n in range(100)
    ]
    assert [m["Name"] for m in second["_aws"]["CloudWatchMetrics"][0]["Metrics"]] == [
        f"M{n}" for n in range(100, 150)
    ]
    assert second["M149"] == 149
    assert second["_aws"]["CloudWatchMetrics"][0]["Dimensions"] == [[]]


def test_flush_prints_one_json_line_per_document_stamped_now_and_forgets_the_values(
    capsys: pytest.CaptureFixture[str],
) -> None:
    metrics = Metrics(NAMESPACE, Environment="dev")
    metrics.add("FilesValidated", 1)
    metrics.add("RidesCompleted", 1, City="Paris")
    before = int(time.time() * 1000)

    metrics.flush()
    metrics.flush()  # nothing left to print

    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    documents = [json.loads(line) for line in lines]
    for document in documents:
        assert before <= document["_aws"]["Timestamp"] <= time.time() * 1000
        assert isinstance(document["_aws"]["Timestamp"], int)
    assert [d["_aws"]["CloudWatchMetrics"][0]["Metrics"][0]["Name"] for d in documents] == [
        "FilesValidated",
        "RidesCompleted",
    ]
    assert metrics.documents(T) == []
