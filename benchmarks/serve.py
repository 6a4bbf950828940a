"""The local server in a process of its own, for the benchmark's client processes.

    python -m benchmarks.serve

Prints the endpoint URL on one line once it serves, then serves until its
standard input closes (the benchmark closing it, or dying).
"""

from __future__ import annotations

import sys

from localcloud.server import running_server


def main() -> int:
    with running_server() as endpoint:
        print(endpoint, flush=True)
        sys.stdin.read()  # returns when the benchmark closes our stdin
    return 0


if __name__ == "__main__":
    sys.exit(main())
