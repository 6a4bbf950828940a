"""What every local service shares, and nothing that knows one service or moto.

``validation`` checks a request
against botocore's model (``patterns`` reads the model's Java regexes);
``tokens`` makes and reads page tokens; ``regions`` answers for regions,
partitions and service models from one botocore session; ``exceptions`` is the
base of every service's errors; ``offline`` holds the offline account and
credentials; ``resource_schema`` reads a resource type's schema (this
project's, or one cfn-lint publishes) for Cloud Control and the stack engine.
"""
