"""Whether the person whose collection was moved to a folder supervises trainees, remembered
in that folder: their window, opened with the programme's server away (a laptop on a train),
still offers My trainees and shows the last look kept there (``supervision_cache``).

The server is asked when the collection moves here and again at each start of the window when
it answers, so a trainee made a supervisor later sees My trainees from their next start, and
someone who no longer supervises anyone keeps nothing of anyone's trainees on this computer.
Read with the standard library alone: the window asks at every start, and a solo clinician's
first card never waits for SQLAlchemy.
"""

from __future__ import annotations

import json
from pathlib import Path

from imperfect_trainer.deck.storage.private_files import read_small_file, write_private_bytes

FILE_NAME = "supervisor.json"
# The supervisor's last look at their trainees (``supervision_cache``).
LAST_LOOK = "my-trainees.json"


def remembered(folder: Path) -> bool:
    """Whether the person supervised anyone when the server last said; a file that cannot be
    read counts as not (the next start with the server writes it afresh)."""
    try:
        return json.loads(read_small_file(folder / FILE_NAME))["supervises"] is True
    except (OSError, ValueError, KeyError, TypeError):
        return False


def remember(folder: Path, supervises: bool) -> None:
    """What the server said (written privately, in one rename). Raises ``ExportError`` when
    it cannot be written."""
    if supervises != remembered(folder) or not (folder / FILE_NAME).exists():
        write_private_bytes(folder / FILE_NAME, json.dumps({"supervises": supervises}).encode())
    if not supervises:
        # Nothing of anyone's trainees stays with someone who no longer supervises them.
        (folder / LAST_LOOK).unlink(missing_ok=True)
