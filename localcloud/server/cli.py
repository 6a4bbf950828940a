"""The command line: ``python -m localcloud.server [--port N] [--verbose]``; Ctrl-C stops it."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from typing import Any

from .config import DEFAULT_PORT, HOST
from .runner import LocalCloudServer, configure_environment


def _port(text: str) -> int:
    port = int(text)
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError("port must be between 1 and 65535")
    return port


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Offline AWS services on 127.0.0.1")
    parser.add_argument(
        "--port", type=_port, default=_port(os.environ.get("PORT") or str(DEFAULT_PORT))
    )
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    configure_environment(args.port)
    try:
        server = LocalCloudServer(args.port, verbose=args.verbose)
    except OSError as error:
        print(f"localcloud: cannot listen on {HOST}:{args.port}: {error}", file=sys.stderr)
        return 1

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    print(f"localcloud: serving on {server.endpoint_url} (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()  # werkzeug's returns on Ctrl-C
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    print("localcloud: stopped", flush=True)
    return 0
