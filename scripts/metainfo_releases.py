"""Write CHANGELOG.md's entries into the AppStream metainfo's <releases> (run after adding one).

    .venv/bin/python scripts/metainfo_releases.py

A test (tests/test_desktop_entry.py) fails while the two differ.
"""

from __future__ import annotations

import re
import sys
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from imperfect_trainer.desktop_entry import METAINFO_FILE  # noqa: E402

CHANGELOG = ROOT / "CHANGELOG.md"
METAINFO = ROOT / "resources" / METAINFO_FILE
HEADING = re.compile(r"^## (\d+\.\d+\.\d+) — (\d{4}-\d{2}-\d{2})$")
RELEASES = re.compile(r"  <releases>\n.*?  </releases>\n", re.DOTALL)


def changelog_releases(text: str) -> list[tuple[str, str, list[str]]]:
    """Each release as (version, date, its items), newest first, from the changelog's text."""
    releases: list[tuple[str, str, list[str]]] = []
    for line in text.splitlines():
        if heading := HEADING.match(line):
            releases.append((heading.group(1), heading.group(2), []))
        elif releases and line.startswith("- "):
            releases[-1][2].append(line[2:].strip())
        elif releases and releases[-1][2] and line.startswith("  "):
            releases[-1][2][-1] += " " + line.strip()
    return releases


def releases_xml(releases: list[tuple[str, str, list[str]]]) -> str:
    lines = ["  <releases>"]
    for version, date, items in releases:
        lines += [f'    <release version="{version}" date="{date}">', "      <description>"]
        lines += ["        <ul>", *(f"          <li>{escape(item)}</li>" for item in items)]
        lines += ["        </ul>", "      </description>", "    </release>"]
    return "\n".join([*lines, "  </releases>", ""])


def metainfo_with_releases(metainfo: str, changelog: str) -> str:
    return RELEASES.sub(lambda _: releases_xml(changelog_releases(changelog)), metainfo)


if __name__ == "__main__":
    updated = metainfo_with_releases(
        METAINFO.read_text(encoding="utf-8"), CHANGELOG.read_text(encoding="utf-8")
    )
    METAINFO.write_text(updated, encoding="utf-8")
    print(f"{METAINFO.relative_to(ROOT)}: releases from {CHANGELOG.name}")
