"""The moto releases this toolkit works with, checked once when ``localcloud`` is imported.

The local services plug into moto's internals (see ``localcloud.moto_glue`` and
the services' ``responses.py``), which change between moto's patch releases:
moto 5.2.0-5.2.4 take ``(method, request_uri)`` where 5.2.5 takes the request,
and the mock then fails on its first call with a ``TypeError`` far from the
cause. So ``check_moto()`` looks at the installed release and at the internals
themselves, and refuses to load with one message naming the supported range.
"""

from __future__ import annotations

import inspect
import re
import warnings
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

__all__ = [
    "DISTRIBUTION",
    "MOTO_RANGE",
    "UnsupportedMotoError",
    "check_moto",
    "moto_internals_problem",
]

DISTRIBUTION = "customerprofiles-localcloud"
MOTO_MIN = (5, 2, 5)
MOTO_BELOW = (5, 3)
MOTO_RANGE = ">=5.2.5,<5.3"


class UnsupportedMotoError(ImportError):
    """The installed moto is not one this toolkit can plug into."""


def _release(text: str) -> tuple[int, ...]:
    """``"5.2.5.dev3"`` -> ``(5, 2, 5)``: the leading numeric parts only."""
    parts: list[int] = []
    for piece in text.split("."):
        match = re.match(r"\d+", piece)
        if match is None:
            break
        parts.append(int(match.group()))
        if match.end() != len(piece):
            break
    return tuple(parts)


def _in_range(release: tuple[int, ...]) -> bool:
    return MOTO_MIN <= release and release[: len(MOTO_BELOW)] < MOTO_BELOW


def moto_internals_problem() -> str | None:
    """What the installed moto lacks that the local services use; None when all is there."""
    try:
        responses = import_module("moto.core.responses")
        backend_index = import_module("moto.backend_index")
        backends = import_module("moto.backends")
        import_module("moto.core.request")
    except ImportError as error:
        return f"cannot import {error.name or error}"
    base = getattr(responses, "BaseResponse", None)
    method = getattr(base, "_get_action_from_method_and_request_uri", None)
    if method is None:
        return "moto.core.responses.BaseResponse has no _get_action_from_method_and_request_uri"
    parameters = list(inspect.signature(method).parameters)
    if parameters != ["self", "request"]:
        return (
            "BaseResponse._get_action_from_method_and_request_uri takes "
            f"({', '.join(parameters[1:])}), not (request)"
        )
    if not hasattr(responses, "ActionResult"):
        return "moto.core.responses has no ActionResult"
    if not isinstance(getattr(backend_index, "backend_url_patterns", None), list):
        return "moto.backend_index.backend_url_patterns is not a list"
    for name in ("get_backend", "list_of_moto_modules"):
        if not callable(getattr(backends, name, None)):
            return f"moto.backends has no {name}()"
    return None


def check_moto() -> None:
    """Raise ``UnsupportedMotoError`` unless moto is installed with the internals used here.

    A release outside ``MOTO_RANGE`` whose internals still fit only warns: the
    range is what was tested, the internals are what breaks.
    """
    fix = f"install one with: pip install 'moto{MOTO_RANGE}'"
    try:
        installed = version("moto")
    except PackageNotFoundError:
        raise UnsupportedMotoError(
            f"{DISTRIBUTION} needs moto{MOTO_RANGE}, and moto is not installed: {fix}"
        ) from None
    problem = moto_internals_problem()
    if problem is not None:
        raise UnsupportedMotoError(
            f"{DISTRIBUTION} supports moto{MOTO_RANGE}, not moto {installed} ({problem}): {fix}"
        )
    if not _in_range(_release(installed)):
        warnings.warn(
            f"{DISTRIBUTION} was tested with moto{MOTO_RANGE}; moto {installed} is installed",
            RuntimeWarning,
            stacklevel=2,
        )
