"""Unit tests of request tracking and the scheduler: tokens, expiry, ordering, delays."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from aws_customerprofiles_eventtrigger.schema_facts import TYPE_NAME
from localcloud.cloudcontrol.exceptions import CloudControlError
from localcloud.cloudcontrol.models import RequestStore
from localcloud.cloudcontrol.scheduler import Scheduler
from tests.support.polling import TIMEOUT, until


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2024, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(clock: Clock) -> RequestStore:
    return RequestStore(clock)


def _begin(
    store: RequestStore,
    identifier: str = "d|n",
    *,
    client_token: str | None = None,
    fingerprint: str = "f",
    exclusive: bool = True,
) -> tuple[Any, bool]:
    return store.begin(
        "DELETE",
        TYPE_NAME,
        identifier,
        client_token=client_token,
        fingerprint=fingerprint,
        exclusive=exclusive,
    )


def test_client_token_replays_for_36_hours(store: RequestStore, clock: Clock) -> None:
    first, new = _begin(store, client_token="ct")
    assert new
    first.status = "SUCCESS"
    again, new = _begin(store, client_token="ct")
    assert (again, new) == (first, False)
    with pytest.raises(CloudControlError) as excinfo:
        _begin(store, client_token="ct", fingerprint="other")
    assert excinfo.value.code == "ClientTokenConflictException"
    clock.now += timedelta(hours=36)
    later, new = _begin(store, client_token="ct")
    assert new and later is not first


def test_requests_expire_after_seven_days(store: RequestStore, clock: Clock) -> None:
    request, _ = _begin(store)
    request.status = "FAILED"
    clock.now += timedelta(days=7)
    with pytest.raises(CloudControlError) as excinfo:
        store.get(request.token)
    assert excinfo.value.code == "RequestTokenNotFoundException"


def test_one_unfinished_request_per_identifier(store: RequestStore) -> None:
    running, _ = _begin(store)
    running.status = "IN_PROGRESS"
    with pytest.raises(CloudControlError) as excinfo:
        _begin(store)
    assert excinfo.value.code == "ConcurrentOperationException"
    queued, new = _begin(store, exclusive=False)
    assert new
    _begin(store, "d|other")
    running.status = queued.status = "SUCCESS"
    _begin(store)


def test_request_pages_newest_first_with_filters(store: RequestStore) -> None:
    made = []
    for index in range(5):
        request, _ = _begin(store, f"d|n{index}")
        request.status = "FAILED" if index % 2 else "SUCCESS"
        made.append(request)
    page, token = store.page(max_results=2)
    assert page == [made[4], made[3]] and token
    page, token = store.page(max_results=2, next_token=token)
    assert page == [made[2], made[1]] and token
    page, token = store.page(max_results=2, next_token=token)
    assert page == [made[0]] and token is None
    failed, _ = store.page(statuses=["FAILED"], operations=["DELETE"])
    assert failed == [made[3], made[1]]
    assert store.page(operations=["CREATE"]) == ([], None)
    with pytest.raises(CloudControlError):
        store.page(next_token="not a token")


def test_progress_event_leaves_out_what_is_unknown(store: RequestStore) -> None:
    request, _ = _begin(store)
    event = request.progress_event()
    assert set(event) == {
        "TypeName",
        "Identifier",
        "RequestToken",
        "Operation",
        "OperationStatus",
        "EventTime",
    }
    request.resource_model = {"A": 1}
    assert request.progress_event()["ResourceModel"] == '{"A": 1}'


# -- scheduler -------------------------------------------------------------------------


@pytest.fixture
def scheduler() -> Iterator[Scheduler]:
    made = Scheduler(workers=2)
    yield made
    made.shutdown()


def test_jobs_on_one_key_run_in_order_one_at_a_time(scheduler: Scheduler) -> None:
    log: list[tuple[str, int]] = []
    active: list[int] = []

    def job(index: int) -> Callable[[], None]:
        def step() -> None:
            active.append(index)
            assert len(active) == 1
            time.sleep(0.01)
            log.append(("done", index))
            active.remove(index)

        return step

    for index in range(5):
        scheduler.submit("k", job(index))
    until(lambda: len(log) == 5, "five jobs ran")
    assert [index for _, index in log] == [0, 1, 2, 3, 4]
    assert scheduler.pending("k") == 0


def test_other_keys_run_alongside(scheduler: Scheduler) -> None:
    both = threading.Barrier(2, timeout=TIMEOUT)
    finished: list[str] = []

    def meet(key: str) -> None:
        both.wait()  # only returns once the other key's step runs too
        finished.append(key)

    for key in ("a", "b"):
        scheduler.submit(key, functools.partial(meet, key))
    until(lambda: len(finished) == 2, "both keys ran")


def test_a_delay_reruns_the_step_and_holds_the_key(scheduler: Scheduler) -> None:
    calls: list[float] = []
    after: list[str] = []

    def step() -> float | None:
        calls.append(time.monotonic())
        return 0.1 if len(calls) < 3 else None

    scheduler.submit("k", step)
    scheduler.submit("k", lambda: after.append("next"))
    until(lambda: after, "the next job ran")
    assert len(calls) == 3
    assert calls[2] - calls[0] >= 0.2


def test_a_raising_step_ends_its_job_only(scheduler: Scheduler) -> None:
    done = []

    def boom() -> None:
        raise RuntimeError("handler bug")

    scheduler.submit("k", boom)
    scheduler.submit("k", lambda: done.append(1))
    until(lambda: done, "the next job ran")


def test_shutdown_refuses_new_work() -> None:
    made = Scheduler(workers=1)
    made.submit("k", lambda: 60.0)  # parked on a long delay
    made.shutdown()
    with pytest.raises(RuntimeError):
        made.submit("k", lambda: None)
