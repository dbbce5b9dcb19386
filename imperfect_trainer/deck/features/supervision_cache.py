"""The supervisor's last look at My trainees, kept in their local folder for reading when the
programme's server cannot be reached: the names of their trainees and, per trainee, exactly
the overview last shown (shared entries, goals, practice, mastery) with the moment it was read.

Only what was shown is written, when it is shown; a trainee the server no longer lists as the
supervisor's is forgotten at once. The file is the owner's alone (0600) and replaced whole in
one rename, so a kill or a full disk leaves the previous look as it was. A file that cannot be
read (hand-edited, damaged, from a later version) is as good as none: it only ever saves the
supervisor a wait, and the next look with the server writes it afresh.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from imperfect_trainer.deck.features.goals import Striving
from imperfect_trainer.deck.features.supervising_here import LAST_LOOK
from imperfect_trainer.deck.features.supervision import (
    SectionProgress,
    SharedEntry,
    SharedGoal,
    TraineeOverview,
)
from imperfect_trainer.deck.storage.private_files import (
    ExportError,
    read_small_file,
    write_private_bytes,
)

FILE_NAME = LAST_LOOK
FORMAT = "imperfect-trainer supervisor's last look"


@dataclass(frozen=True, slots=True)
class SeenView:
    overview: TraineeOverview
    at: dt.datetime  # when the server was read


@dataclass(frozen=True, slots=True)
class LastLook:
    trainees: tuple[str, ...] = ()
    views: dict[str, SeenView] = field(default_factory=dict)


def last_look(folder: Path) -> LastLook:
    """What was last shown; empty when nothing was, or the file cannot be read."""
    try:
        document = json.loads(read_small_file(folder / FILE_NAME))
        if document.get("format") != FORMAT:
            return LastLook()
        trainees = tuple(str(name) for name in document["trainees"])
        views = {
            name: SeenView(_overview(name, seen["overview"]), dt.datetime.fromisoformat(seen["at"]))
            for name, seen in document["views"].items()
            if name in trainees
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return LastLook()
    return LastLook(trainees, views)


def remember_trainees(folder: Path, trainees: list[str]) -> LastLook:
    """The server's list of this supervisor's trainees; anyone no longer on it is forgotten."""
    kept = last_look(folder)
    look = LastLook(
        tuple(trainees), {name: seen for name, seen in kept.views.items() if name in trainees}
    )
    _write(folder, look)
    return look


def remember_view(folder: Path, overview: TraineeOverview, at: dt.datetime) -> None:
    """The overview just shown of a trainee on the list (read from the server at ``at``)."""
    kept = last_look(folder)
    if overview.name not in kept.trainees:
        return
    _write(folder, LastLook(kept.trainees, {**kept.views, overview.name: SeenView(overview, at)}))


def _write(folder: Path, look: LastLook) -> None:
    document = {
        "format": FORMAT,
        "trainees": list(look.trainees),
        "views": {
            name: {"at": seen.at.isoformat(), "overview": _as_json(seen.overview)}
            for name, seen in look.views.items()
        },
    }
    try:
        write_private_bytes(folder / FILE_NAME, json.dumps(document, ensure_ascii=False).encode())
    except ExportError:
        # Not kept this time (a full disk, a folder gone): the page still shows what it read,
        # and the previous look stays whole for the next time the server is away.
        return


def _as_json(overview: TraineeOverview) -> dict[str, Any]:
    return {
        "minutes_by_day": {day.isoformat(): m for day, m in overview.minutes_by_day.items()},
        "sections": [[s.section, s.cards, s.new, s.settled] for s in overview.sections],
        "goals": [
            [g.text, g.striving.value if g.striving else None, g.discussed_in_supervision, g.note]
            for g in overview.goals
        ],
        "journal": [[e.id, e.kind, e.practice_day.isoformat(), e.text] for e in overview.journal],
    }


def _overview(name: str, seen: dict[str, Any]) -> TraineeOverview:
    return TraineeOverview(
        name,
        {dt.date.fromisoformat(day): float(m) for day, m in seen["minutes_by_day"].items()},
        tuple(SectionProgress(str(s), int(c), int(n), int(d)) for s, c, n, d in seen["sections"]),
        tuple(
            SharedGoal(
                str(text),
                Striving(striving) if striving else None,
                None if discussed is None else bool(discussed),
                str(note),
            )
            for text, striving, discussed, note in seen["goals"]
        ),
        tuple(
            SharedEntry(int(i), str(kind), dt.date.fromisoformat(day), str(body))
            for i, kind, day, body in seen["journal"]
        ),
    )
