"""Measuring tools: percentiles, peak memory, the disk's fsync, and the clocks."""

from __future__ import annotations

import datetime as dt
import math
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

FSYNC_RUNS = 20


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile: a value that was actually measured."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started."""
    # VmHWM, not getrusage: Linux carries ru_maxrss over from the forking parent, so a child of
    # a bench that has just built 100,000 cards would report the parent's peak as its own.
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # macOS reports bytes, the other Unixes kibibytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def fsync_ms(folder: Path) -> float:
    """One small write plus fsync in ``folder``: what each answer's flush to disk costs."""
    path = folder / "fsync-probe"
    times: list[float] = []
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        for _ in range(FSYNC_RUNS):
            os.write(fd, b"\0" * 4096)
            started = time.perf_counter()
            os.fsync(fd)
            times.append(ms_since(started))
    finally:
        os.close(fd)
    return statistics.median(times)


def timed_ms(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return ms_since(started)


def ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()
