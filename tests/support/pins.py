"""The versions the requirements files pin, for tests that name them when a dependency moves."""

from __future__ import annotations

import re

from tests.support.constants import ROOT

# Every layer: runtime, make run, the toolkit, development.
FILES = (
    "requirements.txt",
    "requirements-run.txt",
    "requirements-toolkit.txt",
    "requirements-dev.txt",
)


def pinned(package: str) -> str:
    """The ``==`` version of ``package`` in the first requirements file that pins it."""
    line = re.compile(rf"^{re.escape(package)}(\[[^\]]*\])?==(\S+)", re.IGNORECASE | re.MULTILINE)
    for name in FILES:
        found = line.search((ROOT / name).read_text())
        if found:
            return found.group(2)
    raise LookupError(f"{package} is pinned in none of {', '.join(FILES)}")
