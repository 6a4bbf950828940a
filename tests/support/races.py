"""Calls started together: every thread waits at one barrier, then all go at once."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")
RACE_SECONDS = 60.0


def race(calls: Sequence[Callable[[], T]], timeout: float = RACE_SECONDS) -> list[T]:
    """The results of ``calls``, run at once on a thread each, in the order given."""
    barrier = threading.Barrier(len(calls), timeout=timeout)

    def run(call: Callable[[], T]) -> T:
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(run, call) for call in calls]
        return [future.result(timeout=timeout) for future in futures]


def caught(call: Callable[[], T]) -> Callable[[], T | Exception]:
    """``call``, returning the exception it raises instead of raising it."""

    def run() -> T | Exception:
        try:
            return call()
        except Exception as error:
            return error

    return run
