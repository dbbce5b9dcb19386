"""The benchmark command: a smoke run on a small collection; no timing is asserted."""

from __future__ import annotations

import json
import math
import os
import sys

import pytest

from imperfect_trainer.bench.measures import percentile
from imperfect_trainer.bench.options import METRICS, WINDOW_METRICS
from imperfect_trainer.cli import main
from tests.support.postgres import Programme


@pytest.mark.gui  # the first-card figure starts the real window in a child process
def test_bench_prints_one_json_line_with_every_metric_positive(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # At 20 cards, more answers than cards: every card is answered before the practice ends.
    assert main(["bench", "--sizes", "20,200", "--reviews", "60", "--json"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    for cards, line in zip((20, 200), lines, strict=True):
        record = json.loads(line)
        assert (record.pop("cards"), record.pop("reviews")) == (cards, 60)
        floors = record.pop("floors")
        assert set(floors) == {"fsync_ms", "bare_qt_ms"}
        assert set(record) == set(METRICS)
        for key, value in [*record.items(), *floors.items()]:
            assert isinstance(value, int | float), key
            assert math.isfinite(value), key
            assert value > 0, key


def test_percentile_is_a_measured_value_by_nearest_rank() -> None:
    values = [5.0, 1.0, 4.0, 2.0, 3.0]
    assert percentile(values, 0.5) == 3.0
    assert percentile(values, 0.95) == 5.0
    assert percentile([7.0], 0.95) == 7.0


def test_bench_refuses_sizes_below_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--cards", "0", "--json"]) == 2
    assert "at least 1" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["bench", "--sizes", "1000,0"])
    assert "card counts of at least 1" in capsys.readouterr().err


@pytest.mark.gui
@pytest.mark.postgres
def test_bench_on_a_server_prints_the_same_figures_and_leaves_no_trace(
    programme: Programme, capsys: pytest.CaptureFixture[str]
) -> None:
    owner = programme.cluster.url(programme.owner, programme.database)
    argv = ["--database", owner, "bench", "--cards", "100", "--reviews", "10", "--json"]
    assert main(argv) == 0
    record = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    server = record["postgres"]
    assert set(server) == set(METRICS) - set(WINDOW_METRICS)  # the window is the SQLite run's
    for key, value in server.items():
        assert value > 0, key
    with programme.cluster.connect(database=programme.database) as admin:
        left = admin.execute(
            "SELECT count(*) FROM pg_roles WHERE rolname = %s",
            (f"imperfect_trainer_bench_{os.getpid()}",),
        ).fetchone()
    assert left == (0,)


def test_bench_where_it_is_not_installed_says_to_run_it_from_a_checkout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # As in an install from the wheel, which leaves the benchmark out.
    monkeypatch.setitem(sys.modules, "imperfect_trainer.bench", None)

    assert main(["bench", "--cards", "10"]) == 2
    err = capsys.readouterr().err
    assert "not installed with the app" in err
    assert "source checkout" in err


@pytest.mark.postgres
def test_the_sync_bench_prints_its_figures_with_the_servers_cpu(
    programme: Programme, capsys: pytest.CaptureFixture[str]
) -> None:
    from imperfect_trainer.bench import sync

    owner = programme.cluster.url(programme.owner, programme.database)
    argv = [owner, "--trainees", "2", "--cards", "20", "--history", "50"]
    assert sync.main(argv) == 0
    day, initial = (json.loads(line) for line in capsys.readouterr().out.strip().splitlines())
    assert day["a_day"]["trainees"] == 2
    assert day["a_day"]["server_cpu_s"] >= 0
    figures = initial["initial"]
    # Every own card and every answer goes up, and all of them reach the empty second computer.
    assert (figures["sent"], figures["received"]) == (20 + 50, 20 + 50)
    for key in ("upload_s", "download_s", "upload_server_cpu_s", "download_server_cpu_s"):
        assert figures[key] >= 0, key
