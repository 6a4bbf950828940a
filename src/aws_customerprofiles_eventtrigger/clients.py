"""The sessions and Customer Profiles clients handlers use, reused across invocations.

The lib builds two new boto3 sessions for every invocation, and a client on a
new session loads the service model from disk again: together about 50 ms,
many times the cost of the API call itself. A warm Lambda instance keeps
serving the same caller credentials (CloudFormation and Cloud Control re-send
them on every callback of an operation), so sessions are kept per credentials
and clients per session and region, in small bounded caches. Sessions are
made by the lib's private ``boto3_proxy._get_boto_session``, so they are the
lib's own (tests/handlers/test_lib_private_names.py pins it). No upstream issue
is filed for the per-invocation sessions of cloudformation-cli-python-lib
(searched in aws-cloudformation/cloudformation-cli-python-plugin).
"""

from __future__ import annotations

import logging
import os
import threading
from functools import lru_cache
from typing import TYPE_CHECKING

import boto3
from botocore.config import Config
from cloudformation_cli_python_lib import exceptions
from cloudformation_cli_python_lib.boto3_proxy import SessionProxy, _get_boto_session
from cloudformation_cli_python_lib.utils import Credentials

if TYPE_CHECKING:
    from mypy_boto3_customer_profiles import CustomerProfilesClient

# Standard retry mode: backoff with jitter on throttling and transient errors.
CLIENT_CONFIG = Config(retries={"mode": "standard"})
CACHE_SIZE = 8
ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_CUSTOMER_PROFILES"

# boto3 sessions are not thread-safe while they create clients.
_lock = threading.Lock()

# botocore's DEBUG records quote the signed headers (the caller's access key id
# and session token) and whole request and response bodies (Description and
# EventTriggerConditions, which the API marks sensitive). A DEBUG root level, as
# Lambda's log level setting sets, must not put them in the provider's logs.
logging.getLogger("botocore").setLevel(logging.INFO)


def session_for(credentials: Credentials | None) -> SessionProxy | None:
    """The lib's session for these credentials, made once per credentials."""
    if credentials is None:
        return None
    return _session(credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken)


@lru_cache(maxsize=CACHE_SIZE)
def _session(access_key: str, secret_key: str, token: str) -> SessionProxy | None:
    return _get_boto_session(Credentials(access_key, secret_key, token))


def own_session() -> SessionProxy:
    """A session on the function's own credentials (its execution role).

    The custom resource form's requests carry no credentials: the function acts
    with its own. Lambda puts its role's in the environment; they make a session
    as a request's credentials do (``session_for``), which spares botocore's
    search for credentials in the cold start. Elsewhere boto3 looks for them as
    it always does, in a session made once.
    """
    key, secret = os.environ.get("AWS_ACCESS_KEY_ID"), os.environ.get("AWS_SECRET_ACCESS_KEY")
    if key and secret:
        session = session_for(Credentials(key, secret, os.environ.get("AWS_SESSION_TOKEN", "")))
        if session is not None:
            return session
    with _lock:
        return _own_session()


@lru_cache(maxsize=1)
def _own_session() -> SessionProxy:
    return SessionProxy(boto3.session.Session())


def customer_profiles(session: SessionProxy | None, region: str | None) -> CustomerProfilesClient:
    """A client in the request's region.

    The lib's session has no region on the Lambda path, so it is set here.
    ``AWS_ENDPOINT_URL_CUSTOMER_PROFILES`` is honoured by botocore itself.
    """
    if session is None:
        raise exceptions.InvalidCredentials("The request carries no caller credentials")
    # botocore reads the endpoint variables when it makes a client, so they key the cache too.
    endpoint = os.environ.get(ENDPOINT_VARIABLE) or os.environ.get("AWS_ENDPOINT_URL")
    with _lock:
        return _client(session, region, endpoint)


@lru_cache(maxsize=CACHE_SIZE)
def _client(
    session: SessionProxy, region: str | None, _endpoint: str | None
) -> CustomerProfilesClient:
    return session.client("customer-profiles", region_name=region, config=CLIENT_CONFIG)


def clear() -> None:
    """Forgets every cached session and client."""
    with _lock:
        _session.cache_clear()
        _own_session.cache_clear()
        _client.cache_clear()
