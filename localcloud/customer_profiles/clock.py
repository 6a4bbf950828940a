"""The one clock the offline Customer Profiles service reads (no moto here).

Real time by default. Tests move it: ``clock.set(when)`` freezes it at an
instant, ``clock.advance(milliseconds=...)`` moves it on (frozen or not), and
``clock.set_latency(ms)`` makes every ingested object be processed that long
after it was received, so a trigger's ``EventExpiration`` can be exercised.
``clock.reset()`` (the server's reset does it) goes back to real time with no
latency. Over HTTP: ``GET|PUT|DELETE /_localcloud/clock``.
"""

from __future__ import annotations

import datetime
import threading
from typing import Any

from .models import utcnow_ms


def _ms(when: datetime.datetime) -> datetime.datetime:
    return when.replace(microsecond=when.microsecond // 1000 * 1000)


class Clock:
    """Now, to the millisecond: real, frozen, or offset; and the processing latency."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._frozen: datetime.datetime | None = None
        self._offset = datetime.timedelta()
        self._latency = datetime.timedelta()

    def now(self) -> datetime.datetime:
        with self._lock:
            if self._frozen is not None:
                return self._frozen
            return _ms(utcnow_ms() + self._offset)

    def set(self, when: datetime.datetime) -> None:
        """Freeze the clock at ``when`` (a naive datetime is UTC)."""
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.UTC)
        with self._lock:
            self._frozen = _ms(when.astimezone(datetime.UTC))

    def advance(self, milliseconds: float) -> datetime.datetime:
        """Move the clock on (back, if negative); the new now."""
        step = datetime.timedelta(milliseconds=milliseconds)
        with self._lock:
            if self._frozen is not None:
                self._frozen = _ms(self._frozen + step)
            else:
                self._offset += step
        return self.now()

    @property
    def latency(self) -> datetime.timedelta:
        """How long after it was received an ingested object is processed."""
        with self._lock:
            return self._latency

    def set_latency(self, milliseconds: float) -> None:
        if milliseconds < 0:
            raise ValueError("latency must be 0 or more milliseconds")
        with self._lock:
            self._latency = datetime.timedelta(milliseconds=milliseconds)

    def reset(self) -> None:
        with self._lock:
            self._frozen = None
            self._offset = datetime.timedelta()
            self._latency = datetime.timedelta()

    def to_dict(self) -> dict[str, Any]:
        now = self.now()
        with self._lock:
            frozen = self._frozen is not None
            latency = self._latency / datetime.timedelta(milliseconds=1)
        return {"now": now.isoformat(), "frozen": frozen, "latencyMs": latency}


clock = Clock()
