"""The use phase: open, practise and count, as the window does, timed in a child process."""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from imperfect_trainer.bench.measures import local_now, ms_since, peak_rss_mb, percentile, timed_ms
from imperfect_trainer.bench.options import BenchError, Numbers

if TYPE_CHECKING:
    from imperfect_trainer.deck.practice.session import Practice


OPEN_RUNS = 7
STATS_RUNS = 5
# The time box would end a long run at five minutes; the bench wants all M answers.
BENCH_SESSION_SECONDS = 24 * 3600
# Weighted like a real practice: mostly recalled, some misses that come back as drills.
GRADE_WEIGHTS = {5: 30, 4: 40, 3: 15, 2: 8, 1: 4, 0: 3}


def use_phase(data_dir: Path, reviews: int) -> Numbers:
    """Open, practise and count, as the window does; runs in its own process."""
    from imperfect_trainer.deck.practice.session import Practice
    from imperfect_trainer.deck.store import Store

    opens: list[float] = []
    for _ in range(OPEN_RUNS):
        started = time.perf_counter()
        store = Store.open(data_dir, now=local_now())
        practice = Practice.start(store, local_now(), seconds=BENCH_SESSION_SECONDS)
        opens.append(ms_since(started))
        if len(opens) < OPEN_RUNS:
            store.close()
    with store:
        answers, durable = answer_times(practice, practice_grades(reviews))
        stats = [timed_ms(lambda: store.stats(local_now())) for _ in range(STATS_RUNS)]
    return {
        "open_ms": statistics.median(opens),
        "answer_ms_p50": percentile(answers, 0.50),
        "answer_ms_p95": percentile(answers, 0.95),
        "answer_durable_ms_p50": percentile(durable, 0.50),
        "stats_ms": statistics.median(stats),
        "rss_mb": peak_rss_mb(),
    }


def answer_times(practice: Practice, grades: Sequence[int]) -> tuple[list[float], list[float]]:
    """Milliseconds from "show answer" to the next card in hand, one per grade; and the same
    with the fsync that follows counted in (the durable answer, as Anki's is)."""
    times: list[float] = []
    durable: list[float] = []
    for grade in grades:
        if practice.current is None:
            break  # fewer cards than answers asked for
        started = time.perf_counter()
        # What the window's reveal and grade handlers ask of the controller (a reflection is
        # written instead).
        if practice.current_is_reflection:
            practice.write_reflection("A line for the benchmark.", local_now())
        else:
            practice.reveal()
            practice.next_intervals(local_now())
            practice.grade(grade, local_now())
        practice.current  # noqa: B018 - the next card, as the window reads it to render
        times.append(ms_since(started))
        # As the window does once the next card is painted: the fsync, outside the wait.
        practice.store.flush_to_disk()
        durable.append(ms_since(started))
    if not times:
        raise BenchError("no card was due, so no answer could be timed")
    return times, durable


def practice_grades(count: int) -> list[int]:
    rng = random.Random(2026)
    return rng.choices(list(GRADE_WEIGHTS), weights=list(GRADE_WEIGHTS.values()), k=count)
