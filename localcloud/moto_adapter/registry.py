r"""Registers a service that lives outside moto's package with moto's internals.

moto only knows the services under ``moto/``. Three of its internals decide
whether a request reaches a backend, and this module touches exactly those:

* ``moto.backend_index.backend_url_patterns`` - the URL index. The in-process
  mock (``mock_aws``) intercepts a URL only if it matches one of these, and the
  server dispatcher maps a host to a backend name with them.
* ``moto.backends.get_backend(name)`` imports ``moto.<name>`` and reads its
  ``<name>_backends`` attribute. We alias ``moto.<name>`` in ``sys.modules`` to
  the module that holds the ``BackendDict``.
* ``moto.moto_server.werkzeug_app.DomainDispatcherApplication`` rebuilds a host
  ``<signing name>.<region>.amazonaws.com`` from the SigV4 credential scope of
  the Authorization header, then looks that host up in the URL index. We add a
  pattern for that host, so the signing name routes to the backend even when it
  differs from the endpoint prefix.

The backend module must follow moto's conventions: a ``BackendDict`` named
``<name>_backends`` whose backend's ``urls``/``flask_paths`` resolve (override
``BaseBackend._url_module`` when urls live elsewhere). Registration must happen
before ``mock_aws()`` starts: moto reads the URL index when a mock starts.
``tests/service/test_moto_private_names.py`` fails, naming the moto internal and
the pinned moto version, if a moto upgrade moves any of this.

Every local service registers itself this way from its package's ``register()``;
Cloud Control (JSON 1.0, signing name ``cloudcontrolapi``) does::

    register_service(
        "cloudcontrol",                       # moto name; its module holds cloudcontrol_backends
        "localcloud.cloudcontrol.backend",
        [r"https?://cloudcontrolapi\.(.+)\.amazonaws\.com"],
        "cloudcontrolapi",
    )

A service's ``BaseResponse`` subclass passes its botocore model name as
``service_name`` (the model moto's router, parser and serializer load) and
raises ``ServiceException`` subclasses defined in its own module: moto derives
a service model from an exception's ``moto.<package>`` module, and fails on
``moto.core``'s own base class.
"""

from __future__ import annotations

import importlib
import re
import sys
import threading
from collections.abc import Sequence
from types import ModuleType

import moto.backend_index as backend_index
import moto.backends as backends

__all__ = ["register_service", "registered_services", "unregister_service"]

_lock = threading.Lock()
_registered: dict[str, tuple[str, tuple[str, ...], str]] = {}
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def _signing_host_pattern(signing_name: str) -> str:
    return rf"https?://{re.escape(signing_name)}\.(.+)\.amazonaws\.com"


def register_service(
    name: str,
    backend_module: str | ModuleType,
    url_bases: Sequence[str],
    signing_name: str,
) -> None:
    """Make moto (in-process mock and server) route ``url_bases`` and ``signing_name`` to ``name``.

    ``name`` is moto's backend name (no dashes: ``get_backend`` strips them);
    ``backend_module`` holds ``<name>_backends``. Calling again with the same
    arguments does nothing; with other arguments it replaces the registration.
    """
    if not _NAME.match(name):
        raise ValueError(f"service name {name!r} must match {_NAME.pattern}")
    module = (
        importlib.import_module(backend_module)
        if isinstance(backend_module, str)
        else backend_module
    )
    alias = f"moto.{name}"
    patterns = tuple(dict.fromkeys((*url_bases, _signing_host_pattern(signing_name))))
    key = (module.__name__, patterns, signing_name)
    with _lock:
        if _registered.get(name) == key and sys.modules.get(alias) is module:
            return  # registered already (every mock's start comes here: keep it cheap)
    if name in backends.list_of_moto_modules():
        raise ValueError(f"moto already has a service called {name!r}")
    if not hasattr(module, f"{name}_backends"):
        raise ValueError(f"{module.__name__} has no attribute {name}_backends")
    with _lock:
        sys.modules[alias] = module
        index = backend_index.backend_url_patterns
        # Replace, never append twice: the list is shared with live dispatchers.
        index[:] = [entry for entry in index if entry[0] != name]
        for offset, pattern in enumerate(patterns):
            index.insert(offset, (name, re.compile(pattern)))
        _registered[name] = key
    # Fails now rather than on the first request if the import path is wrong.
    backends.get_backend(name)  # type: ignore[call-overload]


def registered_services() -> dict[str, str]:
    """Backend name -> module, for what this process registered."""
    with _lock:
        return {name: key[0] for name, key in _registered.items()}


def unregister_service(name: str) -> None:
    """Undo ``register_service`` (for tests that register a probe service)."""
    with _lock:
        if _registered.pop(name, None) is None:
            return
        index = backend_index.backend_url_patterns
        index[:] = [entry for entry in index if entry[0] != name]
        sys.modules.pop(f"moto.{name}", None)
