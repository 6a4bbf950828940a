"""Regions and partitions the local services build ARNs with."""

from __future__ import annotations

import boto3
import pytest

from localcloud.core import regions
from localcloud.customer_profiles import mock_customer_profiles
from localcloud.customer_profiles.backend import service_regions


@pytest.mark.parametrize(
    ("region", "partition"),
    [("us-east-1", "aws"), ("cn-northwest-1", "aws-cn"), ("us-gov-west-1", "aws-us-gov")],
)
def test_partition_of_reads_botocores_endpoint_data(region: str, partition: str) -> None:
    assert regions.partition_of(region) == partition


def test_every_partition_has_regions() -> None:
    known = regions.all_regions()
    assert {"us-east-1", "cn-north-1", "us-gov-west-1"} <= set(known)
    assert known == sorted(known)


def test_a_region_without_customer_profiles_is_served_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """guess: regions-warn. Refusing would stop the aws-cn and aws-us-gov ARN tests."""
    assert "us-east-1" in service_regions() and "eu-west-1" not in service_regions()
    with mock_customer_profiles(), caplog.at_level("WARNING"):
        boto3.client("customer-profiles", region_name="us-east-1").list_domains()
        assert not [r for r in caplog.records if "no endpoint" in r.getMessage()]
        boto3.client("customer-profiles", region_name="eu-west-1").list_domains()
        warned = [r.getMessage() for r in caplog.records if "no endpoint" in r.getMessage()]
        assert len(warned) == 1 and "eu-west-1" in warned[0] and "us-east-1" in warned[0]
