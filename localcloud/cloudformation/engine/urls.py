"""The engine's CloudFormation URLs: moto's, answered by ``responses.EngineResponse``.

moto reads a backend's URLs from the ``urls`` module beside it
(``backend.EngineBackend._url_module`` names this one). moto's route for a
custom resource's response is not among them: the engine gives each request a
ResponseURL of its own (``response_urls``).
"""

from __future__ import annotations

from localcloud.cloudformation.engine.responses import EngineResponse
from localcloud.moto_adapter.cloudformation import url_bases

__all__ = ["url_bases", "url_paths"]

url_paths = {
    "{0}/$": EngineResponse.dispatch,
}
