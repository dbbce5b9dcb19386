"""Files the app writes, written so that nothing is lost on the way and no one else can read them.

Every new file starts as a *partial*: a fresh file with a random name, created exclusively
(``O_EXCL``, so a planted file or symbolic link is never followed or reused) with mode 0600, in
the folder it will end up in. It is filled, flushed to disk, checked, and only then put in place
in one rename; a failure, a full disk or a kill at any point leaves what was there before. The
data folder and everything in it are tightened to the owner alone whenever the app opens it.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from imperfect_trainer.deck.storage.store_errors import DatabaseAccessError, error_from_os

PARTIAL_SUFFIX = ".partial"
# A partial that SQLite writes may have its journal beside it.
_PARTIAL_ENDINGS = tuple(PARTIAL_SUFFIX + side for side in ("", "-journal", "-wal", "-shm"))
# Partials older than this belong to a process that was killed; younger ones may be in use,
# unless their name says which process writes them and it has ended.
STALE_PARTIAL_SECONDS = 15 * 60
_WRITER = re.compile(r"\.p(\d+)\.[^.]+\.partial(-journal|-wal|-shm)?$")
_PRIVATE_FILE = 0o600
_PRIVATE_FOLDER = 0o700


class ExportError(Exception):
    """A file could not be written; the message names it and says why."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


# ----------------------------------------------------------------------------- the data folder


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (0700) or tighten an existing one; refuse one that is not the person's.

    The folder itself may be a symbolic link the person made; nothing inside it may be.
    """
    try:
        folder.mkdir(mode=_PRIVATE_FOLDER, parents=True, exist_ok=True)
        status = folder.stat()
    except FileExistsError:
        raise DatabaseAccessError(folder, "is a file, not a folder") from None
    except OSError as error:
        raise error_from_os(folder, error, "creating the data folder") from error
    if not stat.S_ISDIR(status.st_mode):
        raise DatabaseAccessError(folder, "is not a folder")
    _refuse_foreign_owner(folder, status)
    _tighten(folder, status, _PRIVATE_FOLDER)


def tighten_entries(folder: Path, names: tuple[str, ...]) -> None:
    """Make each existing entry of ``folder`` in ``names`` the owner's alone (files 0600, folders
    0700), refusing symbolic links: a link there could send our writes to another file."""
    for name in names:
        path = folder / name
        try:
            status = path.lstat()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise error_from_os(path, error, "looking at it") from error
        if stat.S_ISLNK(status.st_mode):
            raise DatabaseAccessError(
                path,
                "is a symbolic link; Imperfect Trainer does not follow links inside its data "
                "folder",
                "replace the link with the real file or folder",
            )
        _refuse_foreign_owner(path, status)
        wanted = _PRIVATE_FOLDER if stat.S_ISDIR(status.st_mode) else _PRIVATE_FILE
        _tighten(path, status, wanted)


def _refuse_foreign_owner(path: Path, status: os.stat_result) -> None:
    if os.name == "posix" and status.st_uid != os.geteuid():
        raise DatabaseAccessError(
            path,
            f"belongs to another user (uid {status.st_uid})",
            "use a data folder of your own (--data-dir)",
        )


def _tighten(path: Path, status: os.stat_result, wanted: int) -> None:
    if os.name != "posix" or stat.S_IMODE(status.st_mode) & 0o077 == 0:
        return
    try:
        os.chmod(path, wanted)
    except OSError as error:
        raise error_from_os(path, error, "making it readable by you alone") from error


# ----------------------------------------------------------------------------------- partials


def new_partial(folder: Path, name: str) -> Path:
    """A new, empty, private file in ``folder``, named after ``name``, the process writing it
    (so the next start knows it was left by a killed one) and a random part."""
    handle, partial = tempfile.mkstemp(
        dir=folder, prefix=f".{name}.p{os.getpid()}.", suffix=PARTIAL_SUFFIX
    )
    os.close(handle)
    return Path(partial)


def flush_file(path: Path) -> None:
    """fsync one file; an error (EIO, ENOSPC on a thin disk) is raised, never swallowed."""
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def flush_folder(folder: Path) -> None:
    """fsync a folder, which holds a rename; POSIX only (Windows cannot open a folder)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def place_new(partial: Path, final: Path) -> None:
    """Give a finished partial its final name, never replacing a file already there
    (``FileExistsError``)."""
    if os.name == "posix":
        os.link(partial, final)
        partial.unlink()
    else:
        os.rename(partial, final)  # Windows' rename refuses an existing target
    flush_folder(final.parent)


