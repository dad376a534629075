"""Fixtures of the teams app, shared with the authorisation matrix and the browser tests."""
