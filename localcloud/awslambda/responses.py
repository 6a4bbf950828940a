"""moto's Lambda responses, with Invoke's ``Qualifier`` read from where the API sends it.

moto's ``LambdaResponse.invoke`` asks for the parameter ``qualifier``, which it
finds neither in the query string (the API sends ``?Qualifier=``) nor anywhere
but in the event itself: ``--qualifier 1`` ran ``$LATEST``, and an event with a
``qualifier`` key ran the version it named. Every other operation is moto's own.
"""

from __future__ import annotations

from typing import Any

from localcloud.moto_adapter.awslambda import LambdaResponse

__all__ = ["LocalLambdaResponse"]


class LocalLambdaResponse(LambdaResponse):
    def _get_param(self, param_name: str, if_none: Any = None) -> Any:
        if param_name == "qualifier":  # asked by Invoke only
            return self.querystring.get("Qualifier", [if_none])[0]
        return super()._get_param(param_name, if_none)
