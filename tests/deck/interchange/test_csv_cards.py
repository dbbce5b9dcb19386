"""Own cards in and out of CSV files, and the review log out: round trips and every bad file."""

from __future__ import annotations

import csv
import datetime as dt
import stat
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update

from imperfect_trainer.cli import main
from imperfect_trainer.deck.content.cards import CardContent, CardKind, own_card_id
from imperfect_trainer.deck.content.deck_merge import OwnCardEdit
from imperfect_trainer.deck.features.own_cards import (
    OwnCardDraft,
    own_card_draft,
    update_own_card,
)
from imperfect_trainer.deck.interchange.csv_cards import (
    COLUMNS,
    export_own_cards_csv,
    export_reviews_csv,
    import_cards_csv,
    plan_cards_csv,
)
from imperfect_trainer.deck.interchange.import_plan import (
    DEFAULT_SECTION,
    ImportFileError,
    ImportRefusedError,
)
from imperfect_trainer.deck.storage.models import Card
from imperfect_trainer.deck.storage.private_files import ExportError, write_private_file
from imperfect_trainer.deck.store import Store
from tests.support.collection_rows import fetch_rows, store_rows
from tests.support.moments import MORNING

pytestmark = pytest.mark.both_backends

HEADER = "front,back,kind,tags,section\n"


def write(tmp_path: Path, content: str | bytes, name: str = "cards.csv") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def added(store: Store, path: Path) -> list[CardContent]:
    """Import ``path``; the cards it added."""
    return [card for _, card in import_cards_csv(store, path, MORNING).new]


def own_cards(store: Store) -> list[tuple[str, str, str, str, str]]:
    exported = store.data_dir.parent / "own-cards-check.csv"
    export_own_cards_csv(store, exported)
    with exported.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == list(COLUMNS)
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows[1:]]


# ------------------------------------------------------------------------------ good files


def test_a_file_with_every_column_adds_own_cards_with_their_fields(
    store: Store, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        HEADER + "I must answer every email tonight.,Most can wait.,reframe,email evenings,Work\n"
        "A client cancels twice.,Ask what got in the way.,practice,,\n",
    )

    cards = added(store, path)

    first = store.card(cards[0].id)
    assert (first.front, first.back, first.kind) == (
        "I must answer every email tonight.",
        "Most can wait.",
        CardKind.REFRAME,
    )
    assert (first.tags, first.section, first.is_new) == (("email", "evenings"), "Work", True)
    assert store.card(cards[1].id).section == DEFAULT_SECTION
    assert all(card.source == "own" and card.id.startswith("own.") for card in cards)


def test_tags_may_be_separated_by_commas_or_spaces_and_kinds_written_as_shown(
    store: Store, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        HEADER + 'Wanting to improve.,Healthy striving.,Healthy or perfectionist?,"goals, growth  ,'
        ' Supervision",\n',
    )

    [card] = added(store, path)

    assert card.kind is CardKind.DISCERN
    assert card.tags == ("goals", "growth", "supervision")


