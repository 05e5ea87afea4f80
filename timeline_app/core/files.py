"""Writing a file at once: a temporary file beside it, renamed over it, so that neither a reader
nor a failure ever sees half a file. No Qt."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_file", "kept_mode", "new_file_mode"]


@contextlib.contextmanager
def atomic_file(target: Path, mode: int | None = None) -> Iterator[str]:
    """The name of a new temporary file beside `target` to write: it replaces `target` when the
    block ends, with permissions `mode` (None: those of an ordinary new file, not mkstemp's
    0600), and is removed when the block fails. Raises OSError."""
    directory = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=directory)
    os.close(handle)
    try:
        os.chmod(temporary, new_file_mode() if mode is None else mode)
        yield temporary
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def new_file_mode() -> int:
    """The permissions an ordinary new file gets under the process' umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def kept_mode(target: Path) -> int:
    """The permissions of the file a save replaces, or those of an ordinary new file."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return new_file_mode()
