"""moto's Lambda models, where a stack needs them to behave as on CloudFormation.

* ``AWS::Lambda::Function`` (``LambdaFunctionModel``): CloudFormation takes a
  function's inline code (``Code.ZipFile``) as the text of its source. moto's
  create turns that text into a zip of ``index.py``; its update hands the text
  to the function as if it were a base64 zip, and fails ("Incorrect padding").
  The model makes the same zip on update.
* ``AWS::Lambda::Permission`` (``LambdaPermissionModel``): moto's adds the
  resource's properties to the function's policy as they are (FunctionName
  included), has no physical id (its Ref was a Python object's text) and no
  delete. Here, as on CloudFormation, the physical id is the statement's
  ``Sid`` (the name generated for the resource), the statement is what
  AddPermission makes of the properties, and a delete removes it.
"""

from __future__ import annotations

import base64
import copy
import json
from typing import Any

from localcloud.moto_adapter.awslambda import lambda_backends
from localcloud.moto_adapter.cloudformation import (
    LambdaFunction,
    LambdaPermission,
    UnformattedGetAttTemplateException,
    zip_inline_code,
)

__all__ = ["LambdaFunctionModel", "LambdaPermissionModel"]

# The properties of an AWS::Lambda::Permission that make its statement (AddPermission's).
STATEMENT_PROPERTIES = (
    "Action",
    "Principal",
    "SourceArn",
    "SourceAccount",
    "PrincipalOrgID",
    "EventSourceToken",
    "FunctionUrlAuthType",
)


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


class LambdaPermissionModel(LambdaPermission):
    """A statement of a function's policy, whose Sid is the resource's physical id."""

    def __init__(self, region: str, account_id: str, function_name: str, sid: str) -> None:
        super().__init__(region)
        self.account_id = account_id
        self.function_name = function_name
        self.sid = sid

    @property
    def physical_resource_id(self) -> str:
        return self.sid

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return False

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> LambdaPermissionModel:
        properties = cloudformation_json["Properties"]
        function = lambda_backends[account_id][region_name].get_function(properties["FunctionName"])
        statement = {key: properties[key] for key in STATEMENT_PROPERTIES if key in properties}
        function.policy.add_statement(raw=json.dumps({"StatementId": resource_name, **statement}))
        return cls(region_name, account_id, function.function_name, resource_name)

    def delete(self, account_id: str, region_name: str) -> None:
        """Remove the statement (a function already gone: moto's ResourceNotFoundException,
        which the engine counts as deleted)."""
        function = lambda_backends[account_id][region_name].get_function(self.function_name)
        if any(s.get("Sid") == self.sid for s in function.policy.statements):
            function.policy.del_statement(self.sid)
