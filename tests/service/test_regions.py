"""Regions and partitions the local services build ARNs with."""

from __future__ import annotations

import pytest

from localcloud.core import regions


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
