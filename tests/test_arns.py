"""The toolkit's one ARN builder: the partition is the region's."""

from __future__ import annotations

import pytest

from localcloud.core.arns import arn
from localcloud.registry_handler.request import handler_request


@pytest.mark.parametrize(
    ("region", "partition"),
    [("us-east-1", "aws"), ("cn-north-1", "aws-cn"), ("us-gov-west-1", "aws-us-gov")],
)
def test_the_partition_is_the_regions(region: str, partition: str) -> None:
    assert arn("profile", region, "123456789012", "domains/d") == (
        f"arn:{partition}:profile:{region}:123456789012:domains/d"
    )
    stack_id = handler_request("CREATE", {}, region=region, stack_name="s")["stackId"]
    assert stack_id.startswith(f"arn:{partition}:cloudformation:{region}:123456789012:stack/s/")
