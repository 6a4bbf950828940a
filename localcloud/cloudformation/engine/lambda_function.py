"""``AWS::Lambda::Function``: moto's model, with an update of inline code that works.

CloudFormation takes a function's inline code (``Code.ZipFile``) as the text of
its source. moto's create turns that text into a zip of ``index.py``; its update
hands the text to the function as if it were a base64 zip, and fails
("Incorrect padding"). ``LambdaFunctionModel`` makes the same zip on update.
"""

from __future__ import annotations

import base64
import copy
from typing import Any

from localcloud.moto_adapter.cloudformation import LambdaFunction, zip_inline_code

__all__ = ["LambdaFunctionModel"]


class LambdaFunctionModel(LambdaFunction):
    """The model of ``AWS::Lambda::Function`` (the engine's ``model_of`` names it)."""

    @classmethod
    def update_from_cloudformation_json(
        cls,
        original_resource: LambdaFunction,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> LambdaFunction:
        resolved = copy.deepcopy(cloudformation_json)
        code = resolved["Properties"].get("Code") or {}
        if isinstance(code.get("ZipFile"), str):
            code["ZipFile"] = base64.b64encode(zip_inline_code(code["ZipFile"]))
        return super().update_from_cloudformation_json(
            original_resource, new_resource_name, resolved, account_id, region_name
        )
