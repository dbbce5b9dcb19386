"""The app's own log: unexpected errors and warnings, kept in the platform's log folder, readable
by its owner alone and rotated so it never grows past a few megabytes.

What goes in is chosen so the log can be shown to a helper without showing the person's words:
the exception's type, where it was raised (file, line, function) and error codes (errno,
SQLite's), never its message, arguments or local values. A message can carry card or journal
text (an SQL error quotes its parameters), so no message is written at all.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
import warnings
from collections.abc import Mapping
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import IO

LOG_DIR_ENV = "IMPERFECT_TRAINER_LOG_DIR"
FILE_NAME = "imperfect-trainer.log"
MAX_BYTES = 1_000_000
KEPT_FILES = 3
LOGGER = "imperfect_trainer"
_FORMAT = "%(asctime)s %(levelname)s %(message)s"
# A chain of causes longer than this is a loop or a library's quirk, not more information.
_MAX_CAUSES = 5

_PACKAGE = Path(__file__).resolve().parent

logger = logging.getLogger(LOGGER)


def log_folder(environ: Mapping[str, str] = os.environ) -> Path:
    """Where the log lives: ``$IMPERFECT_TRAINER_LOG_DIR``, or the platform's log folder
    (``~/.local/state/imperfect-trainer/log`` on Linux)."""
    override = environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_log_path

    return user_log_path("imperfect-trainer", appauthor=False)


def log_path(folder: Path | None = None) -> Path:
    """The current log file (older ones sit beside it as ``.1``, ``.2``, ``.3``)."""
    return (folder if folder is not None else log_folder()) / FILE_NAME


class _PrivateRotatingFile(RotatingFileHandler):
    """Every file it opens, the first and each one after a rollover, is the owner's alone."""

    def _open(self) -> TextIOWrapper:
        stream = open(  # noqa: SIM115 - the handler owns and closes the stream
            self.baseFilename,
            "a",
            encoding=self.encoding,
            opener=lambda path, flags: os.open(path, flags | os.O_NOFOLLOW, 0o600),
        )
        os.fchmod(stream.fileno(), 0o600)  # an older file may have been made looser
        return stream


def start(folder: Path | None = None, *, max_bytes: int = MAX_BYTES) -> Path | None:
    """Send the app's log (and Python's warnings) to the file in ``folder``; returns the file,
    or None when the folder cannot be used, in which case the app runs on without a log."""
    path = log_path(folder)
    stop()
    try:
        _private_folder(path.parent)
        handler = _PrivateRotatingFile(
            path, maxBytes=max_bytes, backupCount=KEPT_FILES, encoding="utf-8"
        )
    except OSError as error:
        print(f"imperfect-trainer: no log is written ({describe_briefly(error)})", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    warnings.showwarning = _log_warning
    return path


def stop() -> None:
    """Close the log file (at exit, or before starting it elsewhere)."""
    for handler in list(logger.handlers):
        if isinstance(handler, _PrivateRotatingFile):
            logger.removeHandler(handler)
            handler.close()


def _private_folder(folder: Path) -> None:
    """Make the folder (and any missing parent) 0700; refuse one that belongs to someone else."""
    missing = [parent for parent in (folder, *folder.parents) if not parent.exists()]
    for parent in reversed(missing):
        parent.mkdir(mode=0o700)
    info = folder.lstat()
    if folder.is_symlink() or info.st_uid != os.getuid():
        raise PermissionError(errno.EPERM, "the log folder belongs to someone else")
    folder.chmod(0o700)


def record_error(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """Write an unexpected error to the log: its type, codes and where, never its message."""
    logger.error("unexpected %s", describe(kind, error, trace))


def describe(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> str:
    """The error and its causes as types, codes and frames, one per line."""
    lines = [describe_briefly(error, kind)]
    lines += [f"  at {frame}" for frame in _frames(trace)]
    cause, seen = _cause(error), 0
    while cause is not None and seen < _MAX_CAUSES:
        lines.append(f"  caused by {describe_briefly(cause)}")
        lines += [f"    at {frame}" for frame in _frames(cause.__traceback__)]
        cause, seen = _cause(cause), seen + 1
    return "\n".join(lines)


def describe_briefly(error: BaseException, kind: type[BaseException] | None = None) -> str:
    """``OSError [ENOSPC]``: the type and any error codes, which hold no one's words."""
    name = (kind or type(error)).__qualname__
    module = (kind or type(error)).__module__
    if module not in ("builtins", "__main__"):
        name = f"{module}.{name}"
    codes = []
    number = getattr(error, "errno", None)
    if isinstance(number, int):
        codes.append(errno.errorcode.get(number, str(number)))
    sqlite_code = getattr(error, "sqlite_errorname", None)
    if isinstance(sqlite_code, str):
        codes.append(sqlite_code)
    return f"{name} [{', '.join(codes)}]" if codes else name


def where(trace: TracebackType | None) -> str:
    """The innermost place in the app's own code (else anywhere) an error was raised."""
    frames = []
    while trace is not None:
        frames.append((Path(trace.tb_frame.f_code.co_filename), trace.tb_lineno))
        trace = trace.tb_next
    ours = [frame for frame in frames if frame[0].is_relative_to(_PACKAGE)]
    if not ours and not frames:
        return "an unknown place"
    file, line = (ours or frames)[-1]
    return f"{file.name}, line {line}"


def _cause(error: BaseException) -> BaseException | None:
    return error.__cause__ or (None if error.__suppress_context__ else error.__context__)


def _frames(trace: TracebackType | None) -> list[str]:
    return [f"{file}:{line} in {function}" for file, line, function in _frame_places(trace)]


def _frame_places(trace: TracebackType | None) -> list[tuple[str, int, str]]:
    places = []
    while trace is not None:
        code = trace.tb_frame.f_code
        places.append((_short(code.co_filename), trace.tb_lineno, code.co_name))
        trace = trace.tb_next
    return places


def _short(filename: str) -> str:
    """A file name relative to where Python found it, so the log holds no home folder."""
    roots = sorted((entry for entry in sys.path if entry), key=len, reverse=True)
    for root in roots:
        prefix = root.rstrip(os.sep) + os.sep
        if filename.startswith(prefix):
            return filename[len(prefix) :]
    return Path(filename).name


def _log_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: IO[str] | None = None,
    line: str | None = None,
) -> None:
    # The warning's text may quote data, so, as for errors, only its kind and place.
    logger.warning("%s at %s:%d", category.__qualname__, _short(filename), lineno)
