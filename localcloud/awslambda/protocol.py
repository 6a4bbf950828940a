"""The wire between the runner and an execution environment (a bootstrap process).

Requests go to the environment one at a time: a 4-byte big-endian length, then
the body, ``marshal`` data for the Python runtime (built in, so its bootstrap
imports no ``json`` before its first answer) and JSON for Node.js. The first
request is the hello, ``{"token": <32 hex digits>}``; a cold start's first
invocation may follow it at once, before the init is done. An invocation is
``{"requestId", "functionArn", "timeoutMs", "clientContext"}`` with the event
(``event``, Python) or its JSON text (``payload``, Node.js); its deadline
counts from when the runtime takes it up.

Answers come back on the environment's standard output, which is also the
function's log (its stdout and stderr): each is a frame
``\\x1e<token>|<kind><10-digit length><body>`` (kind ``M``: marshal, ``J``:
JSON) that ``FrameReader`` cuts out of the stream, handing the bytes around it
to the log. The token is random per environment, so a function that prints
does not forge a frame. Frames are ``{"type": ...}``: ``ready`` (init done,
``initMs``), ``init_error`` (``error``), ``result`` (``value``, or ``json``
text), ``error`` (``error``: the payload Lambda answers).
"""

from __future__ import annotations

import json
import marshal
import secrets
from collections.abc import Iterator
from typing import Any

__all__ = ["FrameReader", "encode_request", "new_token"]

MARK = b"\x1e"
_LENGTH_DIGITS = 10


def new_token() -> str:
    return secrets.token_hex(16)


def encode_request(message: dict[str, Any], family: str) -> bytes:
    """One request as the runtime ``family``'s bootstrap reads it."""
    body = marshal.dumps(message, 4) if family == "python" else json.dumps(message).encode()
    return len(body).to_bytes(4, "big") + body


def _decode(kind: bytes, body: bytes) -> dict[str, Any]:
    if kind == b"M":
        decoded = marshal.loads(body)  # noqa: S302 - from the bootstrap this runner started
    elif kind == b"J":
        decoded = json.loads(body)
    else:
        raise ValueError(f"unknown frame kind {kind!r}")
    if not isinstance(decoded, dict) or not isinstance(decoded.get("type"), str):
        raise ValueError("a frame that is not a message")
    return decoded


class FrameReader:
    """Splits an environment's output into log bytes and frames, as it arrives in chunks."""

    def __init__(self, token: str) -> None:
        self._prefix = MARK + token.encode() + b"|"
        self._header = len(self._prefix) + 1 + _LENGTH_DIGITS
        self._buffer = bytearray()

    def feed(self, data: bytes) -> Iterator[tuple[str, Any]]:
        """``("log", bytes)`` and ``("frame", message)`` items, in the order written."""
        buffer = self._buffer
        buffer += data
        while buffer:
            start = buffer.find(self._prefix)
            if start < 0:
                # Keep a tail that could be the start of a prefix cut by the chunk's end.
                cut = len(buffer) - _partial_prefix(buffer, self._prefix)
                if cut:
                    yield "log", bytes(buffer[:cut])
                    del buffer[:cut]
                return
            if start:
                yield "log", bytes(buffer[:start])
                del buffer[:start]
            if len(buffer) < self._header:
                return
            kind = bytes(buffer[len(self._prefix) : len(self._prefix) + 1])
            digits = bytes(buffer[len(self._prefix) + 1 : self._header])
            if not digits.isdigit():
                yield "log", bytes(buffer[: len(self._prefix)])  # not a frame after all
                del buffer[: len(self._prefix)]
                continue
            end = self._header + int(digits)
            if len(buffer) < end:
                return
            body = bytes(buffer[self._header : end])
            del buffer[:end]
            yield "frame", _decode(kind, body)

    def rest(self) -> bytes:
        """What is left when the stream ends: log bytes of an unfinished write."""
        rest = bytes(self._buffer)
        self._buffer.clear()
        return rest


def _partial_prefix(buffer: bytearray, prefix: bytes) -> int:
    """The length of the longest end of ``buffer`` that begins ``prefix``."""
    for size in range(min(len(prefix) - 1, len(buffer)), 0, -1):
        if buffer.endswith(prefix[:size]):
            return size
    return 0
