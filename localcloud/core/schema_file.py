"""Where the resource schema file is: one answer for the repository and for an installed toolkit.

The wheel carries ``aws-customerprofiles-eventtrigger.json`` inside the
``localcloud`` package (hatchling's ``force-include``, see pyproject.toml); in a
checkout of the repository, or an editable install of it, the file is the one
at the repository's root, which ``make generate`` and ``cfn submit`` read.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["SCHEMA_FILE_NAME", "resource_schema_path"]

SCHEMA_FILE_NAME = "aws-customerprofiles-eventtrigger.json"
_PACKAGE = Path(__file__).resolve().parents[1]  # the localcloud package


def resource_schema_path() -> Path:
    """The schema file: the installed copy first, then the repository's root."""
    for candidate in (_PACKAGE / SCHEMA_FILE_NAME, _PACKAGE.parent / SCHEMA_FILE_NAME):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        f"{SCHEMA_FILE_NAME} is neither in {_PACKAGE} (an installed toolkit) "
        f"nor in {_PACKAGE.parent} (the repository)"
    )
