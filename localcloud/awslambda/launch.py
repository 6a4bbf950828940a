"""How an execution environment of each runtime family is started.

* Python: ``python3.X -s -u runtimes/python/bootstrap.py``; no user site
  directory, unbuffered output (Lambda's runtime flushes every write, so a
  crash loses none). Lambda's Python runtimes carry boto3; here the runtime's
  boto3 is the toolkit's own, pure Python: ``python_sdk()`` links boto3,
  botocore, s3transfer, jmespath, dateutil, urllib3 and six into one
  directory, which is ``PYTHONPATH`` (after the function's own code, so a
  package that bundles its own boto3 runs that one, as on Lambda).
* Node.js: ``node runtimes/nodejs/bootstrap.js <request fd>``. Lambda's
  Node.js runtimes carry the AWS SDK for JavaScript v3; none is provided here:
  a function bundles what it imports.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from pathlib import Path

from .interpreters import Interpreter

__all__ = ["RUNTIMES", "SDK_MODULES", "command", "python_sdk", "runtime_dir"]

RUNTIMES = Path(__file__).resolve().parent / "runtimes"
SDK_MODULES = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six")

_sdk_lock = threading.Lock()


def runtime_dir(family: str) -> Path:
    return RUNTIMES / family


def command(interpreter: Interpreter) -> list[str]:
    """The command line of one environment of ``interpreter``'s runtime."""
    if interpreter.family == "python":
        bootstrap = runtime_dir("python") / "bootstrap.py"
        return [interpreter.executable, "-s", "-u", str(bootstrap)]
    return [interpreter.executable, str(runtime_dir("nodejs") / "bootstrap.js")]


def python_sdk(root: Path) -> Path:
    """``root/python-sdk``: the toolkit's boto3 and what it needs, linked, made once."""
    target = root / "python-sdk"
    with _sdk_lock:
        if target.is_dir():
            return target
        staging = root / f".python-sdk.{os.getpid()}.{threading.get_ident()}"
        staging.mkdir(parents=True, exist_ok=True)
        for name in SDK_MODULES:
            spec = importlib.util.find_spec(name)
            if spec is None or spec.origin is None:
                continue
            if spec.submodule_search_locations:  # a package: link its directory
                source = Path(next(iter(spec.submodule_search_locations)))
                (staging / name).symlink_to(source, target_is_directory=True)
            else:  # a module: link its file
                source = Path(spec.origin)
                (staging / source.name).symlink_to(source)
        staging.rename(target)
    return target
