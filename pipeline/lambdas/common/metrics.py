"""CloudWatch custom metrics as Embedded Metric Format (EMF) log lines, collected during an invocation.

Lambda sends standard output to CloudWatch Logs, which turns each EMF line into metric data points: no
PutMetricData call, so no cloudwatch permission, no time spent and nothing that can fail in the function.
The format: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
(a small formatter rather than aws-embedded-metrics or Powertools: the functions' zips hold no packages).
"""

from __future__ import annotations

import time
from typing import Any

from .log import write_json_line

# An EMF document declares at most 100 metrics.
MAX_METRICS_PER_DOCUMENT = 100


class Metrics:
    """Sums values per (metric name, dimensions, unit); `flush()` prints them as EMF documents."""

    def __init__(self, namespace: str, **dimensions: str) -> None:
        self.namespace = namespace
        self.dimensions = dimensions
        self._values: dict[tuple[str, tuple[tuple[str, str], ...], str], float] = {}

    def add(self, name: str, value: float, unit: str = "Count", **dimensions: str) -> None:
        """Adds `value` to the metric; `dimensions` come on top of the common ones given at creation."""
        dims = tuple(sorted({**self.dimensions, **dimensions}.items()))
        key = (name, dims, unit)
        self._values[key] = self._values.get(key, 0) + value

    def documents(self, timestamp_ms: int) -> list[dict[str, Any]]:
        """One EMF document per set of dimension values and unit (up to 100 metrics in each)."""
        groups: dict[tuple[tuple[tuple[str, str], ...], str], list[tuple[str, float]]] = {}
        for (name, dims, unit), value in self._values.items():
            groups.setdefault((dims, unit), []).append((name, value))
        documents = []
        for (dims, unit), metrics in groups.items():
            for start in range(0, len(metrics), MAX_METRICS_PER_DOCUMENT):
                chunk = metrics[start : start + MAX_METRICS_PER_DOCUMENT]
                directive = {
                    "Namespace": self.namespace,
                    "Dimensions": [[name for name, _ in dims]],
                    "Metrics": [{"Name": name, "Unit": unit} for name, _ in chunk],
                }
                # Dimension values and metric values are the document's own members, by name.
                documents.append(
                    {
                        "_aws": {"Timestamp": timestamp_ms, "CloudWatchMetrics": [directive]},
                        **dict(dims),
                        **dict(chunk),
                    }
                )
        return documents

    def flush(self) -> None:
        """Prints the metrics, one EMF document a line, and forgets them."""
        for document in self.documents(int(time.time() * 1000)):
            write_json_line(document)
        self._values.clear()
