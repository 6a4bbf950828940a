"""Invokes a Lambda entrypoint from an unpacked Lambda code folder, as the runtime would.

Run by the package tests with the runtime's Python, isolated (``-I -S -B``): no
site-packages, no environment PYTHON* variables, no bytecode written. Only the
code folder is added to ``sys.path``, ahead of the standard library.

Usage: ``python3.12 -I -S -B lambda_runner.py CODE_DIR MODULE.ATTRIBUTE < events.json``

Each event is handled with a context object that has five minutes left, as
Lambda's would at the start of an invocation.

Prints one JSON object: the responses, in order; the code folder's modules
compiled from source (none when the package's bytecode is used); and the
modules loaded from anywhere but the code folder and the standard library.
"""

import importlib
import importlib.machinery
import json
import logging
import sys
import sysconfig
import time
from typing import Any


class Context:
    """The part of Lambda's context object the handlers read: the time left."""

    def __init__(self, seconds: float) -> None:
        self._deadline = time.monotonic() + seconds

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def main() -> None:
    code, entrypoint = sys.argv[1], sys.argv[2]
    sys.path.insert(0, code)
    compiled = []
    to_code = importlib.machinery.SourceFileLoader.source_to_code

    def counting(self: Any, data: Any, path: Any, *args: Any, **kwargs: Any) -> Any:
        if str(path).startswith(code):
            compiled.append(str(path)[len(code) + 1 :])
        return to_code(self, data, path, *args, **kwargs)

    setattr(importlib.machinery.SourceFileLoader, "source_to_code", counting)  # noqa: B010
    # The Lambda runtime logs to stdout through one root handler, at INFO.
    logging.basicConfig(stream=sys.stderr, level=logging.INFO)

    module_name, _, attribute = entrypoint.rpartition(".")
    handler = getattr(importlib.import_module(module_name), attribute)
    responses = [handler(event, Context(300)) for event in json.load(sys.stdin)]

    stdlib = tuple(sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib"))
    files = {name: getattr(module, "__file__", None) for name, module in list(sys.modules.items())}
    outside = sorted(
        name
        for name, file in files.items()
        if isinstance(file, str)
        and not file.startswith(code)
        and not file.startswith(stdlib)
        and file != __file__
    )
    print(json.dumps({"responses": responses, "compiled": compiled, "outside": outside}))


if __name__ == "__main__":
    main()
