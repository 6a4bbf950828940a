"""The one clock the offline Customer Profiles service reads (no moto here).

Real time by default. Tests move it: ``clock.set(when)`` freezes it at an
instant, ``clock.advance(milliseconds=...)`` moves it on (frozen or not), and
``clock.set_latency(ms)`` makes every ingested object be processed that long
after it was received, so a trigger's ``EventExpiration`` can be exercised.
``clock.reset()`` (the server's reset does it) goes back to real time with no
latency. Over HTTP: ``GET|PUT|DELETE /_localcloud/clock``.

The clock stays within ``EARLIEST`` and ``LATEST``, and the latency within
``MAX_LATENCY``: every window a trigger's Periods look back over (at most 60
months) and every expiry computed from an object's times then stays within
the dates Python has. A move beyond them raises ``ValueError`` and changes
nothing.
"""

from __future__ import annotations

import datetime
import threading
from typing import Any

from .models import utcnow_ms

EARLIEST = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
LATEST = datetime.datetime(9000, 1, 1, tzinfo=datetime.UTC)
MAX_LATENCY = datetime.timedelta(days=3650)
_OUT_OF_RANGE = f"the clock stays within the years {EARLIEST.year} to {LATEST.year - 1}"


def check_instant(when: datetime.datetime) -> datetime.datetime:
    """``when`` in UTC (a naive datetime is UTC); ``ValueError`` outside the clock's range."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    when = when.astimezone(datetime.UTC)
    if not EARLIEST <= when < LATEST:
        raise ValueError(_OUT_OF_RANGE)
    return when


def check_latency(milliseconds: float) -> datetime.timedelta:
    """The latency as a duration; ``ValueError`` if negative or over ``MAX_LATENCY``."""
    if not 0 <= milliseconds <= MAX_LATENCY / datetime.timedelta(milliseconds=1):
        days = MAX_LATENCY.days
        raise ValueError(f"the latency must be 0 or more milliseconds, at most {days} days")
    return datetime.timedelta(milliseconds=milliseconds)


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
        when = check_instant(when)
        with self._lock:
            self._frozen = _ms(when)

    def advance(self, milliseconds: float) -> datetime.datetime:
        """Move the clock on (back, if negative); the new now."""
        with self._lock:
            now = self._frozen or _ms(utcnow_ms() + self._offset)
            try:
                target = now + datetime.timedelta(milliseconds=milliseconds)
            except OverflowError:
                raise ValueError(_OUT_OF_RANGE) from None
            step = check_instant(target) - now
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
        latency = check_latency(milliseconds)
        with self._lock:
            self._latency = latency

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
