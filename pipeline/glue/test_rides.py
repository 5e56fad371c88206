"""Folding a ride's events into its curated row: completed, cancelled rides, order, duplicates, versions."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from pipeline.glue.testing.samples import fixture_rows, ride_id, v1, v2
from pipeline.glue.transforms.columns import names
from pipeline.glue.transforms.events import clean_events
from pipeline.glue.transforms.rides import (
    CURATED_COLUMNS,
    CURATED_SCHEMAS,
    curated_columns,
    ride_state,
)

UTC = UTC


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def completed_ride(version: type = v1) -> list[dict]:
    return [
        version("a", "requested", "2024-03-07T09:00:00Z"),
        version("a", "accepted", "2024-03-07T09:02:00Z"),
        version("a", "started", "2024-03-07T09:07:00Z"),
        version("a", "completed", "2024-03-07T09:30:00Z"),
    ]


def test_completed_ride() -> None:
    state = ride_state(completed_ride())
    assert state is not None
    assert list(state) == list(names(CURATED_COLUMNS))
    assert state["ride_id"] == ride_id("a")
    assert state["status"] == "completed"
    assert (state["requested_at"], state["accepted_at"], state["started_at"], state["completed_at"]) == (
        at("2024-03-07 09:00"),
        at("2024-03-07 09:02"),
        at("2024-03-07 09:07"),
        at("2024-03-07 09:30"),
    )
    assert state["cancelled_at"] is None
    assert (state["fare_amount"], state["distance_km"], state["payment_type"]) == (18.0, 7.2, "card")
    assert state["tip_amount"] is None
    assert state["schema_version"] == 1
    assert state["driver_id"] == "driver-000007"  # null on requested, set from accepted on
    assert (state["first_event_time"], state["last_event_time"]) == (
        at("2024-03-07 09:00"),
        at("2024-03-07 09:30"),
    )
    assert (state["year"], state["month"]) == ("2024", "03")


def test_cancelled_ride() -> None:
    state = ride_state(
        [
            v2("c", "requested", "2024-03-07T09:00:00Z"),
            v2("c", "accepted", "2024-03-07T09:01:00Z"),
            v2("c", "cancelled", "2024-03-07T09:04:00Z"),
        ]
    )
    assert state is not None
    assert state["status"] == "cancelled"
    assert state["cancelled_at"] == at("2024-03-07 09:04")
    assert state["completed_at"] is None
    assert state["started_at"] is None
    assert state["fare_amount"] is None
    assert state["tip_amount"] is None


def test_order_of_arrival_does_not_matter() -> None:
    events = completed_ride(v2)
    expected = ride_state(events)
    for order in itertools.permutations(events):
        assert ride_state(order) == expected


def test_a_late_event_fills_its_step_without_rolling_the_status_back() -> None:
    # The accepted event arrives last (retried by the producer), with its original, earlier time.
    events = completed_ride()
    late = events.pop(1)
    state = ride_state([*events, late])
    assert state is not None
    assert state["status"] == "completed"
    assert state["accepted_at"] == at("2024-03-07 09:02")


def test_duplicates_do_not_change_the_state() -> None:
    events = completed_ride()
    assert ride_state([*events, *events, events[-1]]) == ride_state(events)


def test_on_a_tie_the_later_step_wins() -> None:
    state = ride_state(
        [v1("d", "cancelled", "2024-03-07T09:00:00Z"), v1("d", "requested", "2024-03-07T09:00:00Z")]
    )
    assert state is not None
    assert state["status"] == "cancelled"
    assert state["requested_at"] == state["cancelled_at"] == at("2024-03-07 09:00")


def test_values_come_from_the_latest_event_that_has_them() -> None:
    state = ride_state(
        [
            v1("e", "requested", "2024-03-07T09:00:00Z", city="Berlin"),
            v1("e", "accepted", "2024-03-07T09:01:00Z", city=None, driver_id="driver-000001"),
            v1(
                "e", "accepted", "2024-03-07T09:02:00Z", city="Potsdam", driver_id="driver-000002"
            ),  # reassigned
        ]
    )
    assert state is not None
    assert (state["city"], state["driver_id"]) == ("Potsdam", "driver-000002")
    assert state["accepted_at"] == at("2024-03-07 09:01")  # a step's time is its first event's


def test_a_ride_that_moves_from_v1_to_v2() -> None:
    state = ride_state(
        [
            v1("f", "requested", "2024-03-07T09:00:00Z"),
            v1("f", "accepted", "2024-03-07T09:01:00Z"),
            v2("f", "completed", "2024-03-07T09:20:00Z", fare_amount=18.4, tip_amount=3),
        ]
    )
    assert state is not None
    assert (state["schema_version"], state["fare_amount"], state["tip_amount"]) == (2, 18.4, 3.0)


def test_the_partition_is_the_utc_month_of_the_first_event() -> None:
    state = ride_state(
        [
            v1("g", "requested", "2024-04-01T00:50:00+02:00"),  # still March in UTC
            v1("g", "completed", "2024-04-01T01:20:00+02:00"),
        ]
    )
    assert state is not None
    assert (state["year"], state["month"]) == ("2024", "03")


def test_unusable_events_are_ignored() -> None:
    events = completed_ride()
    noise = [
        v1("a", "arrived", "2024-03-07T09:40:00Z"),  # unknown type: no status, no time
        {**v1("a", "completed", "2024-03-07T09:45:00Z"), "event_time": "never"},
        "not an event",
    ]
    assert ride_state([*events, *noise]) == ride_state(events)
    assert ride_state([v1("h", "arrived", "2024-03-07T09:40:00Z")]) is None
    assert ride_state([]) is None


def test_events_of_two_rides_are_an_error() -> None:
    with pytest.raises(ValueError, match="several rides"):
        ride_state(
            [v1("a", "requested", "2024-03-07T09:00:00Z"), v1("b", "requested", "2024-03-07T09:00:00Z")]
        )


def test_clean_rows_fold_like_raw_ones() -> None:
    events = completed_ride(v2)
    assert ride_state(clean_events(events)) == ride_state(events)


# --- schema versions ---------------------------------------------------------------------------


def test_version_2_adds_tip_amount_at_the_end() -> None:
    v1_names, v2_names = names(CURATED_SCHEMAS[1]), names(CURATED_SCHEMAS[2])
    assert "tip_amount" not in v1_names
    assert v2_names == (*v1_names, "tip_amount")  # where Delta's schema evolution appends it
    assert {"year", "month"} <= set(v1_names)


def test_curated_columns_by_version() -> None:
    assert curated_columns(1) is CURATED_SCHEMAS[1]
    assert curated_columns(2) is CURATED_SCHEMAS[2]
    assert curated_columns(3) is CURATED_SCHEMAS[2]  # a newer producer: the newest schema this code knows
    with pytest.raises(ValueError, match="no curated schema for version 0"):
        curated_columns(0)


# --- the shared sample-event fixtures ----------------------------------------------------------


def test_fixture_rides_fold_into_consistent_rows() -> None:
    events = clean_events([*fixture_rows("rides-v1.jsonl"), *fixture_rows("rides-v2.jsonl")])
    by_ride: dict[str, list] = {}
    for event in events:
        by_ride.setdefault(event["ride_id"], []).append(event)
    states = [ride_state(ride) for ride in by_ride.values()]
    assert states
    assert all(state is not None for state in states)
    statuses = set()
    for state in states:
        assert state is not None
        statuses.add(state["status"])
        assert state[f"{state['status']}_at"] == state["last_event_time"]
        assert state["first_event_time"] <= state["last_event_time"]
        if state["status"] == "completed":
            assert state["cancelled_at"] is None
        if state["schema_version"] == 1:
            assert state["tip_amount"] is None
    assert max(state["schema_version"] for state in states if state) == 2  # the run writes tip_amount
    assert "completed" in statuses
