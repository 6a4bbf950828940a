"""The custom resource response: the document, its size limit, and its delivery.

The document is CloudFormation's (``Status``, ``Reason``, ``PhysicalResourceId``,
``StackId``, ``RequestId``, ``LogicalResourceId``, ``NoEcho``, ``Data``), sent
with an HTTP PUT to the request's pre-signed ``ResponseURL`` with an empty
``Content-Type``, as the pre-signature expects. Its body may not exceed 4,096
bytes: the Reason is cut to fit, at a character, counting its JSON escapes (the
body is ASCII: every other character is escaped), and Data that cannot fit is
refused (``DataTooLarge``) so that the caller answers FAILED saying so.

The PUT is retried on a connection error, a timeout and a 5xx answer, a few
times with a short backoff, and never past the deadline it is given. urllib3
does the HTTP: botocore ships and uses it already.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import urllib3

LOG = logging.getLogger(__name__)

SUCCESS = "SUCCESS"
FAILED = "FAILED"
MAX_BODY_BYTES = 4096
TRUNCATED = " [truncated]"
# The event's fields every response copies, in the documented order.
COPIED = ("StackId", "RequestId", "LogicalResourceId")

ATTEMPTS = 4
BACKOFF_SECONDS = (0.5, 1.0, 2.0)
CONNECT_SECONDS = 5.0
READ_SECONDS = 15.0

_pool = urllib3.PoolManager(num_pools=2, maxsize=1)


class DataTooLarge(Exception):
    """Data that cannot fit in a response body, with the body's size it would make."""

    def __init__(self, size: int) -> None:
        super().__init__(
            f"The response's Data makes a body of {size} bytes, over CloudFormation's"
            f" limit of {MAX_BODY_BYTES} bytes"
        )
        self.size = size


@dataclass(frozen=True)
class Outcome:
    """What a request ends in: the response's status, physical id, reason and Data."""

    status: str
    physical_id: str
    reason: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)


def encode(document: Mapping[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def _encoded_length(text: str) -> int:
    return len(json.dumps(text, ensure_ascii=True)) - 2


def one_line(text: str) -> str:
    return " ".join(text.split())


def fit_reason(reason: str, room: int) -> str:
    """``reason`` on one line, cut at a character so that its JSON takes ``room`` bytes at most."""
    text = one_line(reason)
    if _encoded_length(text) <= room:
        return text
    if _encoded_length(TRUNCATED) > room:
        return ""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if _encoded_length(text[:middle] + TRUNCATED) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + TRUNCATED


def document(event: Mapping[str, Any], outcome: Outcome) -> dict[str, Any]:
    """The response document for ``outcome``, its body within the size limit.

    DataTooLarge if the body would overflow with the Reason left empty.
    """
    answer: dict[str, Any] = {
        "Status": outcome.status,
        "Reason": "",
        "PhysicalResourceId": outcome.physical_id,
        **{name: str(event.get(name, "")) for name in COPIED},
        "NoEcho": False,
        "Data": dict(outcome.data),
    }
    size = len(encode(answer))
    if size > MAX_BODY_BYTES:
        raise DataTooLarge(size)
    answer["Reason"] = fit_reason(outcome.reason, MAX_BODY_BYTES - size)
    return answer


def put(url: str, body: bytes, deadline: float | None) -> int | None:
    """PUTs ``body`` to ``url``; the final HTTP status, or None if it never got one.

    ``deadline`` is a ``time.monotonic()`` value no attempt or backoff goes past.
    """
    headers = {"Content-Type": "", "Content-Length": str(len(body))}
    status: int | None = None
    for attempt in range(ATTEMPTS):
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            LOG.error("No time left to send the response (attempt %d)", attempt + 1)
            return status
        timeout = urllib3.Timeout(
            connect=CONNECT_SECONDS if left is None else min(CONNECT_SECONDS, left),
            read=READ_SECONDS if left is None else min(READ_SECONDS, left),
        )
        try:
            answer = _pool.request(
                "PUT",
                url,
                body=body,
                headers=headers,
                retries=False,
                redirect=False,
                timeout=timeout,
            )
            status = answer.status
        except urllib3.exceptions.HTTPError as error:
            LOG.warning(
                "Sending the response failed (attempt %d): %s", attempt + 1, type(error).__name__
            )
        else:
            if status < 500:
                if status >= 300:
                    LOG.error("The response URL refused the response: HTTP %d", status)
                return status
            LOG.warning("The response URL answered HTTP %d (attempt %d)", status, attempt + 1)
        if attempt < len(BACKOFF_SECONDS):
            pause = BACKOFF_SECONDS[attempt]
            if deadline is not None:
                pause = min(pause, max(0.0, deadline - time.monotonic()))
            time.sleep(pause)
    LOG.error("The response was not delivered after %d attempts", ATTEMPTS)
    return status


class Responder:
    """Sends one response per request: the first outcome sent, from the work or the
    deadline timer, is the answer; a later one is logged and dropped.

    ``failure_id`` is the physical id a failure answers at this point of the work
    (see ``lifecycle``); Data too large for the body turns the outcome into a
    failure with that id.
    """

    def __init__(self, event: Mapping[str, Any], failure_id: str, deadline: float | None) -> None:
        self._event = event
        self._deadline = deadline
        self._lock = threading.Lock()
        self.failure_id = failure_id
        self.sent: dict[str, Any] | None = None
        self.http_status: int | None = None

    def send(self, outcome: Outcome) -> dict[str, Any]:
        with self._lock:
            if self.sent is not None:
                LOG.warning(
                    "Already answered %s; the later %s is not sent",
                    self.sent["Status"],
                    outcome.status,
                )
                return self.sent
            try:
                answer = document(self._event, outcome)
            except DataTooLarge as error:
                LOG.error("%s", error)
                answer = document(self._event, Outcome(FAILED, self.failure_id, str(error)))
            LOG.info("Answering %s for %s", answer["Status"], answer["PhysicalResourceId"])
            self.http_status = put(str(self._event["ResponseURL"]), encode(answer), self._deadline)
            self.sent = answer
            return answer
