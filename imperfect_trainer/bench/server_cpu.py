"""The CPU time the bench's PostgreSQL cluster has used, for the sync bench's "server CPU".

Read from ``/proc`` (Linux): the postmaster's own time and its reaped children's (every
backend that has ended: a sync's connections end with it), and the time of the children still
running (the background writer, the checkpointer, the WAL writer, autovacuum, the backends of
open connections). The difference over a measurement is everything the server did for it,
the background work its writes caused included. The cluster is the bench's own, on this
machine: nothing else uses it meanwhile.
"""

from __future__ import annotations

import os
from pathlib import Path

_PROC = Path("/proc")


def server_cpu_seconds(owner_url: str) -> float | None:
    """CPU seconds used so far by the cluster ``owner_url`` reaches; None where ``/proc`` does
    not tell (not Linux, or the cluster on another machine)."""
    from imperfect_trainer.deck.storage.postgres_collection import make_server_engine
    from imperfect_trainer.deck.storage.server_address import server_address

    engine = make_server_engine(server_address(owner_url))
    try:
        with engine.connect() as connection:
            backend = int(connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one())
            ticks = _cluster_ticks(backend)
    finally:
        engine.dispose()
    return None if ticks is None else ticks / os.sysconf("SC_CLK_TCK")


def _cluster_ticks(backend: int) -> int | None:
    mine = _stat(backend)
    if mine is None:
        return None
    postmaster = int(mine[1])
    fields = _stat(postmaster)
    if fields is None:
        return None
    # utime, stime, and the reaped children's cutime, cstime.
    total = sum(int(value) for value in fields[11:15])
    for entry in _PROC.iterdir():
        if not entry.name.isdigit():
            continue
        child = _stat(int(entry.name))
        if child is not None and int(child[1]) == postmaster:
            total += int(child[11]) + int(child[12])
    return total


def _stat(pid: int) -> list[str] | None:
    """The fields of ``/proc/PID/stat`` after the command's name (state first, then the
    parent's id); None for a process gone or not visible here."""
    try:
        text = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()
