"""Helpers the tests share; test modules import helpers from here and nowhere else.

- ``constants``: the schema, the region and account, the fake credentials, the
  endpoint variable and the client configs every test uses.
- ``samples``: sample conditions, limits and models, for handlers, the
  service and Cloud Control.
- ``payloads``: HandlerRequest payloads (via ``localcloud.registry_handler``)
  and modelled handler requests, and one invocation of the Lambda entrypoint.
- ``schema``: the schema read for comparing models, and the published one.
- ``schema_models``: hypothesis strategies from the schema, and every
  constraint of it broken in turn.
- ``stubs``: real boto3 clients under botocore's Stubber, for handler tests.
- ``services``: the offline Customer Profiles service as the tests reach it
  (``Env`` for the service's own tests, ``LocalService`` for handler runs),
  and ``seed``/``stored_model`` past the handlers.
- ``cloud``: clients for a running local server (Cloud Control and Customer
  Profiles on one port), and Cloud Control calls settled.
- ``polling``: bounded waits (``until``) and a Cloud Control request's end
  (``settle``).
- ``races``: calls started together at a barrier.
- ``stacks``: stacks through boto3's ``cloudformation`` client, in-process
  or over HTTP, and a stack's status and events read back; ``probes`` and
  ``resources``: resource types and their calls for the engine's tests.
- ``triggers``: event triggers at run time as the tests set them up.
- ``processes``: this interpreter in a child process, and the environment
  such a child starts from.
- ``cdk``: the AWS CDK CLI and the example app; ``limits``: the largest
  requests; ``pins``: the pinned versions.
- ``import_graph``: the import graph of a source tree and its loops;
  ``docstrings``: the dotted names a module docstring quotes that do not exist.
- ``status_waits``: GetResourceRequestStatus's waits on the request store,
  counted, and handler replies for them.
- ``secret_scan``: distinctive secret values, and the scan of everything a run
  wrote.
- ``api_calls``: recording of the API calls handlers make (the ``api_calls``
  fixture in ``tests/conftest.py`` turns it on).
- ``report``: figures the reliability tests measure, printed at the end.

``conftest.py`` files hold fixtures and hooks only.
"""
