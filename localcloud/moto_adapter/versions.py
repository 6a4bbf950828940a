"""The moto releases this toolkit works with, checked when the adapter is first imported.

The local services plug into moto's internals (this package), which change
between moto's patch releases: 5.2.0-5.2.4 route a request by
``(method, request_uri)``, 5.2.5 by the request, 5.2.6 renames that method.
A mock on an unfit moto fails on its first call far from the cause, so
``check_moto()`` looks at the installed release and at the internals
themselves, and refuses with one message naming the supported range.

The range is exactly what ``make test`` runs: the pins (requirements-run.txt)
at its lower end, and the newest release it allows in a venv of its own.
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
    "ROUTING_METHODS",
    "UnsupportedMotoError",
    "check_moto",
    "moto_internals_problem",
]

DISTRIBUTION = "customerprofiles-localcloud"
MOTO_MIN = (5, 2, 5)
MOTO_BELOW = (5, 2, 7)
MOTO_RANGE = ">=5.2.5,<5.2.7"
# BaseResponse's method that matches a request to an operation, by release:
# 5.2.6 and later name it _get_action_from_request; 5.2.5 the older name.
ROUTING_METHODS = ("_get_action_from_request", "_get_action_from_method_and_request_uri")


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
    return MOTO_MIN <= release < MOTO_BELOW


def routing_method_name(base: type) -> str | None:
    """The name of ``base``'s request-routing method, whichever release it is."""
    return next((name for name in ROUTING_METHODS if hasattr(base, name)), None)


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
    name = routing_method_name(base) if isinstance(base, type) else None
    if name is None:
        return f"moto.core.responses.BaseResponse has none of {', '.join(ROUTING_METHODS)}"
    parameters = list(inspect.signature(getattr(base, name)).parameters)
    if parameters != ["self", "request"]:
        return f"BaseResponse.{name} takes ({', '.join(parameters[1:])}), not (request)"
    if not hasattr(responses, "ActionResult"):
        return "moto.core.responses has no ActionResult"
    if not isinstance(getattr(backend_index, "backend_url_patterns", None), list):
        return "moto.backend_index.backend_url_patterns is not a list"
    for function in ("get_backend", "list_of_moto_modules"):
        if not callable(getattr(backends, function, None)):
            return f"moto.backends has no {function}()"
    return None


def check_moto() -> None:
    """Raise ``UnsupportedMotoError`` unless moto is installed with the internals used here.

    A release outside ``MOTO_RANGE`` whose internals still fit only warns: the
    range is what was tested, the internals are what breaks.
    """
    fix = f"install one with: pip install 'moto[server]{MOTO_RANGE}'"
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
