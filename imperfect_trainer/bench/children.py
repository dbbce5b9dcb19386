"""The timed parts run in child processes: ``python -m imperfect_trainer.bench PART ARGS``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from imperfect_trainer.bench.options import BenchError, Numbers

CHILD_TIMEOUT_SECONDS = 3600
WINDOW_TIMEOUT_SECONDS = 120


def child_json(arguments: list[str], timeout: float) -> Numbers:
    """Run ``python -m imperfect_trainer.bench ARGS`` and read the JSON line it prints."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # The child must import this very tree, installed or not.
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (root, env.get("PYTHONPATH"))))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "imperfect_trainer.bench", *arguments],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"{arguments[0]} did not finish in {timeout:.0f} s") from error
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        # The child's own last word (its error), not its traceback.
        said = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise BenchError(f"{arguments[0]} failed ({done.returncode}): {said}")
    record: Numbers = json.loads(lines[-1])
    return record
