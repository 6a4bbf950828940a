"""Starts the Python runtime (``_localcloud_runtime``) with the function's code first on
``sys.path``. The runtime is imported, not run as this script is: a script is compiled on
every start, an imported module's bytecode is cached."""

import os
import sys

# From this directory, sys.path[0] (which the function's code takes next); mypy sees no path.
import _localcloud_runtime  # type: ignore[import-not-found]

sys.path[0] = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
_localcloud_runtime.main()
