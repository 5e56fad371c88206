"""CloudWatch custom metrics through PutMetricData, collected during an invocation and sent at its end."""

from __future__ import annotations

from typing import Any

from .log import log

# PutMetricData takes at most 1000 metric data points per request.
MAX_DATUMS_PER_REQUEST = 1000


class Metrics:
    """Sums values per (metric name, dimensions, unit); `flush()` sends them in as few requests as allowed."""

    def __init__(self, namespace: str, **dimensions: str) -> None:
        self.namespace = namespace
        self.dimensions = dimensions
        self._values: dict[tuple[str, tuple[tuple[str, str], ...], str], float] = {}

    def add(self, name: str, value: float, unit: str = "Count", **dimensions: str) -> None:
        """Adds `value` to the metric; `dimensions` come on top of the common ones given at creation."""
        dims = tuple(sorted({**self.dimensions, **dimensions}.items()))
        key = (name, dims, unit)
        self._values[key] = self._values.get(key, 0) + value

    def datums(self) -> list[dict[str, Any]]:
        return [
            {
                "MetricName": name,
                "Dimensions": [{"Name": k, "Value": v} for k, v in dims],
                "Value": value,
                "Unit": unit,
            }
            for (name, dims, unit), value in self._values.items()
        ]

    def flush(self, cloudwatch: Any) -> bool:
        """Sends the metrics and forgets them. Best effort: a failure is logged and returns False.

        Metrics must never make the data work fail or be redone: the records are already handled when
        they are counted, and a retry would count them twice.
        """
        datums = self.datums()
        self._values.clear()
        try:
            for start in range(0, len(datums), MAX_DATUMS_PER_REQUEST):
                cloudwatch.put_metric_data(
                    Namespace=self.namespace, MetricData=datums[start : start + MAX_DATUMS_PER_REQUEST]
                )
        except Exception as error:  # noqa: BLE001 - any failure: log it, keep the result of the real work
            reason = f"{type(error).__name__}: {error}"
            log("ERROR", "metrics not sent", namespace=self.namespace, error=reason)
            return False
        return True
