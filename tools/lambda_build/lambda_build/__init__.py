"""Lambda code built for the runtime it runs on (see guides/registering.md)."""
