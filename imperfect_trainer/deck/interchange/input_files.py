"""Reading a file the person hands the app (a CSV to import, a collection export).

Only a regular file of a sane size is read: the file is opened without blocking, so a FIFO
cannot hang the app (while it holds the collection), and checked through its open handle, so a
device such as ``/dev/zero`` is refused at once instead of filling memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# Far above any real collection's export (100,000 cards and a million answers is ~300 MB).
MAX_INPUT_BYTES = 1 << 30


class InputFileError(Exception):
    """The file cannot be read; ``problem`` says why in the person's words."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def read_input_file(path: Path, *, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of ``path``, or ``InputFileError`` for anything but a regular, readable file
    of at most ``limit`` bytes."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputFileError(path, "does not exist") from None
    except IsADirectoryError:
        raise InputFileError(path, "is a folder, not a file") from None
    except OSError as error:
        raise InputFileError(path, f"cannot be read ({error.strerror})") from error
    try:
        status = os.fstat(handle)
        if stat.S_ISDIR(status.st_mode):
            raise InputFileError(path, "is a folder, not a file")
        if not stat.S_ISREG(status.st_mode):
            raise InputFileError(path, "is not a saved file (a pipe or a device); give a file")
        if status.st_size > limit:
            raise InputFileError(path, f"is too large ({_megabytes(status.st_size)})")
        chunks = []
        size = 0
        while chunk := os.read(handle, 1 << 20):
            size += len(chunk)
            if size > limit:
                raise InputFileError(path, f"is too large (more than {_megabytes(limit)})")
            chunks.append(chunk)
    except OSError as error:
        raise InputFileError(path, f"cannot be read ({error.strerror})") from error
    finally:
        os.close(handle)
    return b"".join(chunks)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB"
