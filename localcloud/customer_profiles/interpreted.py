"""The model's shapes whose values the rules act on, and what the rules know of each.

Validation, storage and answers follow botocore's model whatever its version,
and a request member the service does not act on is refused
(``protocol.EMULATED``). What a newer model cannot bring by itself is meaning:
a new ComparisonOperator, a new member of a condition or of the delivery would
be validated and stored, and then never acted on. So each shape the rules
interpret is listed here with the members (or enum values) they act on, from
the tables the code itself acts on where it has one. ``localcloud.api_drift``
fails when the installed model has a member or value these do not list.
"""

from __future__ import annotations

from .evaluation import LOGICAL_OPERATORS, UNIT_SECONDS
from .firing import DELIVERY_MEMBERS
from .intent_filter import LEVEL_OPERATORS, PHRASE_OPERATORS
from .intents import DESCRIPTIONS
from .operators import OPERATORS

PROFILES = "customer-profiles"
CAMPAIGNS = "connectcampaignsv2"

INTERPRETED: dict[tuple[str, str], frozenset[str]] = {
    # event trigger conditions (evaluation, operators)
    (PROFILES, "EventTriggerCondition"): frozenset({"EventTriggerDimensions", "LogicalOperator"}),
    (PROFILES, "EventTriggerDimension"): frozenset({"ObjectAttributes"}),
    (PROFILES, "ObjectAttribute"): frozenset(
        {"Source", "FieldName", "ComparisonOperator", "Values"}
    ),
    (PROFILES, "ComparisonOperator"): frozenset(OPERATORS),
    (PROFILES, "EventTriggerLogicalOperator"): frozenset(LOGICAL_OPERATORS),
    # limits (evaluation)
    (PROFILES, "EventTriggerLimits"): frozenset({"EventExpiration", "Periods"}),
    (PROFILES, "Period"): frozenset({"Unit", "Value", "MaxInvocationsPerProfile", "Unlimited"}),
    (PROFILES, "PeriodUnit"): frozenset(UNIT_SECONDS),
    # the intent filter (intent_filter, intents)
    (PROFILES, "IntentFilterDefinition"): frozenset({"Groups", "LogicalOperator"}),
    (PROFILES, "IntentFilterGroup"): frozenset({"Conditions", "LogicalOperator"}),
    (PROFILES, "IntentFilterCondition"): frozenset({"Intent", "ComparisonOperator", "Values"}),
    (PROFILES, "Intent"): frozenset({"IntentDomain", "Type"}),
    (PROFILES, "IntentFilterComparisonOperator"): frozenset({*LEVEL_OPERATORS, *PHRASE_OPERATORS}),
    (PROFILES, "IntentType"): frozenset(DESCRIPTIONS),
    # a delivery: the campaign request firing writes
    (CAMPAIGNS, "ProfileOutboundRequest"): frozenset(DELIVERY_MEMBERS),
    (CAMPAIGNS, "EventTriggerContext"): frozenset({"sourceEvent", "channelContext"}),
    (CAMPAIGNS, "ChannelContext"): frozenset({"webNotificationContext"}),
}
