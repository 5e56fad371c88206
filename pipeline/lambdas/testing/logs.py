"""What a handler printed: its structured log lines, and its metrics as Embedded Metric Format documents."""

from __future__ import annotations

import json
from typing import Any

MetricSums = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def _json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def log_lines(text: str) -> list[dict[str, Any]]:
    """The structured log lines (JSON objects) a handler printed, its metrics left out."""
    return [line for line in _json_lines(text) if "_aws" not in line]


def metric_documents(text: str) -> list[dict[str, Any]]:
    """The EMF documents a handler printed, in order."""
    return [line for line in _json_lines(text) if "_aws" in line]


def metric_sums(documents: list[dict[str, Any]], namespace: str) -> MetricSums:
    """(metric name, sorted (dimension, value) pairs) → sum of its values, as CloudWatch would hold them."""
    sums: MetricSums = {}
    for document in documents:
        for directive in document["_aws"]["CloudWatchMetrics"]:
            if directive["Namespace"] != namespace:
                continue
            for dimension_set in directive["Dimensions"]:
                dims = tuple(sorted((name, document[name]) for name in dimension_set))
                for metric in directive["Metrics"]:
                    key = (metric["Name"], dims)
                    sums[key] = sums.get(key, 0) + document[metric["Name"]]
    return sums
