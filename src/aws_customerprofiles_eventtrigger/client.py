"""The Customer Profiles client a handler uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from botocore.config import Config
from cloudformation_cli_python_lib import exceptions
from cloudformation_cli_python_lib.boto3_proxy import SessionProxy

if TYPE_CHECKING:
    from mypy_boto3_customer_profiles import CustomerProfilesClient

# Standard retry mode: backoff with jitter on throttling and transient errors.
CLIENT_CONFIG = Config(retries={"mode": "standard"})


def customer_profiles(session: SessionProxy | None, region: str | None) -> CustomerProfilesClient:
    """A client in the request's region.

    The lib's session has no region on the Lambda path, so it is set here.
    ``AWS_ENDPOINT_URL_CUSTOMER_PROFILES`` is honoured by botocore itself.
    """
    if session is None:
        raise exceptions.InvalidCredentials("The request carries no caller credentials")
    return session.client("customer-profiles", region_name=region, config=CLIENT_CONFIG)
