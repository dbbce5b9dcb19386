"""The same sizes through Anki's own scheduler (``--vs-anki``, the ``bench`` extra)."""

from __future__ import annotations

import contextlib
import importlib
import sqlite3
import statistics
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from imperfect_trainer.bench.fixture import BACK, FRONT
from imperfect_trainer.bench.measures import ms_since, percentile
from imperfect_trainer.bench.options import BenchError, BenchOptions, Numbers
from imperfect_trainer.bench.use import OPEN_RUNS, practice_grades

# Anki has four buttons; our 0-2 are all "Again" there.
ANKI_RATING = {0: "AGAIN", 1: "AGAIN", 2: "AGAIN", 3: "HARD", 4: "GOOD", 5: "EASY"}


def measure_anki(folder: Path, options: BenchOptions) -> Numbers:
    """The same sizes through Anki's own scheduler (the ``anki`` package, the bench extra)."""
    try:
        # Through importlib: the extra is optional, and mypy must pass with or without it.
        collection = importlib.import_module("anki.collection")
        anki_cards = importlib.import_module("anki.cards")
        v3 = importlib.import_module("anki.scheduler.v3")
    except ImportError as error:
        raise BenchError(
            f"--vs-anki needs the anki package ({error}); pip install 'imperfect-trainer[bench]'"
        ) from error
    folder.mkdir()
    path = str(folder / "collection.anki2")
    col = collection.Collection(path)
    try:
        bulk_add_s, card_ids = _anki_build(col, collection, options)
    finally:
        col.close()
    _anki_history(path, card_ids, options.history_rows)
    opens: list[float] = []
    for _ in range(OPEN_RUNS):
        started = time.perf_counter()
        col = collection.Collection(path)
        queued = col.sched.get_queued_cards()
        opens.append(ms_since(started))
        if len(opens) < OPEN_RUNS:
            col.close()
    try:
        answers = _anki_answers(col, queued, anki_cards.Card, v3.CardAnswer, options.reviews)
    finally:
        col.close()
    return {
        "bulk_add_s": bulk_add_s,
        "open_ms": statistics.median(opens),
        "answer_ms_p50": percentile(answers, 0.50),
        "answer_ms_p95": percentile(answers, 0.95),
        # Anki commits with synchronous=FULL: its answer already includes the fsync.
        "answer_durable_ms_p50": percentile(answers, 0.50),
    }


def _anki_build(col: Any, collection: Any, options: BenchOptions) -> tuple[float, list[int]]:
    notetype = col.models.by_name("Basic")
    requests = []
    for i in range(options.cards):
        note = col.new_note(notetype)
        note["Front"] = FRONT.format(i=i)
        note["Back"] = BACK
        requests.append(collection.AddNoteRequest(note, 1))
    started = time.perf_counter()
    col.add_notes(requests)
    elapsed = time.perf_counter() - started
    card_ids = [int(card_id) for card_id in col.find_cards("")]
    col.sched.set_due_date(card_ids, "0")  # review cards due today, like ours
    config = col.decks.config_dict_for_deck_id(1)
    # Anki's daily review limit (200) would end the run early; new cards are not used.
    config["rev"]["perDay"] = max(int(config["rev"]["perDay"]), options.reviews)
    col.decks.update_config(config)
    return elapsed, card_ids


def _anki_history(path: str, card_ids: Sequence[int], history: int) -> None:
    """The same number of past answers in Anki's log, written while the collection is closed:
    through Anki's own database proxy a million rows take minutes."""
    first_ms = int(time.time() * 1000) - history * 1000 - 86_400_000
    rows = (
        (first_ms + k * 1000, card_ids[k % len(card_ids)], -1, 3, 6, 1, 2500, 8000, 1)
        for k in range(history)
    )
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.executemany(
            "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def _anki_answers(
    col: Any, queued: Any, card_class: Any, card_answer: Any, reviews: int
) -> list[float]:
    """Answer as Anki's reviewer does: build the answer, commit it, fetch the next card."""
    times: list[float] = []
    for grade in practice_grades(reviews):
        if not queued.cards:
            break
        started = time.perf_counter()
        top = queued.cards[0]
        card = card_class(col, backend_card=top.card)
        card.start_timer()
        rating = getattr(card_answer, ANKI_RATING[grade])
        col.sched.answer_card(col.sched.build_answer(card=card, states=top.states, rating=rating))
        queued = col.sched.get_queued_cards()
        times.append(ms_since(started))
    if not times:
        raise BenchError("Anki had no card due, so no answer could be timed")
    return times
