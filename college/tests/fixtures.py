"""Fixtures of the college app, shared with the authorisation matrix and the browser tests."""
