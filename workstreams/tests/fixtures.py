"""Fixtures of the workstreams app, shared with the authorisation matrix and the browser tests."""
