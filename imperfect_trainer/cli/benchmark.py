"""``bench``: the benchmark, a developer's tool that lives in the source tree.

The wheel leaves ``imperfect_trainer.bench`` out (it is 1,000 lines no user runs), so an
installed app says where to find it instead of failing on an import.
"""

from __future__ import annotations

import argparse
import sys

from imperfect_trainer.cli.opening import APP_NAME
from imperfect_trainer.translation import _


def run_bench(args: argparse.Namespace, database: str | None) -> int:
    try:
        # Imported here: the benchmark costs the app's start nothing.
        from imperfect_trainer.bench import BenchOptions, run, run_sizes
    except ModuleNotFoundError as error:
        if error.name != "imperfect_trainer.bench":
            raise
        print(
            _(
                "{app}: bench is a developer's tool and is not installed with the app; run it "
                "from a source checkout of Imperfect Trainer: ./run-app bench"
            ).format(app=APP_NAME),
            file=sys.stderr,
        )
        return 2
    options = BenchOptions(
        args.cards, args.reviews, args.history, args.json, args.vs_anki, database
    )
    return run_sizes(options, args.sizes) if args.sizes else run(options)
