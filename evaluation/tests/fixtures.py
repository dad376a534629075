"""Fixtures of the evaluation app, shared with the authorisation matrix and the browser tests."""
