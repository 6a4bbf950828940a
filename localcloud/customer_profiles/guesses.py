"""Every behaviour the local services guessed where AWS documents nothing: the one list.

Each entry is keyed by a short name; the code that implements it carries the
marker ``guess: <name>`` and nothing more, so this table is the one place that
says what was guessed. ``guides/fidelity.md`` lists them for users, and
``tests/fidelity/test_guesses_real_aws.py`` holds one check per entry that
settles it against a real account (``CP_REAL_AWS=1``; see the guide). A test
keeps the three in step: a new guess needs its marker, its guide line and its
real-account check.
"""

from __future__ import annotations

GUESSES: dict[str, str] = {
    "update-clears-unsent": (
        "UpdateEventTrigger removes Description, SegmentFilter, IntentFilterDefinition and "
        "EventTriggerLimits when a call does not send them (ObjectTypeName and conditions "
        "are kept)."
    ),
    "missing-object-type-bad-request": (
        "A CreateEventTrigger, UpdateEventTrigger, PutIntegration or PutProfileObject "
        "naming an object type the domain does not have is BadRequestException (not "
        "ResourceNotFound)."
    ),
    "concurrent-creates-queue": (
        "Cloud Control queues a second CreateResource of the same identifier behind "
        "the first (it then fails AlreadyExists) instead of answering "
        "ConcurrentOperationException at once."
    ),
    "trigger-in-use-message": (
        "DeleteEventTrigger of a trigger an integration names is BadRequestException "
        "whose message names the integration's Uri (the wording is ours)."
    ),
    "object-type-delete-removes-integrations": (
        "DeleteProfileObjectType 'disables integrations from' the type: integrations "
        "naming it (ObjectTypeName, or a value of ObjectTypeNames) are removed with it."
    ),
    "put-tags-replace": (
        "Tags on PutIntegration, PutProfileObjectType or UpdateDomain replace the "
        "resource's tags; a call without Tags keeps them."
    ),
    "update-domain-partial": (
        "UpdateDomain changes only the members it is sent; an empty "
        "DeadLetterQueueUrl or DefaultEncryptionKey clears it."
    ),
    "not-found-messages": (
        "Missing domains and items answer ResourceNotFoundException worded "
        "\"Domain 'x' does not exist\" / \"Event trigger 'y' does not exist in domain 'x'\"."
    ),
    "duplicate-object-messages": (
        "Duplicate names answer BadRequestException with the wording AWS's own handlers "
        'match ("Domain x already exists", "Event trigger with name y already exists"); '
        "the rest of the message is ours."
    ),
    "account-integrations-empty": (
        "ListAccountIntegrations of a Uri no integration of the account and region has "
        "answers an empty list (not ResourceNotFoundException)."
    ),
    "max-available-object-count": (
        "An object type's MaxAvailableProfileObjectCount is 1000 (the default per-profile limit "
        "across all mappings) less the MaxProfileObjectCount of the domain's other object "
        "types, never below 0; it is always answered."
    ),
    "intent-definition-arn": (
        "An intent definition's IntentDefinitionArn is "
        "arn:<partition>:profile:<region>:<account>:domains/<DomainName>/intents/<IntentDomain>, "
        "and TagResource takes it."
    ),
    "regions-warn": (
        "A region without a Customer Profiles endpoint is served (with a warning), "
        "where AWS has no endpoint to call."
    ),
    # -- event triggers at run time (profiles, firing, operators, evaluation) --
    "ingestion-fires": (
        "Every successful PutProfileObject of a trigger's object type is an event, a "
        "re-ingestion that replaces an object (same UNIQUE key) included; deletes never are."
    ),
    "active-triggers": (
        "Only triggers an integration names in EventTriggerNames are evaluated; a trigger "
        "no integration names is inert."
    ),
    "one-delivery-per-integration": (
        "A trigger fires at most once per object (counted once against its Periods) and is "
        "delivered once to each integration that names it."
    ),
    "delivery-entry": (
        "A firing is the PutProfileOutboundRequestBatch entry {clientToken (a fresh UUID), "
        "profileId, expirationTime = receipt + EventExpiration capped at 15 minutes "
        "(15 minutes without one), eventTriggerContext.sourceEvent = the Object as sent}; "
        "the campaign id is the Uri's when it is a connect-campaigns campaign ARN."
    ),
    "web-notification-context": (
        "A delivery of an object of the Campaign-WebNotification type carries "
        "eventTriggerContext.channelContext.webNotificationContext with the object's "
        "sessionId and browserId (strings of 1-36 characters); other types carry no "
        "channelContext."
    ),
    "object-unique-key": (
        "ProfileObjectUniqueKey is derived from the object type and its UNIQUE key's value "
        "(re-ingesting the same value replaces the object); without a UNIQUE key each "
        "object gets a new one."
    ),
    "no-matching-profile-refused": (
        "PutProfileObject of an object no PROFILE key matches, for a type without "
        "AllowProfileCreation, is BadRequestException (nothing stored, nothing fires)."
    ),
    "source-accessor": (
        "An ObjectAttribute's Source '_source.a.b' (or a bare 'a.b', or '{{_source.a}}') "
        "reads the ingested JSON; another '_x.y' reads the field whose Target it is."
    ),
    "field-name-resolution": (
        "FieldName names a key of the object type's Fields, read through its Source; "
        "Source wins when both are given; an unknown field is a missing value."
    ),
    "dimension-logic": (
        "LogicalOperator ANY/ALL/NONE is OR/AND/NOR over a condition's dimensions; a "
        "dimension with a missing value makes NONE false (a missing value never fires)."
    ),
    "inclusive-exclusive": (
        "INCLUSIVE on a single value: it equals one of Values; EXCLUSIVE: it equals none. "
        "On a list: INCLUSIVE holds every value, EXCLUSIVE none of them."
    ),
    "string-operators-any": (
        "CONTAINS, BEGINS_WITH and ENDS_WITH hold when any of Values matches; string "
        "comparisons are case-sensitive; numbers compare as their JSON text."
    ),
    "numeric-coercion": (
        "Number operators read JSON numbers and numeric strings (sign, decimals, exponent) "
        "and compare with the first of Values; anything else is false."
    ),
    "between-inclusive": (
        "BETWEEN and NOT_BETWEEN take exactly two Values in either order, bounds included; "
        "numbers if both parse as numbers, else dates; NOT_BETWEEN is false for a missing "
        "or unreadable value."
    ),
    "date-formats": (
        "Dates are ISO 8601 (a date, or date and time; no offset means UTC) or epoch "
        "seconds or milliseconds (from 1e11); BEFORE/AFTER are strict, ON compares the UTC date."
    ),
    "expiration-latency": (
        "EventExpiration (ms) is compared with the time from receipt to processing: the "
        "emulator's latency, 0 unless a test sets it; a campaign caps it at 15 minutes."
    ),
    "period-windows": (
        "Periods are sliding windows ending at processing (MONTHS = 30 days, MINUTES "
        "accepted); every Period must have room; only firings count, per trigger and "
        "profile; counts survive UpdateEventTrigger, not DeleteEventTrigger."
    ),
    "segment-membership": (
        "SegmentFilter holds unless the resolved profile is a member, as a test set it; "
        "an unknown segment has no members. Checked after the conditions."
    ),
    "intent-filter": (
        "IntentFilterDefinition is checked after the SegmentFilter, against the intents a test "
        "set for the profile, of the types the intent definition enables: HIGH ranks above LOW; "
        "CONTAINS holds when the last search intent contains a phrase, whatever the case; ANY/ALL/"
        "NONE combine as for dimensions, and a missing intent never fires."
    ),
}
