#!/usr/bin/env python3
"""The translation catalogues: every message marked in the window and the command line, each
language's ``.po`` (the translator's file) and the ``.mo`` the app reads.

  scripts/translations.py update    # new messages into every .po, gone ones out, then compile
  scripts/translations.py compile   # each .po to its .mo (the .mo files are committed)

Messages are found by reading the code (``_("...")``, ``N_("...")``, ``ngettext("...",
"...", n)``, and ``NC_("context", "...")`` for a word that needs another translation in
another context), so a message is in the catalogue exactly when the code can show it. The .mo is
written here, byte for byte the same for the same .po (sorted, no date), and needs no GNU
gettext; tests/test_translations.py checks both files are up to date.
"""

from __future__ import annotations

import ast
import struct
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (
    ROOT / "imperfect_trainer" / "ui",
    ROOT / "imperfect_trainer" / "cli",
    # The entry started at login carries its name in every language (Name[de]=).
    ROOT / "imperfect_trainer" / "autostart.py",
)
LOCALE = ROOT / "resources" / "locale"
DOMAIN = "imperfect_trainer"
MARKERS = {"_": 1, "N_": 1, "ngettext": 2, "NC_": 2}
# gettext's separator between a message's context and its English text, in the .mo's keys.
CONTEXT = "\x04"
# German, like English, has one form for one and another for every other count.
PLURAL_FORMS = {"de": "nplurals=2; plural=(n != 1);"}


@dataclass
class Message:
    msgid: str
    plural: str | None = None
    places: list[str] = field(default_factory=list)
    translations: list[str] = field(default_factory=list)
    context: str | None = None

    @property
    def key(self) -> str:
        return self.msgid if self.context is None else f"{self.context}{CONTEXT}{self.msgid}"

    @property
    def translated(self) -> bool:
        return bool(self.translations) and all(self.translations)


def extract(sources: Iterable[Path] = SOURCES) -> dict[str, Message]:
    """Every marked message, by its English text, with the places that show it."""
    found: dict[str, Message] = {}
    for source in sources:
        for path in [source] if source.is_file() else sorted(source.rglob("*.py")):
            tree = ast.parse(path.read_text("utf-8"), str(path))
            for node in ast.walk(tree):
                texts = marked_texts(node)
                if texts is None:
                    continue
                place = str(path.relative_to(ROOT))
                msgid, plural, context = texts
                new = Message(msgid, plural, context=context)
                message = found.setdefault(new.key, new)
                if place not in message.places:
                    message.places.append(place)
    return dict(sorted(found.items()))


def marked_texts(node: ast.AST) -> tuple[str, str | None, str | None] | None:
    """The English text, plural and context of a marker call, or None for any other node."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        return None
    count = MARKERS.get(node.func.id)
    if count is None:
        return None
    texts = [
        arg.value
        for arg in node.args[:count]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
    ]
    if node.func.id == "_" and node.args and not isinstance(node.args[0], ast.Constant):
        return None  # _(CONSTANT): a text marked with N_ where it is written
    if len(texts) != count:
        raise SystemExit(f"line {node.lineno}: {node.func.id}() takes literal text only")
    if node.func.id == "NC_":
        return texts[1], None, texts[0]
    return texts[0], texts[1] if count == 2 else None, None


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    lines = escaped.split("\n")
    if len(lines) == 1:
        return f'"{escaped}"'
    parts = [f'"{line}\\n"' for line in lines[:-1]] + ([f'"{lines[-1]}"'] if lines[-1] else [])
    return '""\n' + "\n".join(parts)


def _unquote(text: str) -> str:
    out, chars = [], iter(text[1:-1])
    for char in chars:
        if char == "\\":
            escaped = next(chars)
            out.append({"n": "\n", "t": "\t"}.get(escaped, escaped))
        else:
            out.append(char)
    return "".join(out)


def read_po(path: Path) -> dict[str, Message]:
    """A .po's messages by their key, the English text (the header entry left out)."""
    messages: dict[str, Message] = {}
    current: dict[str, str] = {}
    key = ""

    def finish() -> None:
        if current.get("msgid"):
            plural = current.get("msgid_plural")
            forms = sorted(k for k in current if k.startswith("msgstr"))
            message = Message(
                current["msgid"], plural, [], [current[k] for k in forms], current.get("msgctxt")
            )
            messages[message.key] = message
        current.clear()

    for line in [*path.read_text("utf-8").splitlines(), ""]:
        line = line.strip()
        if not line:
            finish()
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[key] += _unquote(line)
        else:
            key, _, value = line.partition(" ")
            current[key] = _unquote(value)
    return messages


