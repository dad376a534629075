"""Fixtures of the careplans app, shared with the authorisation matrix and the browser tests."""
