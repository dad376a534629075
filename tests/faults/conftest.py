"""Fault tests: a real gunicorn serving the test database while Redis or PostgreSQL goes away.

They are marked ``fault`` and run last in the session: the PostgreSQL restart cuts every open
connection to the suite's cluster, and nothing that runs after it should have to notice.
"""

import pytest


def pytest_collection_modifyitems(config, items):
    faults = []
    for item in items:
        if "/faults/" in str(item.fspath):
            item.add_marker(pytest.mark.fault)
            faults.append(item)
    if faults:
        items[:] = [item for item in items if item not in faults] + faults
