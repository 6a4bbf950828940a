"""HTTP/1.1 over a plain socket: requests no client library would send, answers read whole.

``exchange`` writes bytes exactly as given (a lying Content-Length, a broken
chunk, a body cut short) and reads the answer until the server closes the
connection, with a generous deadline: a test never measures how long it took.
``request`` builds one, signed with SigV4 for a signing name if asked.
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

DEADLINE_SECONDS = 120.0


@dataclass
class Answer:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def code(self) -> str:
        """The error code, whichever protocol answered (JSON member, header or XML)."""
        if "x-amzn-errortype" in self.headers:
            return self.headers["x-amzn-errortype"]
        if self.headers.get("content-type", "").startswith("application/"):
            return str(self.json().get("__type", ""))
        text = self.body.decode()
        return text.split("<Code>", 1)[1].split("</Code>", 1)[0] if "<Code>" in text else ""


def _parse(data: bytes) -> Answer:
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return Answer(status, headers, body)


def exchange(url: str, data: bytes, then: bytes = b"", half_close: bool = False) -> Answer | None:
    """Send ``data`` (and ``then``), optionally shut the sending side, and read the answer
    (to its Content-Length, as a client does, or until closed); None if the server closed
    without answering."""
    parts = urlsplit(url)
    with socket.create_connection(
        (parts.hostname or "127.0.0.1", parts.port or 80), timeout=DEADLINE_SECONDS
    ) as connection:
        connection.sendall(data + then)
        if half_close:
            connection.shutdown(socket.SHUT_WR)
        received = b""
        while not _whole(received) and (chunk := connection.recv(65536)):
            received += chunk
    return _parse(received) if received else None


def _whole(data: bytes) -> bool:
    _, separator, body = data.partition(b"\r\n\r\n")
    if not separator:
        return False
    length = _parse(data).headers.get("content-length")
    return length is not None and len(body) >= int(length)


def request(
    url: str,
    method: str,
    path: str,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    signing_name: str | None = None,
) -> bytes:
    """The bytes of a request (Content-Length from the body unless ``headers`` sets it)."""
    fields = {"Host": urlsplit(url).netloc, "Connection": "close", **(headers or {})}
    if signing_name is not None:
        signed = AWSRequest(method=method, url=url + path, data=body, headers=fields)
        SigV4Auth(Credentials("testing", "testing"), signing_name, "us-east-1").add_auth(signed)
        fields = dict(signed.headers.items())
    fields.setdefault("Content-Length", str(len(body)))
    head = f"{method} {path} HTTP/1.1\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in fields.items())
    return head.encode("latin-1") + b"\r\n" + body


def send(url: str, method: str, path: str, body: bytes = b"", **options: Any) -> Answer:
    """``request`` sent; the answer (the server must answer)."""
    answer = exchange(url, request(url, method, path, body, **options))
    assert answer is not None, f"{method} {path}: the server closed without answering"
    return answer
