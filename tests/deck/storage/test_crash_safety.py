"""Killing the app at any moment loses no answer it had shown as done, and it opens again."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING
from tests.support.paths import REPO

ROUNDS = 30


def _run_and_kill(data_dir: Path, day: int, rng: random.Random) -> list[int]:
    """Start a practice, let it announce 0-12 answers, SIGKILL it; return what it announced."""
    announced: list[int] = []
    stop_after = rng.randint(0, 12)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.support.crash_practice",
            str(data_dir),
            str(day),
            str(rng.random())[2:],
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert process.stdout is not None
    try:
        for line in process.stdout:
            if line.startswith("answered "):
                announced.append(int(line.split()[1]))
            if len(announced) >= stop_after or line.startswith("done"):
                break
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()
    return announced


def test_answers_survive_sigkill_at_random_moments(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    rng = random.Random(20261123)
    announced_total: list[int] = []
    for round_number in range(ROUNDS):
        announced_total += _run_and_kill(data_dir, round_number // 3, rng)
        path = data_dir / DATABASE_NAME
        if not path.exists():
            continue  # killed before the collection was first made; nothing was promised
        with sqlite3.connect(path) as connection:
            stored = {row[0] for row in connection.execute("SELECT id FROM reviews")}
            integrity = connection.execute("PRAGMA integrity_check").fetchone()
        connection.close()
        lost = [review for review in announced_total if review not in stored]
        assert lost == [], f"round {round_number}: answers lost after a kill: {lost}"
        assert integrity == ("ok",)
    assert len(announced_total) > ROUNDS  # the kills really landed mid-practice
    with Store.open(data_dir, now=MORNING) as store:
        assert store.check().healthy
