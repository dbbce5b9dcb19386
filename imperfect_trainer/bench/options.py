"""What a benchmark run is asked for, and the figures it reports."""

from __future__ import annotations

from dataclasses import dataclass

METRICS = (
    "bulk_add_s",
    "open_ms",
    "answer_ms_p50",
    "answer_ms_p95",
    "answer_durable_ms_p50",
    "stats_ms",
    "db_bytes",
    "rss_mb",
    "first_card_ms",
    "reveal_paint_ms_p50",
    "reveal_paint_ms_p95",
    "grade_paint_ms_p50",
    "grade_paint_ms_p95",
)
# Taken in the window only (not on a server run, which has none).
WINDOW_METRICS = (
    "first_card_ms",
    "reveal_paint_ms_p50",
    "reveal_paint_ms_p95",
    "grade_paint_ms_p50",
    "grade_paint_ms_p95",
)
# The metrics Anki has a true counterpart for. Anki fsyncs inside its commit, so its answer is
# already durable: ours is compared both as the person waits (the fsync after the next card
# is shown) and with the fsync counted.
COMPARED = ("bulk_add_s", "open_ms", "answer_ms_p50", "answer_ms_p95", "answer_durable_ms_p50")


class BenchError(RuntimeError):
    """A part of the benchmark failed; the message says which and why."""


@dataclass(frozen=True, slots=True)
class BenchOptions:
    cards: int = 1000
    reviews: int = 200
    history: int | None = None  # None: ten answers per card, a few years of use
    as_json: bool = False
    vs_anki: bool = False
    # A programme's PostgreSQL server (its owner's URL): the same figures on a throwaway trainee.
    database: str | None = None

    @property
    def history_rows(self) -> int:
        return self.cards * 10 if self.history is None else self.history


Numbers = dict[str, float]
