"""A request's body read whole before anything answers it: HTTP framing refused by name.

``read_body`` reads what the request's framing announces (``Content-Length``,
or the chunks of ``Transfer-Encoding: chunked``, which werkzeug's server
decodes) and puts it back as the request's input, so nothing after it reads
the socket. What AWS refuses at the HTTP level is refused here, with AWS's
common error codes, before any service sees the request:

* a ``Content-Length`` that is not a number of bytes: 400 ``MalformedHttpRequestException``;
* a malformed chunked body: 400 ``MalformedHttpRequestException``;
* a body that ends before its ``Content-Length``: 400 ``RequestAbortedException``;
* a body over the limit: 413 ``RequestEntityTooLargeException`` (read and dropped
  when it is at most ``DISCARD_BYTES``, so the connection ends as soon as the
  answer is out; a larger one is left to the server's socket timeout);
* a client that stops sending for the server's socket timeout
  (``config.READ_TIMEOUT_SECONDS``, set in ``runner``): 408 ``RequestTimeoutException``.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["BadFraming", "read_body"]

_DIGITS = re.compile(r"[0-9]{1,19}")
DISCARD_BYTES = 64 * 1024 * 1024


@dataclass
class BadFraming(Exception):
    """The request's framing is wrong: the status, AWS's common error code, one line."""

    status: int
    code: str
    message: str


def _content_length(environ: dict[str, Any]) -> int:
    text = (environ.get("CONTENT_LENGTH") or "").strip()
    if not text:
        return 0
    if not _DIGITS.fullmatch(text):
        shown = text[:40]
        raise BadFraming(
            400,
            "MalformedHttpRequestException",
            f"Content-Length must be a number of bytes, not {shown!r}",
        )
    return int(text)


def _read(stream: Any, size: int) -> bytes:
    """Up to ``size`` bytes, fewer only when the stream ends."""
    parts: list[bytes] = []
    wanted = size
    while wanted > 0:
        part = stream.read(wanted)
        if not part:
            break
        parts.append(part)
        wanted -= len(part)
    return b"".join(parts)


def _discard(stream: Any, size: int) -> None:
    """Read and drop up to ``size`` bytes of what the client is still sending."""
    try:
        while size > 0 and (part := stream.read(min(size, 1024 * 1024))):
            size -= len(part)
    except (OSError, ValueError):
        pass  # a client that stops or breaks the framing gets its answer all the same


def _too_large(limit: int) -> BadFraming:
    return BadFraming(
        413, "RequestEntityTooLargeException", f"Request bodies are limited to {limit} bytes"
    )


def read_body(environ: dict[str, Any], limit: int) -> bytes:
    """The request's body (at most ``limit`` bytes), also put back as its input;
    ``BadFraming`` when the framing is wrong, the body too large or too slow."""
    chunked = bool(environ.get("wsgi.input_terminated"))
    length = None if chunked else _content_length(environ)
    if length is not None and length > limit:
        if length <= DISCARD_BYTES:
            _discard(environ["wsgi.input"], length)
        raise _too_large(limit)
    try:
        data = _read(environ["wsgi.input"], limit + 1 if length is None else length)
    except TimeoutError:
        raise BadFraming(
            408,
            "RequestTimeoutException",
            "The request body stopped arriving before it was whole",
        ) from None
    except ConnectionError:
        raise
    except (OSError, ValueError) as error:  # werkzeug's chunk decoder: "Invalid chunk header"
        raise BadFraming(
            400, "MalformedHttpRequestException", f"The chunked request body is malformed: {error}"
        ) from None
    if length is None and len(data) > limit:
        _discard(environ["wsgi.input"], DISCARD_BYTES)
        raise _too_large(limit)
    if length is not None and len(data) < length:
        raise BadFraming(
            400,
            "RequestAbortedException",
            f"The request body ended after {len(data)} of the {length} bytes "
            "its Content-Length announced",
        )
    environ["wsgi.input"] = io.BytesIO(data)
    environ["CONTENT_LENGTH"] = str(len(data))
    return data
