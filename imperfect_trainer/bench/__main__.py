"""A timed part of the benchmark, in its own process (see ``children.py``)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from imperfect_trainer.bench.use import use_phase
from imperfect_trainer.bench.window import bare_window_phase, keys_phase, window_phase


def main(argv: Sequence[str]) -> int:
    if len(argv) == 3 and argv[0] == "use":
        print(json.dumps(use_phase(Path(argv[1]), int(argv[2]))), flush=True)
        return 0
    if len(argv) == 3 and argv[0] == "first-card":
        return window_phase(Path(argv[1]), float(argv[2]))
    if len(argv) == 3 and argv[0] == "keys":
        return keys_phase(Path(argv[1]), int(argv[2]))
    if len(argv) == 2 and argv[0] == "bare-qt":
        return bare_window_phase(float(argv[1]))
    if len(argv) == 5 and argv[0] == "use-server":
        # Imported here: psycopg and SQLAlchemy's PostgreSQL dialect, for this part alone.
        from imperfect_trainer.bench.server import child_use

        print(json.dumps(child_use(*argv[1:])), flush=True)
        return 0
    print(
        "usage: python -m imperfect_trainer.bench use|first-card|keys|bare-qt|use-server ARGS",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
