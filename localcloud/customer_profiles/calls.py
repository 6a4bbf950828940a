"""Counts of the calls that reached the offline service, per operation (no moto here).

Tests of API economy need to know how many calls arrived. The moto adapter
counts every call that reaches the service, after routing and before
validation, including calls that then suffer an injected fault and calls
botocore retries.

    from localcloud.customer_profiles import calls, reset_calls
    calls()["UpdateEventTrigger"]  # -> 3
    reset_calls()

Over HTTP: ``GET``/``DELETE /_localcloud/calls`` (see ``localcloud.server``).
"""

from __future__ import annotations

import threading
from collections import Counter


class CallCounter:
    """A thread-safe counter of calls per operation."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: Counter[str] = Counter()

    def count(self, operation: str) -> None:
        with self._lock:
            self._calls[operation] += 1

    def snapshot(self) -> Counter[str]:
        """A copy of the calls counted since the last reset."""
        with self._lock:
            return Counter(self._calls)

    def reset(self) -> None:
        with self._lock:
            self._calls.clear()


call_counts = CallCounter()
