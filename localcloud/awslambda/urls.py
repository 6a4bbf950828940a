"""moto's Lambda URLs, every one answered by ``LocalLambdaResponse`` (moto's, subclassed).

``LocalLambdaBackend._url_module`` is this module: moto's server and its
in-process mock read a backend's URLs from there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from localcloud.moto_adapter.awslambda import lambda_url_module

from .responses import LocalLambdaResponse

_moto = lambda_url_module()

url_bases: list[str] = list(_moto.url_bases)
url_paths: dict[str, Callable[..., Any]] = dict.fromkeys(
    _moto.url_paths, LocalLambdaResponse.dispatch
)
