"""``imperfect-trainer bench``: how fast the app is on a big collection, and next to Anki.

A developer's tool: it lives in the source tree and the wheel leaves it out (the command says
so in an installed app). It builds a throw-away collection in a temporary folder (``$TMPDIR``
chooses the disk, which matters: every answer is fsynced) and times the same code the window
runs: ``Store`` and the ``Practice`` controller, every answer committed before the next card,
and fsynced right after it (``Store.flush_to_disk``) as the window does once the next card is
painted.

The parts are timed in separate processes on purpose. Building 100,000 cards costs memory the
app never needs afterwards, so opening, answering and the statistics run in a fresh child
process (``use``), and the first card is timed in fresh processes of the real window
(``window``), from spawn to paint; ``rss_mb`` is the larger peak of those processes. Anki
(``--vs-anki``, the ``bench`` extra) runs in this process after ours, so it cannot inflate our
memory figure. ``server`` runs the same figures on a programme's PostgreSQL server.
"""

from imperfect_trainer.bench.fixture import build_collection
from imperfect_trainer.bench.options import BenchOptions
from imperfect_trainer.bench.runner import run, run_sizes

__all__ = ["BenchOptions", "build_collection", "run", "run_sizes"]
