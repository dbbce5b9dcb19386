"""A practice run in its own process for the crash test: it prints each answer once stored.

Run as ``python -m tests.support.crash_practice DATA_DIR DAY_OFFSET SEED``; the test kills it at
random moments with SIGKILL and then looks for every answer it announced.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from imperfect_trainer.deck.practice.session import Practice
from imperfect_trainer.deck.store import Store

START = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def main(data_dir: Path, day_offset: int, seed: int) -> None:
    rng = random.Random(seed)
    now = START + dt.timedelta(days=day_offset)
    with Store.open(data_dir, now=now) as store:
        print("open", flush=True)
        practice = Practice.start(store, now, seconds=3600)
        while practice.current is not None:
            if practice.current_is_reflection:
                practice.write_reflection("a thought", now)
            else:
                practice.reveal()
                practice.grade(rng.randint(0, 5), now)
            print(f"answered {practice.answered[-1].result.review_id}", flush=True)
            now += dt.timedelta(seconds=1)
        print("done", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
