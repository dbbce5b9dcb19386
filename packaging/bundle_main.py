"""The standalone bundle's program (PyInstaller runs this file; see imperfect-trainer.spec).

It is the ``imperfect-trainer`` command. The benchmark starts its timed child processes as
``sys.executable -m imperfect_trainer.bench ...``, and in the bundle ``sys.executable`` is this
program, so it answers that one ``-m`` as Python would: ``bench`` then measures the bundle itself.
"""

from __future__ import annotations

import runpy
import sys

BENCH_CHILD = ["-m", "imperfect_trainer.bench"]


def run() -> int:
    if sys.argv[1:3] == BENCH_CHILD:
        sys.argv[1:3] = []
        runpy.run_module("imperfect_trainer.bench", run_name="__main__", alter_sys=True)
        return 0
    from imperfect_trainer.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
