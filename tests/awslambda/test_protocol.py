"""The runner's wire: frames cut out of a function's log, whatever the chunks."""

from __future__ import annotations

import json
import marshal
from typing import Any

import pytest

from localcloud.awslambda.protocol import FrameReader, encode_request, new_token


def frame(token: str, message: dict[str, Any], kind: bytes = b"M") -> bytes:
    body = marshal.dumps(message) if kind == b"M" else json.dumps(message).encode()
    return b"\x1e" + token.encode() + b"|" + kind + b"%010d" % len(body) + body


def read(token: str, stream: bytes, chunk: int) -> tuple[bytes, list[Any]]:
    reader = FrameReader(token)
    log, frames = b"", []
    for start in range(0, len(stream), chunk):
        for kind, item in reader.feed(stream[start : start + chunk]):
            if kind == "log":
                log += item
            else:
                frames.append(item)
    return log + reader.rest(), frames


@pytest.mark.parametrize("chunk", [1, 2, 7, 64, 65536])
def test_frames_and_log_are_told_apart_in_any_chunks(chunk: int) -> None:
    token = new_token()
    stream = (
        b"a line\n"
        + frame(token, {"type": "ready", "initMs": 1.5})
        + b"half a line"
        + frame(token, {"type": "result", "value": {"big": "x" * 5000}}, b"J")
        + b"\x1e not a frame \x1e"
        + frame(new_token(), {"type": "result"})  # another token: the function's own bytes
        + b"end"
    )
    log, frames = read(token, stream, chunk)
    assert [f["type"] for f in frames] == ["ready", "result"]
    assert frames[1]["value"]["big"] == "x" * 5000
    assert log.startswith(b"a line\nhalf a line\x1e not a frame \x1e\x1e")
    assert log.endswith(b"end")


def test_a_frame_cut_short_stays_unread_until_the_rest_comes() -> None:
    token = new_token()
    whole = frame(token, {"type": "error", "error": {"errorType": "E"}})
    reader = FrameReader(token)
    assert list(reader.feed(whole[:-3])) == []
    assert list(reader.feed(whole[-3:])) == [
        ("frame", {"type": "error", "error": {"errorType": "E"}})
    ]


def test_a_request_is_its_length_then_its_body() -> None:
    for family, decode in (("python", marshal.loads), ("nodejs", json.loads)):
        data = encode_request({"requestId": "r", "event": {"a": [1, 2]}}, family)
        assert int.from_bytes(data[:4], "big") == len(data) - 4
        assert decode(data[4:]) == {"requestId": "r", "event": {"a": [1, 2]}}
