"""moto's private names, in one place: every moto internal the toolkit uses.

``versions`` checks the installed moto (here, on first import); ``core`` holds
backends, responses, requests and the mock; ``registry`` registers a service
that lives outside moto; ``server`` holds moto's WSGI app and host dispatcher;
``cloudformation`` holds the engine's patches of moto's CloudFormation;
``awslambda`` the Lambda names the local Lambda runner subclasses and reads.
No other module of the toolkit imports moto.
"""

from localcloud.moto_adapter.versions import check_moto

check_moto()  # fails here, naming the supported moto range, before any moto internal is used
