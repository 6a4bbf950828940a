"""Regions, partitions and service models, from one botocore session loaded once.

Creating a botocore session and loading a model are costly, so each answer is
computed once per process.
"""

from __future__ import annotations

import functools

import botocore.session
from botocore.model import ServiceModel


@functools.cache
def session() -> botocore.session.Session:
    """The one botocore session the local services read models and endpoints from."""
    return botocore.session.get_session()


@functools.cache
def all_regions() -> list[str]:
    """Every region botocore knows, in every partition, so any credential scope finds a backend."""
    known = session()
    return sorted(
        region
        for partition in known.get_available_partitions()
        for region in known.get_available_regions("ec2", partition_name=partition)
    )


@functools.cache
def partition_of(region: str) -> str:
    """The partition of ``region`` (``aws``, ``aws-cn``, ``aws-us-gov``, ...)."""
    return str(session().get_partition_for_region(region))


@functools.cache
def service_model(name: str) -> ServiceModel:
    """botocore's model of the service ``name`` (e.g. ``customer-profiles``)."""
    return session().get_service_model(name)
