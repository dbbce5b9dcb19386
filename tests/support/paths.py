"""Where the repository's own files are, for tests that read them."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "imperfect_trainer"
RESOURCES = REPO / "resources"
TEST_DATA = REPO / "tests" / "data"
# The seed articles sit beside the checkout in the workplace, not in it (and not on CI).
SEEDS = REPO.parent / "shared" / "seeds"