def remove_stale_partials(folder: Path, name: str = "") -> list[Path]:
    """Delete the partials a killed process left in ``folder`` (only those for ``name`` when
    given: a person's own folder holds other programs' files); returns them."""
    removed: list[Path] = []
    cutoff = time.time() - STALE_PARTIAL_SECONDS
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(f".{name}") and entry.name.endswith(_PARTIAL_ENDINGS)):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and (
                entry.stat().st_mtime < cutoff or _writer_ended(entry.name)
            ):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _writer_ended(name: str) -> bool:
    """Whether the process a partial's name gives has ended (POSIX: Windows' os.kill would end
    the process it asks about)."""
    writer = _WRITER.search(name)
    if writer is None or os.name != "posix":
        return False
    pid = int(writer.group(1))
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # alive, another user's
    return False


# ------------------------------------------------------------------------ files a person asked for


def write_private_file(path: Path, write: Callable[[Path], None]) -> None:
    """Have ``write`` fill a fresh private file, then put it at ``path`` in one rename.

    ``write`` gets the partial file's path (already created, empty, mode 0600). An existing file
    is replaced only if it is a regular file the person can read and write: a read-only file, a
    symbolic link, a FIFO or a device is left as it is.
    """
    path = Path(path)
    _refuse_to_replace(path)
    remove_stale_partials(path.parent, f"{path.name}.")
    try:
        temp = new_partial(path.parent, path.name)
    except OSError as error:
        raise ExportError(path, f"cannot be written ({error.strerror})") from error
    try:
        write(temp)
        flush_file(temp)
        os.replace(temp, path)
        flush_folder(path.parent)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise ExportError(path, f"cannot be written ({error.strerror})") from error
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def read_small_file(path: Path, limit: int = 1 << 20) -> bytes:
    """A small file of the app's own (a marker, a kept view), read whole. Never blocks and never
    follows a link: a FIFO, a link or a folder planted in its place, or a file over ``limit``
    bytes, is an ``OSError``, as a missing file is, so the reader treats it as none."""
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
            raise OSError(f"{path} is not a small regular file")
        with os.fdopen(os.dup(handle), "rb") as file:
            return file.read(limit + 1)
    finally:
        os.close(handle)


def write_private_bytes(path: Path, data: bytes) -> None:
    def write(temp: Path) -> None:
        temp.write_bytes(data)

    write_private_file(path, write)


def _refuse_to_replace(path: Path) -> None:
    if not path.parent.is_dir():
        raise ExportError(path, f"the folder {path.parent} does not exist")
    try:
        status = path.lstat()
    except FileNotFoundError:
        return
    except OSError as error:
        raise ExportError(path, f"cannot be looked at ({error.strerror})") from error
    if stat.S_ISDIR(status.st_mode):
        raise ExportError(path, "is a folder; give a file name")
    if stat.S_ISLNK(status.st_mode):
        raise ExportError(path, "is a symbolic link; it is left as it is (give the real file)")
    if not stat.S_ISREG(status.st_mode):
        raise ExportError(path, "is not a regular file; it is left as it is")
    # Root may write anywhere, so the mode's write bits say what the person meant.
    read_only = stat.S_IMODE(status.st_mode) & 0o222 == 0 or not os.access(path, os.W_OK)
    if read_only or not os.access(path, os.R_OK):
        raise ExportError(path, "exists and is read-only or unreadable; it is left as it is")
