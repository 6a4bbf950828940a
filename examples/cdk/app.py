"""A CDK app for the Customer Profiles event trigger: a domain, its Orders object type,
a trigger on large orders, and an integration that sends the trigger's events to the
account's default event bus.

Context values (``cdk deploy -c name=value``):

* ``domainName``: the domain's name (default ``retail-cdk``);
* ``largeOrderTotal``: the order total above which the trigger fires (default ``500``).

The stack uses the ``BootstraplessSynthesizer``: it has no assets, so it needs no
``cdk bootstrap`` and deploys to the local endpoint as it does to an account.
"""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_customerprofiles as customerprofiles
from constructs import Construct

OBJECT_TYPE_NAME = "Orders"
TRIGGER_NAME = "large-order"


class RetailProfilesStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs: Any) -> None:
        super().__init__(scope, construct_id, **kwargs)
        domain_name = str(self.node.try_get_context("domainName") or "retail-cdk")
        large_order_total = str(self.node.try_get_context("largeOrderTotal") or "500")

        domain = customerprofiles.CfnDomain(
            self, "Domain", domain_name=domain_name, default_expiration_days=366
        )

        orders = customerprofiles.CfnObjectType(
            self,
            "OrdersObjectType",
            domain_name=domain.ref,  # a domain's Ref is its name
            object_type_name=OBJECT_TYPE_NAME,
            description="Orders ingested from the shop.",
            allow_profile_creation=True,
            fields=[
                field("OrderId", "_source.OrderId", "_order.OrderId", "STRING"),
                field("TotalPrice", "_source.TotalPrice", "_order.TotalPrice", "NUMBER"),
                field("Email", "_source.Email", "_profile.EmailAddress", "EMAIL_ADDRESS"),
            ],
            keys=[
                key("OrderId", ["UNIQUE", "SECONDARY"]),
                key("Email", ["PROFILE"]),
            ],
        )

        trigger = customerprofiles.CfnEventTrigger(
            self,
            "LargeOrderTrigger",
            domain_name=domain.ref,
            event_trigger_name=TRIGGER_NAME,
            # An object type's Ref is DomainName|ObjectTypeName, not its name: write the
            # name, and depend on the object type.
            object_type_name=OBJECT_TYPE_NAME,
            description=f"Orders over {large_order_total}.",
            event_trigger_conditions=[
                customerprofiles.CfnEventTrigger.EventTriggerConditionProperty(
                    logical_operator="ANY",
                    event_trigger_dimensions=[
                        customerprofiles.CfnEventTrigger.EventTriggerDimensionProperty(
                            object_attributes=[
                                customerprofiles.CfnEventTrigger.ObjectAttributeProperty(
                                    source="_order.TotalPrice",
                                    comparison_operator="GREATER_THAN",
                                    values=[large_order_total],
                                )
                            ]
                        )
                    ],
                )
            ],
            tags=[cdk.CfnTag(key="team", value="crm")],
        )
        trigger.add_resource_dependency(orders)

        integration = customerprofiles.CfnIntegration(
            self,
            "OrdersIntegration",
            domain_name=domain.ref,
            uri=f"arn:{self.partition}:events:{self.region}:{self.account}:event-bus/default",
            object_type_name=OBJECT_TYPE_NAME,
            event_trigger_names=[trigger.event_trigger_name],
        )
        # The trigger must exist before an integration can name it.
        integration.add_resource_dependency(trigger)

        cdk.CfnOutput(self, "EventTriggerIdentifier", value=trigger.ref)


def field(
    name: str, source: str, target: str, content_type: str
) -> customerprofiles.CfnObjectType.FieldMapProperty:
    return customerprofiles.CfnObjectType.FieldMapProperty(
        name=name,
        object_type_field=customerprofiles.CfnObjectType.ObjectTypeFieldProperty(
            source=source, target=target, content_type=content_type
        ),
    )


def key(name: str, identifiers: list[str]) -> customerprofiles.CfnObjectType.KeyMapProperty:
    return customerprofiles.CfnObjectType.KeyMapProperty(
        name=name,
        object_type_key_list=[
            customerprofiles.CfnObjectType.ObjectTypeKeyProperty(
                field_names=[name], standard_identifiers=identifiers
            )
        ],
    )


app = cdk.App()
RetailProfilesStack(app, "RetailProfiles", synthesizer=cdk.BootstraplessSynthesizer())
app.synth()
