"""An Anki field's HTML as the plain text a card here shows, and cloze notes made readable.

Paragraphs, line breaks and list items become lines; pictures and sounds are named where they
stood (``[picture: heart.png]``, ``[sound: beat.mp3]``), never copied; scripts and styles are
left out; entities become their characters. A cloze deletion (``{{c1::answer::hint}}``) reads on
the front as its hint in brackets, or ``[…]``, and on the back as its answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_BLOCKS = {
    "address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre",
    "section", "table", "tr", "ul",
}  # fmt: skip
_HIDDEN = {"script", "style", "head", "title", "template"}
_SOUND = re.compile(r"\[sound:([^\]]*)\]")
_CLOZE_START = re.compile(r"\{\{c\d+::")
BLANK = "[…]"
_BREAK = "\x01"  # a block's edge: a line break unless one is already there


@dataclass
class FieldText:
    """A field as text, and the pictures and sounds it named."""

    text: str
    media: list[str] = field(default_factory=list)


def field_text(html: str) -> FieldText:
    """The readable text of one field's HTML."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    text = _SOUND.sub(lambda match: _named(reader.media, "sound", match.group(1)), reader.text())
    return FieldText(_tidy(text), reader.media)


def plain_field_text(text: str) -> FieldText:
    """A field exported without HTML: only its sounds are named."""
    media: list[str] = []
    return FieldText(_tidy(_SOUND.sub(lambda m: _named(media, "sound", m.group(1)), text)), media)


def has_cloze(text: str) -> bool:
    return _CLOZE_START.search(text) is not None


def cloze_front(text: str) -> str:
    """The cloze text with every deletion hidden: its hint in brackets, else ``[…]``."""
    return "".join(
        part if isinstance(part, str) else (f"[{part.hint}]" if part.hint else BLANK)
        for part in _cloze_parts(text)
    )


def cloze_back(text: str) -> str:
    """The cloze text with every deletion shown."""
    return "".join(part if isinstance(part, str) else part.answer for part in _cloze_parts(text))


@dataclass(frozen=True)
class _Deletion:
    answer: str
    hint: str


def _cloze_parts(text: str) -> list[str | _Deletion]:
    """The text split into plain runs and top-level deletions; a nested deletion reads as its
    answer inside the one around it, and an unclosed one as the text it holds."""
    parts: list[str | _Deletion] = []
    position = 0
    while (start := _CLOZE_START.search(text, position)) is not None:
        end = _closing(text, start.end())
        if end is None:
            break
        parts.append(text[position : start.start()])
        inner = text[start.end() : end]
        split = _top_level_separator(inner)
        answer, hint = (inner, "") if split is None else (inner[:split], inner[split + 2 :])
        parts.append(_Deletion(cloze_back(answer), hint.strip()))
        position = end + 2
    parts.append(text[position:])
    return parts


def _closing(text: str, position: int) -> int | None:
    depth = 0
    while position < len(text):
        if _CLOZE_START.match(text, position):
            depth += 1
            position = text.index("::", position) + 2
        elif text.startswith("}}", position):
            if depth == 0:
                return position
            depth -= 1
            position += 2
        else:
            position += 1
    return None


def _top_level_separator(inner: str) -> int | None:
    depth = 0
    position = 0
    while position < len(inner):
        if _CLOZE_START.match(inner, position):
            depth += 1
            position = inner.index("::", position) + 2
        elif inner.startswith("}}", position):
            depth -= 1
            position += 2
        elif depth == 0 and inner.startswith("::", position):
            return position
        else:
            position += 1
    return None


def _named(media: list[str], what: str, name: str) -> str:
    name = name.strip()
    if name and name not in media:
        media.append(name)
    return f"[{what}: {name}]"


def _tidy(text: str) -> str:
    lines = [" ".join(line.replace("\xa0", " ").split()) for line in text.split("\n")]
    # At most one empty line between paragraphs, none at either end.
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.media: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append(_BREAK)
            if tag == "li":
                self.parts.append("• ")
        elif tag == "img":
            source = dict(attrs).get("src") or ""
            self.parts.append(_named(self.media, "picture", source) if source else "")
        elif tag in {"td", "th"}:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HIDDEN:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append(_BREAK)

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            # Line breaks in HTML source are spaces; only tags break lines.
            self.parts.append(re.sub(r"[ \t\r\n\x01]+", " ", data))

    def text(self) -> str:
        # Where blocks meet (``</div><div>``) there is one line break, as a browser shows it.
        return re.sub(f"[ ]*{_BREAK}[{_BREAK} ]*", "\n", "".join(self.parts))
