"""The cyclic garbage collector paused while millions of objects are made (no Qt)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Reading a file, or a pass over every event, makes as many objects as there are events and
    frees none of them: Python's cycle collector would walk them again and again (about 40% of a
    load at 10,000 events) to find no cycles. Paused, then restored as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
