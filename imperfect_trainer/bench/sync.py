"""Sync measured against a throwaway programme (``scripts/bench-sync`` makes one on a local
cluster and runs this): never a real programme's database, whose trainees' roles it would add.

``a day``: N trainees, each with a collection joined and synced, practise a day offline (about
30 answers and a journal entry), then all sync at once, from a pool of client processes on
this machine (each sync timed from opening its connection to its last local commit).
``initial``: one trainee's collection with many own cards and a long history joins (everything
uploaded: the cards and every answer), then a second computer with a new, empty collection
joins and receives it all, cards and answers.
Each figure comes with the CPU seconds the server used for it (``server_cpu``), and the first
sync's with the computer's own (``cpu``): the cluster and the clients share this machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from imperfect_trainer.bench.fixture import build_collection
from imperfect_trainer.bench.measures import percentile
from imperfect_trainer.bench.server_cpu import server_cpu_seconds

ANSWERS_A_DAY = 30
CLIENTS = 16


def _trainee_url(owner_url: str, name: str) -> str:
    scheme, rest = owner_url.split("//", 1)
    return f"{scheme}//{name}@{rest.split('@', 1)[1]}"


def _make_trainees(owner_url: str, prefix: str, count: int) -> list[str]:
    from imperfect_trainer.deck.storage.postgres_collection import make_server_engine
    from imperfect_trainer.deck.storage.programme import add_trainee
    from imperfect_trainer.deck.storage.server_address import server_address

    address = server_address(owner_url)
    engine = make_server_engine(address)
    try:
        names = [f"{prefix}_{i}" for i in range(count)]
        for name in names:
            add_trainee(engine, address.where, name)
    finally:
        engine.dispose()
    return names


def _prepare(template: Path, folder: Path, url: str, now: dt.datetime) -> None:
    """A joined, synced collection, then a day's practice and an entry made offline."""
    from imperfect_trainer.deck.features import journal
    from imperfect_trainer.deck.store import Store
    from imperfect_trainer.deck.sync import run

    shutil.copytree(template, folder)
    with Store.open(folder, now=now) as store:
        run.join(store, url)
        run.sync(store, now)
        later = now + dt.timedelta(hours=1)
        cards = store.todays_practice(later, limit=ANSWERS_A_DAY * 2).cards
        gradable = [card.id for card in cards if card.kind != "reflection"]
        for i in range(ANSWERS_A_DAY):
            store.answer(gradable[i % len(gradable)], 3 + i % 3, now=later)
        journal.add_free_entry(store, "A day's practice, offline.", later)


def _timed_syncs(folders: Sequence[str], now_text: str) -> list[float]:
    # The driver and the programme's checks loaded before the clock starts: a computer's
    # first sync after the app started pays that once, and it is not the hub's time.
    import psycopg  # noqa: F401

    from imperfect_trainer.deck.storage import postgres_collection, programme  # noqa: F401
    from imperfect_trainer.deck.store import Store
    from imperfect_trainer.deck.sync import run

    now = dt.datetime.fromisoformat(now_text)
    timings = []
    for folder in folders:
        with Store.open(Path(folder), now=now) as store:
            started = time.perf_counter()
            run.sync(store, now)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def a_day(owner_url: str, trainees: int, work: Path, now: dt.datetime) -> dict[str, float | None]:
    from imperfect_trainer.deck.store import Store

    template = work / "template"
    if not template.exists():
        Store.open(template, now=now).close()
    names = _make_trainees(owner_url, f"bench_day{trainees}_{os.getpid()}", trainees)
    folders = []
    for name in names:
        folder = work / name
        _prepare(template, folder, _trainee_url(owner_url, name), now)
        folders.append(str(folder))
    clients = min(CLIENTS, trainees)
    shares = [folders[i::clients] for i in range(clients)]
    later = (now + dt.timedelta(hours=2)).isoformat()
    cpu_before = server_cpu_seconds(owner_url)
    started = time.perf_counter()
    with ProcessPoolExecutor(clients) as pool:
        timed = pool.map(_timed_syncs, shares, [later] * clients)
        timings = [ms for share in timed for ms in share]
    wall = time.perf_counter() - started
    server_cpu = _spent(cpu_before, server_cpu_seconds(owner_url))
    for done in folders:
        shutil.rmtree(done)
    return {
        "trainees": trainees,
        "clients": clients,
        "sync_ms_p50": round(percentile(timings, 0.50), 1),
        "sync_ms_p95": round(percentile(timings, 0.95), 1),
        "wall_s": round(wall, 2),
        "server_cpu_s": server_cpu,
        "server_cpu_ms_a_sync": _per_sync(server_cpu, trainees),
    }


def _per_sync(cpu_s: float | None, syncs: int) -> float | None:
    return None if cpu_s is None else round(cpu_s * 1000 / syncs, 1)


def _spent(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else round(after - before, 2)


def initial(
    owner_url: str, cards: int, history: int, work: Path, now: dt.datetime
) -> dict[str, float | None]:
    from imperfect_trainer.deck.store import Store
    from imperfect_trainer.deck.sync import run

    (name,) = _make_trainees(owner_url, f"bench_initial_{os.getpid()}", 1)
    url = _trainee_url(owner_url, name)
    first, second = work / "first", work / "second"
    build_collection(first, cards, history)
    build_collection(second, 0, 0)
    numbers: dict[str, float | None] = {"cards": cards, "answers": history}
    for side, folder in (("upload", first), ("download", second)):
        with Store.open(folder, now=now) as store:
            cpu_before = server_cpu_seconds(owner_url)
            started, used = time.perf_counter(), time.process_time()
            run.join(store, url)
            report = run.sync(store, now)
            numbers[f"{side}_s"] = round(time.perf_counter() - started, 1)
            numbers[f"{side}_cpu_s"] = round(time.process_time() - used, 1)
            numbers[f"{side}_server_cpu_s"] = _spent(cpu_before, server_cpu_seconds(owner_url))
        counted = "sent" if side == "upload" else "received"
        numbers[counted] = getattr(report, counted)
    return numbers


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m imperfect_trainer.bench.sync")
    parser.add_argument("owner_url", help="the throwaway programme's owner (scripts/bench-sync)")
    parser.add_argument("--trainees", default="1,20,200")
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--history", type=int, default=1_000_000)
    parser.add_argument("--skip-initial", action="store_true")
    args = parser.parse_args(argv)
    now = dt.datetime.now().astimezone()
    with tempfile.TemporaryDirectory(prefix="imperfect-trainer-sync-bench-") as folder:
        work = Path(folder)
        for count in (int(part) for part in args.trainees.split(",") if part):
            print(json.dumps({"a_day": a_day(args.owner_url, count, work, now)}), flush=True)
        if not args.skip_initial:
            numbers = initial(args.owner_url, args.cards, args.history, work / "initial", now)
            print(json.dumps({"initial": numbers}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
