"""Pausing Python's cyclic garbage collector while a file is read, checked and written.

A 100,000-row file makes millions of small objects that all live until the import ends; the collector
would scan them again and again for cycles they do not have. Reference counting still frees everything.
"""

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
