"""Background execution of handler steps: a bounded pool, one job at a time per resource.

A job is a step function run on a worker thread. It returns None when it is
done, or a delay in seconds after which it must run again (a handler's
IN_PROGRESS with callbackDelaySeconds). Jobs on the same key (a resource
identifier) run strictly one after another, so ten racing creates of one name
reach the handler in turn; waiting jobs hold no worker. A step that raises is
logged and its job ends: nothing a handler does can stop the pool.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

LOG = logging.getLogger(__name__)

Step = Callable[[], float | None]


class Scheduler:
    """Runs steps on ``workers`` threads, serialized per key, with delayed re-runs."""

    def __init__(self, workers: int = 4) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="cloudcontrol")
        self._lock = threading.Condition()
        self._queues: dict[str, deque[Step]] = {}
        self._timers: list[tuple[float, int, str, Step]] = []
        self._order = itertools.count()
        self._closed = False
        self._timer_thread = threading.Thread(
            target=self._wait_for_timers, name="cloudcontrol-timers", daemon=True
        )
        self._timer_thread.start()

    def submit(self, key: str, step: Step) -> bool:
        """Queues ``step`` on ``key``; True if it starts now, False if it waits its turn."""
        with self._lock:
            if self._closed:
                raise RuntimeError("the scheduler is shut down")
            queue = self._queues.setdefault(key, deque())
            queue.append(step)
            starts_now = len(queue) == 1
        if starts_now:
            self._start(key, step)
        return starts_now

    def pending(self, key: str) -> int:
        """How many jobs are queued or running on ``key``."""
        with self._lock:
            return len(self._queues.get(key, ()))

    def _start(self, key: str, step: Step) -> None:
        try:
            self._pool.submit(self._run, key, step)
        except RuntimeError:  # shut down meanwhile: the job is dropped with the pool
            LOG.debug("Dropped a step for %s: the scheduler is shut down", key)

    def _run(self, key: str, step: Step) -> None:
        try:
            delay = step()
        except Exception:
            LOG.exception("A background step for %s failed", key)
            delay = None
        if delay is not None:
            with self._lock:
                if not self._closed:
                    due = time.monotonic() + max(0.0, delay)
                    heapq.heappush(self._timers, (due, next(self._order), key, step))
                    self._lock.notify()
                    return
        self._finish(key)

    def _finish(self, key: str) -> None:
        with self._lock:
            queue = self._queues[key]
            queue.popleft()
            following = queue[0] if queue else None
            if following is None:
                del self._queues[key]
        if following is not None:
            self._start(key, following)

    def _wait_for_timers(self) -> None:
        while True:
            with self._lock:
                while not self._closed and (
                    not self._timers or self._timers[0][0] > time.monotonic()
                ):
                    timeout = self._timers[0][0] - time.monotonic() if self._timers else None
                    self._lock.wait(timeout)
                if self._closed:
                    return
                _, _, key, step = heapq.heappop(self._timers)
            self._start(key, step)

    def shutdown(self, wait: bool = True) -> None:
        """Stops taking work; with ``wait``, lets running steps finish. Delayed ones are dropped."""
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        self._pool.shutdown(wait=wait, cancel_futures=not wait)
