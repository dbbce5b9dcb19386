"""Writing a file the person asked for (an export, an installed desktop entry) all at once.

The content goes into a temporary file in the target's own folder (created 0600, so it is the
owner's alone from the first byte), is flushed to disk, and only then renamed over the target:
a failure at any point, or a power cut, leaves whatever was there before untouched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


class ExportError(Exception):
    """A file could not be written; the message names it and says why."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def write_private_file(path: Path, write: Callable[[Path], None]) -> None:
    """Have ``write`` fill a fresh private file, then put it at ``path`` in one rename.

    ``write`` gets the temporary file's path (already created, empty, mode 0600).
    """
    path = Path(path)
    if path.is_dir():
        raise ExportError(path, "is a folder; give a file name")
    if not path.parent.is_dir():
        raise ExportError(path, f"the folder {path.parent} does not exist")
    if path.exists() and not (path.is_file() and os.access(path, os.R_OK)):
        # Something we cannot even read is not ours to replace.
        raise ExportError(path, "exists and cannot be read; it is left as it is")
    try:
        handle, temp_name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".part"
        )
    except OSError as error:
        raise ExportError(path, f"cannot be written ({error.strerror})") from error
    os.close(handle)
    temp = Path(temp_name)
    try:
        write(temp)
        _flush_to_disk(temp)
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise ExportError(path, f"cannot be written ({error.strerror})") from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _flush_folder(path.parent)


def write_private_bytes(path: Path, data: bytes) -> None:
    def write(temp: Path) -> None:
        temp.write_bytes(data)

    write_private_file(path, write)


def _flush_to_disk(path: Path) -> None:
    with path.open("rb+") as file:
        os.fsync(file.fileno())


def _flush_folder(folder: Path) -> None:
    # The rename itself lives in the folder's entry list; POSIX only (Windows cannot open one).
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
