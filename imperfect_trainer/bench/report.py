"""The figures as a table for people, or as one JSON line."""

from __future__ import annotations

import math
import tempfile
from typing import Any

from imperfect_trainer.bench.options import COMPARED, METRICS, BenchOptions, Numbers


def json_record(
    options: BenchOptions,
    ours: Numbers,
    anki: Numbers | None,
    floors: Numbers,
    server: Numbers | None = None,
) -> dict[str, Any]:
    record: dict[str, Any] = {"cards": options.cards, "reviews": options.reviews}
    record |= {key: _rounded(key, ours[key]) for key in METRICS}
    record["floors"] = {key: round(value, 3) for key, value in floors.items()}
    if server is not None:
        record["postgres"] = {
            key: _rounded(key, server[key]) for key in METRICS if math.isfinite(server[key])
        }
    if anki is not None:
        record["anki"] = {key: _rounded(key, anki[key]) for key in COMPARED}
        record["ratio"] = {key: round(ours[key] / anki[key], 2) for key in COMPARED}
    return record


def _rounded(key: str, value: float) -> float | int:
    if key == "db_bytes":
        return int(value)
    return round(value, 4 if key == "bulk_add_s" else 3)


def table(
    options: BenchOptions,
    ours: Numbers,
    anki: Numbers | None,
    floors: Numbers,
    server: Numbers | None = None,
) -> str:
    header = (
        f"{options.cards:,} cards, {options.reviews:,} answers, "
        f"{options.history_rows:,} past answers"
    )
    lines = [header, f"{'metric':<22}{'ours':>12}"]
    if server is not None:
        lines[1] += f"{'postgres':>12}"
    if anki is not None:
        lines[1] += f"{'anki':>12}{'ours/anki':>11}"
    for key in METRICS:
        line = f"{key:<22}{_rounded(key, ours[key]):>12}"
        if server is not None:
            value = server[key]
            line += f"{_rounded(key, value) if math.isfinite(value) else '-':>12}"
        if anki is not None and key in COMPARED:
            line += f"{_rounded(key, anki[key]):>12}{ours[key] / anki[key]:>11.2f}"
        lines.append(line)
    lines.append(
        f"floors: one 4 KiB write + fsync in {tempfile.gettempdir()} {floors['fsync_ms']:.3f} ms;"
        f" a bare Qt window, spawn to painted, {floors['bare_qt_ms']:.0f} ms"
        f" (first card / bare Qt: {ours['first_card_ms'] / floors['bare_qt_ms']:.2f})"
    )
    return "\n".join(lines)
