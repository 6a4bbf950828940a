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
        "UpdateEventTrigger removes Description, SegmentFilter and EventTriggerLimits "
        "when a call does not send them (ObjectTypeName and conditions are kept)."
    ),
    "missing-object-type-bad-request": (
        "A CreateEventTrigger, UpdateEventTrigger or PutIntegration naming an object "
        "type the domain does not have is BadRequestException (not ResourceNotFound)."
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
    "regions-warn": (
        "A region without a Customer Profiles endpoint is served (with a warning), "
        "where AWS has no endpoint to call."
    ),
}
