"""What every local service shares, and nothing that knows one service or moto.

``validation`` checks a request
against botocore's model (``patterns`` reads the model's Java regexes);
``tokens`` makes and reads page tokens; ``regions`` answers for regions,
partitions and service models from one botocore session; ``arns`` builds ARNs
in a region's partition; ``tags`` holds the reserved ``aws:`` prefix and the
tag list <-> map conversion; ``exceptions`` is the base of every service's
errors and ``wire_errors`` writes an error in a request's protocol;
``offline`` holds the offline account and credentials; ``resource_schema``
reads a resource type's schema (this project's, or one cfn-lint publishes) for
Cloud Control and the stack engine; ``schema_file`` finds the resource type's
schema.
"""
