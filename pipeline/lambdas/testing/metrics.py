"""What the handlers' metrics add up to in CloudWatch."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any


def metric_sums(cloudwatch: Any, namespace: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every metric of `namespace` that has data: (name, sorted dimensions) → sum of its values."""
    now = datetime.now(UTC)
    sums: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {}
    for metric in cloudwatch.list_metrics(Namespace=namespace)["Metrics"]:
        statistics = cloudwatch.get_metric_statistics(
            Namespace=namespace,
            MetricName=metric["MetricName"],
            Dimensions=metric["Dimensions"],
            StartTime=now - timedelta(hours=1),
            EndTime=now + timedelta(hours=1),
            Period=60,
            Statistics=["Sum"],
        )
        dims = tuple(sorted((d["Name"], d["Value"]) for d in metric["Dimensions"]))
        sums[(metric["MetricName"], dims)] = sum(p["Sum"] for p in statistics["Datapoints"])
    return sums
