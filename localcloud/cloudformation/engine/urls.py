"""The engine's CloudFormation URLs: moto's, answered by ``responses.EngineResponse``.

moto reads a backend's URLs from the ``urls`` module beside it
(``backend.EngineBackend._url_module`` names this one). A custom resource's
response keeps moto's route and response method, which reaches the engine's
backend and stacks all the same.
"""

from __future__ import annotations

from localcloud.cloudformation.engine.responses import EngineResponse
from localcloud.moto_adapter.cloudformation import CloudFormationResponse, url_bases

__all__ = ["url_bases", "url_paths"]

url_paths = {
    "{0}/$": EngineResponse.dispatch,
    "{0}/cloudformation_(?P<region>[^/]+)/cfnresponse$": CloudFormationResponse.cfnresponse,
}
