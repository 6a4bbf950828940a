"""What every local service shares, and nothing that knows one service.

``moto_glue`` registers a service with moto; ``validation`` checks a request
against botocore's model; ``tokens`` makes and reads page tokens; ``regions``
answers for regions, partitions and service models; ``exceptions`` is the base
of every service's errors.
"""