def write_po(path: Path, language: str, messages: dict[str, Message]) -> None:
    lines = [
        "# Imperfect Trainer's messages. Written by scripts/translations.py update: translate",
        "# the msgstr lines only; the deck's cards are not here (they stay English).",
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        f'"Language: {language}\\n"',
        f'"Plural-Forms: {PLURAL_FORMS[language]}\\n"',
        "",
    ]
    for message in messages.values():
        lines += [f"#: {place}" for place in message.places]
        if message.context is not None:
            lines.append(f"msgctxt {_quote(message.context)}")
        lines.append(f"msgid {_quote(message.msgid)}")
        if message.plural is None:
            lines.append(
                f"msgstr {_quote(message.translations[0] if message.translations else '')}"
            )
        else:
            lines.append(f"msgid_plural {_quote(message.plural)}")
            forms = message.translations or ["", ""]
            lines += [f"msgstr[{index}] {_quote(form)}" for index, form in enumerate(forms)]
        lines.append("")
    path.write_text("\n".join(lines), "utf-8")


def header(language: str) -> str:
    return (
        "Content-Type: text/plain; charset=UTF-8\n"
        f"Language: {language}\n"
        f"Plural-Forms: {PLURAL_FORMS[language]}\n"
    )


def compile_mo(language: str, messages: dict[str, Message]) -> bytes:
    """The GNU .mo of the translated messages (untranslated ones fall back to English)."""
    pairs = {"": header(language)}
    for message in messages.values():
        if not message.translated:
            continue
        if message.plural is None:
            pairs[message.key] = message.translations[0]
        else:
            pairs[f"{message.key}\0{message.plural}"] = "\0".join(message.translations)
    keys = sorted(pairs)
    ids = [key.encode("utf-8") for key in keys]
    strs = [pairs[key].encode("utf-8") for key in keys]
    start = 7 * 4 + 16 * len(keys)
    id_table, str_table, blob = [], [], b""
    for data in ids:
        id_table += [len(data), start + len(blob)]
        blob += data + b"\0"
    for data in strs:
        str_table += [len(data), start + len(blob)]
        blob += data + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, len(keys), 28, 28 + 8 * len(keys), 0, 0)
    return head + struct.pack(f"<{4 * len(keys)}I", *id_table, *str_table) + blob


def languages() -> list[str]:
    return sorted(PLURAL_FORMS)


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def merged(language: str) -> dict[str, Message]:
    """The code's messages, each with the translation the .po already holds."""
    old = read_po(po_path(language)) if po_path(language).exists() else {}
    messages = extract()
    for msgid, message in messages.items():
        if msgid in old and old[msgid].plural == message.plural:
            message.translations = old[msgid].translations
    return messages


def main(argv: list[str]) -> int:
    if argv not in (["update"], ["compile"]):
        print(__doc__, file=sys.stderr)
        return 2
    for language in languages():
        path = po_path(language)
        if argv == ["update"]:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_po(path, language, merged(language))
        messages = read_po(path)
        path.with_suffix(".mo").write_bytes(compile_mo(language, messages))
        done = sum(message.translated for message in messages.values())
        print(f"{language}: {done} of {len(messages)} messages translated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
