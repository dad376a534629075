"""Pausing Python's cyclic garbage collector while a background job checks a file of returns.

A 100,000-row file makes millions of small objects that all live until the check ends; the collector
would scan them again and again for cycles they do not have. Reference counting still frees everything.

The switch is process-wide, so it is used only in a worker process, which runs one job at a time
(``services.staged_file_check_job``); never in a web process, whose other threads would run without a
collector meanwhile (ADR 0029).
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