def test_a_tab_separated_file_with_a_byte_order_mark_is_read(store: Store, tmp_path: Path) -> None:
    text = "front\tback\tkind\ttags\tsection\r\nA, B and C?\tAll three, gently.\tfact\t\t\r\n"
    path = write(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8"), "cards.tsv.csv")

    [card] = added(store, path)

    assert (card.front, card.back) == ("A, B and C?", "All three, gently.")


def test_columns_may_come_in_any_order_and_tags_and_section_may_be_left_out(
    store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path, "Kind,Back,Front\nsign,The back.,The front.\n")

    [card] = added(store, path)

    assert (card.front, card.back, card.kind, card.tags) == (
        "The front.",
        "The back.",
        CardKind.SIGN,
        (),
    )


def test_quoted_cells_may_hold_commas_quotes_and_line_breaks_and_lines_still_count(
    store: Store, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        HEADER + '"She said ""fine"", then left.","First line,\nsecond line.",practice,,\n'
        "Next card,,fact,,\n",
    )

    with pytest.raises(ImportFileError) as raised:
        import_cards_csv(store, path, MORNING)

    assert (raised.value.line, raised.value.field) == (4, "back")
    good = write(tmp_path, HEADER + '"She said ""fine"", then left.","First,\nsecond.",fact,,\n')
    [card] = added(store, good)
    assert (card.front, card.back) == ('She said "fine", then left.', "First,\nsecond.")


def test_blank_lines_and_empty_spreadsheet_rows_are_skipped(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "\nOne,Two,fact,,\n,,,,\n\n")

    assert len(added(store, path)) == 1


def test_the_same_front_always_gets_the_same_readable_id() -> None:
    card_id = own_card_id("When a session goes badly, I replay it all night.")

    assert card_id == own_card_id("  when a session goes badly,  I replay it all night. ")
    assert card_id.startswith("own.when-a-session-goes-badly-i-")
    assert own_card_id("Ещё одна карточка").startswith("own.")
    assert own_card_id("Front A") != own_card_id("Front B")


def test_exported_own_cards_import_into_a_fresh_collection_unchanged(
    store: Store, tmp_path: Path
) -> None:
    source = write(
        tmp_path,
        HEADER + '"Comma, quote "" and\nbreak",Back,reflection,a b,Mine\nÜber-Ich?,Ja.,fact,,\n',
    )
    import_cards_csv(store, source, MORNING)
    exported = tmp_path / "exported.csv"

    assert export_own_cards_csv(store, exported) == 2
    with Store.open(tmp_path / "other", now=MORNING) as other:
        import_cards_csv(other, exported, MORNING)
        assert own_cards(other) == own_cards(store)
    assert own_cards(store)[0] == ('Comma, quote " and\nbreak', "Back", "reflection", "a b", "Mine")


def test_cells_a_spreadsheet_would_run_are_exported_as_text_and_read_back_exactly(
    store: Store, tmp_path: Path
) -> None:
    risky = ['=HYPERLINK("http://x.example","click")', "+1 more", "-5 minutes", "@once"]
    rows = "".join(f'"{front.replace(chr(34), chr(34) * 2)}",Back,fact,,\n' for front in risky)
    source = write(tmp_path, HEADER + rows + "'quoted already,Back,fact,,\n")
    import_cards_csv(store, source, MORNING)
    exported = tmp_path / "exported.csv"
    export_own_cards_csv(store, exported)

    with exported.open(encoding="utf-8-sig", newline="") as file:
        fronts = [row["front"] for row in csv.DictReader(file)]
    assert fronts == [f"'{front}" for front in risky] + ["''quoted already"]
    with Store.open(tmp_path / "other", now=MORNING) as other:
        import_cards_csv(other, exported, MORNING)
        assert own_cards(other) == own_cards(store)
    stored = [r[0] for r in fetch_rows(store, "SELECT front FROM cards WHERE origin = 'own'")]
    assert sorted(stored) == sorted([*risky, "'quoted already"])


def test_the_cards_export_is_private_has_a_byte_order_mark_and_a_header(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "mine.csv"

    assert export_own_cards_csv(store, path) == 0

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes() == b"\xef\xbb\xbf" + b"front,back,kind,tags,section\r\n"


def test_the_review_log_export_lists_every_answer_oldest_first(
    store: Store, tmp_path: Path
) -> None:
    [first, second] = [card.id for card in store.todays_practice(MORNING).cards[:2]]
    store.answer(first, 2, now=MORNING, duration_ms=4200)
    store.answer(second, 5, now=MORNING + dt.timedelta(seconds=30), duration_ms=1500)
    store.answer(first, 4, now=MORNING + dt.timedelta(minutes=1), duration_ms=900)
    path = tmp_path / "answers.csv"

    assert export_reviews_csv(store, path) == 3

    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [(r["card_id"], r["grade"], r["drill"]) for r in rows] == [
        (first, "2", "false"),
        (second, "5", "false"),
        (first, "4", "true"),
    ]
    assert rows[0]["reviewed_at"] == "2026-11-23T07:30:00+00:00"
    assert rows[0]["practice_day"] == "2026-11-23"
    assert rows[0]["duration_ms"] == "4200"
    assert rows[0]["front"] == store.card(first).front
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_export_replaces_an_older_file_in_one_step(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("old content", encoding="utf-8")

    export_own_cards_csv(store, path)

    assert path.read_text(encoding="utf-8-sig").startswith("front,back")
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["mine.csv"]


def test_an_export_that_fails_midway_leaves_the_older_file_and_no_scraps(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("old content", encoding="utf-8")

    def disk_full(temp: Path) -> None:
        temp.write_text("half a fi", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="No space left"):
        write_private_file(path, disk_full)

    assert path.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["mine.csv"]


def test_an_export_into_a_missing_folder_fails_naming_it(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_own_cards_csv(store, tmp_path / "nowhere" / "mine.csv")

    assert not (tmp_path / "nowhere").exists()


# ------------------------------------------------------------------------------- bad files

BAD_FILES = {
    "not UTF-8": (
        HEADER.encode() + b"Fine,Fine,fact,,\nCaf\xe9,Back,fact,,\n",
        3,
        None,
        "is not UTF-8",
    ),
    "UTF-16": ((("\ufeff" + HEADER).encode("utf-16-le")), None, None, "UTF-16"),
    "a spreadsheet": (b"PK\x03\x04rest-of-a-zip", None, None, "spreadsheet"),
    "empty": (b"", None, None, "is empty"),
    "a header only": (HEADER.encode(), None, None, "no cards"),
    "a missing column": (b"front,kind\nA,fact\n", 1, "back", "column missing"),
    "an unknown column": (b"front,back,kind,fronts\nA,B,fact,x\n", 1, "fronts", "unknown column"),
    "a column named twice": (b"front,back,kind,Front\nA,B,fact,C\n", 1, "front", "twice"),
    "semicolons": (b"front;back;kind\nA;B;fact\n", 1, None, "semicolons"),
    "an unknown kind": (HEADER.encode() + b"A,B,fact,,\nC,D,wisdom,,\n", 3, "kind", "unknown kind"),
    "an empty front": (HEADER.encode() + b"A,B,fact,,\n  ,D,fact,,\n", 3, "front", "is empty"),
    "an empty back": (HEADER.encode() + b"A,,fact,,\n", 2, "back", "is empty"),
    "a duplicate": (
        HEADER.encode() + b"Same front,B,fact,,\nOther,B,fact,,\nsame  FRONT,C,fact,,\n",
        4,
        "front",
        "already at line 2",
    ),
    "too many cells": (HEADER.encode() + b"A,B,fact,,,extra\n", 2, "column 6", "6 cells"),
    "too few cells": (HEADER.encode() + b"A,B,fact\n", 2, "tags", "3 cells"),
    "an unclosed quote": (HEADER.encode() + b'A,B,fact,,\n"C,D,fact,,\n', 3, None, "not valid CSV"),
    "a bad tag": (HEADER.encode() + b"A,B,fact,caf\xc3\xa9!,\n", 2, "tags", "not a lowercase"),
    "a control character": (HEADER.encode() + b"A,B\x00,fact,,\n", 2, "back", "U+0000"),
    "a front too long": (HEADER.encode() + b"A" * 501 + b",B,fact,,\n", 2, "front", "at most 500"),
    # Quoted as it should be, yet larger than Python's CSV reader takes a cell.
    "a quoted cell of 10 MB": (
        HEADER.encode() + b'A,"' + b"B" * 10_000_000 + b'",fact,,\n',
        2,
        None,
        "front is at most 500 characters and its back 2,000",
    ),
    "a section too long": (
        HEADER.encode() + b"A,B,fact,," + b"S" * 201 + b"\n",
        2,
        "section",
        "200",
    ),
}


@pytest.mark.parametrize("problem", list(BAD_FILES))
def test_a_bad_file_is_refused_naming_file_line_and_field_and_nothing_is_written(
    store: Store, tmp_path: Path, problem: str
) -> None:
    content, line, field, fragment = BAD_FILES[problem]
    path = write(tmp_path, content)
    before = store_rows(store)

    with pytest.raises(ImportFileError) as raised:
        import_cards_csv(store, path, MORNING)

    error = raised.value
    assert (error.line, error.field) == (line, field)
    assert fragment in error.message
    assert str(error).startswith(str(path))
    if line is not None:
        assert f"line {line}" in str(error)
    if field is not None:
        assert f"field {field!r}" in str(error)
    assert store_rows(store) == before


def test_a_front_already_in_the_collection_is_refused_naming_that_card(
    store: Store, tmp_path: Path
) -> None:
    builtin = store.todays_practice(MORNING).cards[0]
    path = write(tmp_path, HEADER + f'New one,B,fact,,\n"{builtin.front.upper()}",B,fact,,\n')
    before = store_rows(store)

    with pytest.raises(ImportFileError, match=builtin.id) as raised:
        import_cards_csv(store, path, MORNING)

    assert (raised.value.line, raised.value.field) == (3, "front")
    assert store_rows(store) == before


def test_importing_the_same_file_again_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "Mine,B,fact,,\n")
    import_cards_csv(store, path, MORNING)
    before = store_rows(store)

    plan = import_cards_csv(store, path, MORNING + dt.timedelta(days=1))

    assert (len(plan.new), len(plan.updated), plan.unchanged, plan.refused) == (0, 0, 1, [])
    assert store_rows(store) == before


def test_a_row_with_a_front_already_imported_updates_that_card_and_keeps_its_history(
    store: Store, tmp_path: Path
) -> None:
    first = write(tmp_path, HEADER + "Mine,Old back,fact,old,Work\nOther,B,fact,,\n")
    [mine, _other] = added(store, first)
    store.answer(mine.id, 4, now=MORNING, duration_ms=1000)
    later = MORNING + dt.timedelta(days=2)
    second = write(tmp_path, HEADER + "MINE,New back,reframe,new,Home\nThird,C,fact,,\n", "2.csv")

    plan = import_cards_csv(store, second, later)

    assert [card.front for _, card in plan.new] == ["Third"]
    [(where, edit)] = plan.updated
    assert where == "line 2"
    assert edit.content.id == mine.id
    card = store.card(mine.id)
    assert (card.front, card.back, card.kind, card.tags, card.section) == (
        "MINE",
        "New back",
        CardKind.REFRAME,
        ("new",),
        "Home",
    )
    assert not card.is_new  # the answer given before the update still counts
    assert "  updated  line 2: MINE (front, back, kind, tags, section)" in plan.summary()


def test_a_file_without_tags_or_section_leaves_a_cards_own_as_they_are(
    store: Store, tmp_path: Path
) -> None:
    [mine] = added(store, write(tmp_path, HEADER + "Mine,Old,fact,a b,Work\n"))

    import_cards_csv(store, write(tmp_path, "front,back,kind\nMine,New,fact\n", "2.csv"), MORNING)

    card = store.card(mine.id)
    assert (card.back, card.tags, card.section) == ("New", ("a", "b"), "Work")


def test_one_refused_row_refuses_the_file_listing_every_refusal_unless_the_rest_is_chosen(
    store: Store, tmp_path: Path
) -> None:
    [mine] = added(store, write(tmp_path, HEADER + "Mine,Old,fact,,\n"))
    path = write(
        tmp_path, HEADER + "Mine,New,fact,,\nFine,B,fact,,\n,B,fact,,\nX,,fact,,\n", "2.csv"
    )
    before = store_rows(store)

    with pytest.raises(ImportRefusedError) as raised:
        import_cards_csv(store, path, MORNING)

    assert store_rows(store) == before
    refused = raised.value.plan.refused
    assert [(r.line, r.field) for r in refused] == [(4, "front"), (5, "back")]
    assert "(and 1 more refused)" in str(raised.value)
    plan = import_cards_csv(store, path, MORNING, skip_refused=True)
    assert [card.front for _, card in plan.new] == ["Fine"]
    assert store.card(mine.id).back == "New"


def test_the_plan_is_shown_without_writing_anything(store: Store, tmp_path: Path) -> None:
    added(store, write(tmp_path, HEADER + "Mine,Old,fact,,\n"))
    path = write(tmp_path, HEADER + "Mine,New,fact,,\nFine,B,fact,,\nMine,Again,fact,,\n", "2.csv")
    before = store_rows(store)

    summary = plan_cards_csv(store, path).summary()

    assert store_rows(store) == before
    assert summary == [
        f"{path}: 1 new, 1 updated, 0 unchanged, 1 refused",
        "  new      line 3: Fine",
        "  updated  line 2: Mine (back)",
        "  refused  line 4, field 'front': the same front is already at line 2",
    ]


def test_a_row_imported_before_and_since_edited_here_is_refused(
    store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path, HEADER + "Original front,B,fact,,\n")
    [card] = added(store, path)
    draft = own_card_draft(store, card.id)
    update_own_card(
        store,
        card.id,
        OwnCardDraft(draft.kind, "Edited front", draft.back, draft.tags, draft.section),
        MORNING,
    )

    with pytest.raises(ImportFileError, match="imported before"):
        import_cards_csv(store, path, MORNING)


def test_a_retired_cards_front_may_come_back_as_an_own_card(store: Store, tmp_path: Path) -> None:
    retired = store.todays_practice(MORNING).cards[0]
    with store.unit_of_work() as session:
        session.execute(update(Card).where(Card.id == retired.id).values(retired=True))
    path = write(tmp_path, f'{HEADER}"{retired.front}",B,fact,,\n')

    [card] = added(store, path)

    assert card.front == retired.front
    assert card.id != retired.id


def test_a_card_added_by_the_window_during_an_import_stops_it_cleanly(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, HEADER + "Racing front,B,fact,,\nOther,B,fact,,\n")
    import_own = store.cards.import_own

    def window_adds_first(
        contents: Sequence[CardContent], edits: Sequence[OwnCardEdit], now: dt.datetime
    ) -> int:
        store.add_cards(contents[:1], now)
        return import_own(contents, edits, now)

    monkeypatch.setattr(store.cards, "import_own", window_adds_first)

    with pytest.raises(ImportFileError, match="just added"):
        import_cards_csv(store, path, MORNING)

    assert [front for front, *_ in own_cards(store)] == ["Racing front"]


def test_a_card_edited_in_the_window_during_an_import_stops_it_cleanly(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    [card] = added(store, write(tmp_path, HEADER + "Mine,Old,fact,,\n"))
    path = write(tmp_path, HEADER + "Mine,New,fact,,\nOther,B,fact,,\n", "2.csv")
    import_own = store.cards.import_own

    def window_edits_first(
        contents: Sequence[CardContent], edits: Sequence[OwnCardEdit], now: dt.datetime
    ) -> int:
        draft = own_card_draft(store, card.id)
        update_own_card(store, card.id, replace(draft, back="Typed in the window"), now)
        return import_own(contents, edits, now)

    monkeypatch.setattr(store.cards, "import_own", window_edits_first)

    with pytest.raises(ImportFileError, match="just changed"):
        import_cards_csv(store, path, MORNING)

    assert own_cards(store) == [("Mine", "Typed in the window", "fact", "", DEFAULT_SECTION)]


def test_a_missing_file_is_named(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="does not exist"):
        import_cards_csv(store, tmp_path / "missing.csv", MORNING)


# -------------------------------------------------------------------------------- the CLI


def test_the_command_line_imports_and_exports_cards_and_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "data")
    source = write(tmp_path, HEADER + "One,Two,fact,,\n")

    assert main(["--data-dir", data, "import", str(source)]) == 0
    assert main(["--data-dir", data, "export", str(tmp_path / "out.csv")]) == 0
    assert main(["--data-dir", data, "export", "--reviews", str(tmp_path / "log.csv")]) == 0

    out = capsys.readouterr().out
    assert "imported: 1 new, 0 updated" in out
    assert "exported 1 own card to" in out
    assert "exported 0 answers" in out


def test_the_command_line_reports_a_bad_file_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path, HEADER + "One,,fact,,\n")

    assert main(["--data-dir", str(tmp_path / "data"), "import", str(source)]) == 1

    err = capsys.readouterr().err
    assert f"{source}, line 2, field 'back'" in err
    assert "nothing was imported" in err


# ------------------------------------------------------------------------------------ fuzz

_CELL_CHARACTERS = st.sampled_from([*',\t;" \r\nabcXYZ-0é…\u2028\x00\x07', "ф", "😀", "\ufeff"])
_CELLS = st.one_of(
    st.text(_CELL_CHARACTERS, max_size=12),
    st.sampled_from([kind.value for kind in CardKind] + ["Reality", "nonsense", ""]),
)
_WORDS = st.text(st.sampled_from(list("abcdefghij XYZ-é…фi😀")), min_size=1, max_size=30)
_TAIL_CELLS = st.one_of(st.just(""), st.from_regex(r"\A[a-z]{1,6}( [a-z]{1,6})?\Z"), _CELLS)
_HEADERS = st.sampled_from(
    ["", HEADER, "front,back,kind\n", "front\tback\tkind\ttags\tsection\r\n", "\ufeff" + HEADER]
)


@st.composite
def _csv_like(draw: st.DrawFn) -> bytes:
    header = draw(_HEADERS)
    columns = max(1, header.count(",") + header.count("\t") + 1)
    delimiter = "\t" if "\t" in header else ","
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        # Mostly rows of the header's width, so that many examples are valid imports.
        width = draw(st.one_of(st.just(columns), st.integers(0, 7)))
        cells = [draw(_WORDS if column < 2 else _TAIL_CELLS) for column in range(width)]
        if width == columns and columns >= 3:
            cells[2] = draw(st.sampled_from([kind.value for kind in CardKind] + ["Reality"]))
        lines.append(delimiter.join(cells) + draw(st.sampled_from(["\n", "\r\n"])))
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["latin-1", "utf-16"]))
    return (header + "".join(lines)).encode(encoding, errors="replace")


def test_any_input_is_either_imported_whole_or_refused_clearly_without_writing(
    tmp_path: Path,
) -> None:
    with Store.open(tmp_path / "data", now=MORNING) as store:

        @settings(
            max_examples=250,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        # Mostly CSV-like text (some of it a valid import), some plain bytes.
        @given(st.one_of(st.binary(max_size=200), _csv_like(), _csv_like(), _csv_like()))
        def import_once(content: bytes) -> None:
            path = write(tmp_path, content)
            before = store_rows(store)
            try:
                plan = import_cards_csv(store, path, MORNING)
            except ImportFileError as error:
                refused: ImportFileError | None = error
            else:
                refused = None
            after = store_rows(store)
            if refused is not None:
                assert str(refused).startswith(str(path))
                assert after == before
                return
            assert len(after["cards"]) == len(before["cards"]) + len(plan.new)
            assert plan.new or plan.updated or plan.unchanged
            for _, card in plan.new:
                assert store.card(card.id).front == card.front
            for _, edit in plan.updated:
                assert store.card(edit.content.id).back == edit.content.back

        import_once()
