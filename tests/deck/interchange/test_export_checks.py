"""A whole-collection export is checked before anything is imported: a file that is not one, or
follows a schema this version cannot read, is refused naming where and what."""

from __future__ import annotations

from pathlib import Path

import pytest

from imperfect_trainer.deck.interchange.export_checks import (
    CollectionFileError,
    parse_collection_json,
)
from imperfect_trainer.deck.storage.collection_json import FORMAT

RAW_BAD_FILES = {
    "not JSON": (b'{"format": ', "line 1, column", "not valid JSON"),
    "not UTF-8": (b'{"format": "\xff"}', "line 1", "not UTF-8"),
    "someone else's JSON": (b'{"cards": []}', "", "not an Imperfect Trainer"),
    "another format": (b'{"format": "x"}', "format", 'its “format” is "x", not'),
    "a list": (b"[1, 2]", "", "not an Imperfect Trainer"),
    "NaN": (b'{"format": NaN}', "", "NaN"),
    "a key twice": (b'{"format": 1, "format": 2}', "", "appears twice"),
    "deep nesting": (b"[" * 100_000 + b"]" * 100_000, "", "not usable JSON"),
}


@pytest.mark.parametrize("problem", list(RAW_BAD_FILES))
def test_a_file_that_is_not_a_collection_export_is_refused_clearly(problem: str) -> None:
    content, where, fragment = RAW_BAD_FILES[problem]
    path = Path("bad.json")

    with pytest.raises(CollectionFileError) as raised:
        parse_collection_json(path, content)

    assert raised.value.where.startswith(where)
    assert fragment in raised.value.message
    assert str(raised.value).startswith(f"{path}")


@pytest.mark.parametrize(("version", "why"), [("9999", "newer version"), ("0001", "too old")])
def test_an_export_of_a_schema_this_version_cannot_read_is_refused(version: str, why: str) -> None:
    content = f'{{"format": "{FORMAT}", "schema_version": "{version}"}}'.encode()

    with pytest.raises(CollectionFileError) as raised:
        parse_collection_json(Path("old.json"), content)

    assert raised.value.where == "schema_version"
    assert f"schema {version}" in raised.value.message
    assert why in raised.value.message
