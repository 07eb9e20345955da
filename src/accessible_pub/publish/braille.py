"""Braille-ready files (BRF): Unified English Braille from liblouis, laid out for embossers and
braille displays the way UK transcription services lay out a leaflet.

liblouis is Debian's `liblouis-bin` (`lou_translate`); there is no maintained PyPI build, and the
ctypes bindings (`python3-louis`) live in Debian's own Python path, out of a venv's sight, so it
runs as one subprocess per file. Without it, no BRF is made and the build says why.

Layout (UKAAF / RNIB Braillists' Manual conventions): 40 cells by 25 lines; line 1 of every page
holds the braille page number at the right; the title and section headings are centred with a
blank line before and after (at least two lines of text follow a heading on its page); smaller
headings start in cell 5; paragraphs start in cell 3 and run over to cell 1; list items (and the
easy read's one-sentence lines) start in cell 1 and run over to cell 3. Words are never divided.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..easyread.document import explanation_sentence, plain_sentence
from ..model import BulletList, EasyHeading, EasyRead, Heading, Idea, Post, plain

CELLS = 40  # a line: the common embosser and display width
LINES = 25  # a page, with the page number line
TABLES = {1: "en-ueb-g1.ctb", 2: "en-ueb-g2.ctb"}
DISPLAY = "en-us-brf.dis"  # North American braille ASCII: the BRF character set
_TIMEOUT_S = 60

Kind = Literal["title", "heading", "subheading", "paragraph", "line", "item"]


@dataclass(frozen=True)
class BrailleBlock:
    """One block of print text and how braille readers expect it laid out."""

    kind: Kind
    text: str
    gap_before: bool = False  # a blank line before it (a new idea in easy read, a list)


class BrailleUnavailable(Exception):
    """liblouis cannot run here: the message says how to install it."""


def post_blocks(post: Post) -> list[BrailleBlock]:
    """The whole post: title, byline, date, then its headings, paragraphs and lists."""
    blocks = [BrailleBlock("title", post.title)]
    if post.author:
        blocks.append(
            BrailleBlock("line", f"By {post.author}" + (f", {post.author_role}" if post.author_role else ""))
        )
    if post.long_date:
        blocks.append(BrailleBlock("line", post.long_date))
    previous = 1
    for block in post.blocks:
        if isinstance(block, Heading):
            level = min(block.level, previous + 1)
            previous = level
            blocks.append(BrailleBlock("heading" if level <= 2 else "subheading", block.text))
        elif isinstance(block, BulletList):
            for number, item in enumerate(block.items, start=1):
                text = f"{number}. {plain(item)}" if block.ordered else plain(item)
                blocks.append(BrailleBlock("item", text, gap_before=number == 1))
        else:
            blocks.append(BrailleBlock("paragraph", block.text, gap_before=bool(blocks[-1].kind == "item")))
    if post.links:
        blocks.append(BrailleBlock("heading", "Web links"))
        for number, link in enumerate(post.links):
            address = re.sub(r"^https?://", "", link.href or "").rstrip("/")
            blocks.append(BrailleBlock("item", f"{link.text}: {address}", gap_before=number == 0))
    return blocks


def easy_read_blocks(easy: EasyRead) -> list[BrailleBlock]:
    """The easy read: one sentence a line and a blank line between ideas, as in print."""
    blocks = [BrailleBlock("title", easy.title)]
    for block in easy.blocks:
        if isinstance(block, EasyHeading):
            blocks.append(BrailleBlock("heading", block.text))
        elif isinstance(block, Idea):
            sentences = [plain_sentence(s) for s in block.sentences]
            sentences += [plain_sentence(explanation_sentence(e)) for e in block.explanations]
            for number, sentence in enumerate(sentences):
                blocks.append(BrailleBlock("line", sentence, gap_before=number == 0))
    return blocks


# ---- translation ---------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")


def _printable(text: str) -> str:
    """Text liblouis's English tables know: one line; no emoji, pictographs or control
    characters (liblouis writes an unknown character as an escape like '\\x1f600')."""
    text = unicodedata.normalize("NFKC", text)
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category[0] == "C" or category == "So":
            kept.append(" ")
        elif ord(char) < 0x250 or 0x370 <= ord(char) < 0x400 or category[0] in "PZ" or category == "Sc":
            kept.append(char)
        else:
            kept.append(" ")
    return _SPACE.sub(" ", "".join(kept)).strip()


def lou_translate() -> str:
    path = shutil.which("lou_translate")
    if not path:
        raise BrailleUnavailable(
            "liblouis is not installed, so no braille file was made (apt-get install liblouis-bin)"
        )
    return path


_PIECE = 400  # characters: lou_translate cuts input lines at about 2 KB, even inside a word


def _pieces(text: str) -> list[str]:
    """A text cut at spaces into pieces lou_translate takes whole (a word longer than a piece,
    which no language has, is cut)."""
    pieces: list[str] = []
    current = ""
    for word in text.split(" "):
        while len(word) > _PIECE:
            pieces += [current] if current else []
            pieces.append(word[:_PIECE])
            current, word = "", word[_PIECE:]
        if current and len(current) + 1 + len(word) > _PIECE:
            pieces.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*pieces, current] if current else pieces


def translate(texts: Sequence[str], *, grade: Literal[1, 2], backward: bool = False) -> list[str]:
    """Braille ASCII for each text (one liblouis run for them all), or print text back from it."""
    if not texts:
        return []
    cleaned = [_SPACE.sub(" ", t).strip() for t in texts] if backward else [_printable(t) for t in texts]
    owners: list[int] = []  # which text each input line is a piece of
    lines: list[str] = []
    for number, text in enumerate(cleaned):
        for piece in _pieces(text) or [""]:
            owners.append(number)
            lines.append(piece.replace("\\", "\\\\"))  # lou_translate reads "\x41" as an escape
    command = [lou_translate(), "--backward" if backward else "--forward", f"{DISPLAY},{TABLES[grade]}"]
    try:
        done = subprocess.run(
            command,
            input="\n".join(lines) + "\n",
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=_TIMEOUT_S,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BrailleUnavailable(f"liblouis failed ({exc})") from exc
    out = done.stdout.split("\n")
    if done.returncode != 0 or len(out) != len(lines) + 1 or done.stderr.strip():
        reason = done.stderr.strip().splitlines()[:1] or [f"exit code {done.returncode}"]
        raise BrailleUnavailable(f"liblouis failed ({reason[0]})")
    joined = [""] * len(cleaned)
    for owner, piece in zip(owners, out):
        joined[owner] = f"{joined[owner]} {piece}" if joined[owner] else piece
    return joined


# ---- layout --------------------------------------------------------------------------------

_NUMBER_LETTERS = "JABCDEFGHI"  # braille digits are the letters a-j after the number sign


def page_number(number: int) -> str:
    """A braille page number in braille ASCII: the number sign and the digits as letters a-j."""
    return "#" + "".join(_NUMBER_LETTERS[int(d)] for d in str(number))


def wrap(braille: str, *, first: int, rest: int) -> list[str]:
    """Lines of at most `first` then `rest` cells, broken at spaces; a word longer than a whole
    line (a long web address) is cut where it reaches the edge."""
    lines: list[str] = []
    current = ""
    for word in braille.split():
        width = first if not lines else rest
        if current and len(current) + 1 + len(word) <= width:
            current += " " + word
            continue
        if current:
            lines.append(current)
            current = ""
        width = first if not lines else rest
        while len(word) > width:
            lines.append(word[:width])
            word = word[width:]
            width = rest
        current = word
    if current:
        lines.append(current)
    return lines


@dataclass(frozen=True)
class _Unit:
    lines: tuple[str, ...]
    gap_before: bool
    gap_after: bool
    keep_with_next: bool  # a heading: never alone at the foot of a page


def _unit(kind: Kind, braille: str, gap_before: bool) -> _Unit:
    if kind in ("title", "heading"):
        # centred, at least three blank cells either side
        lines = tuple(" " * ((CELLS - len(line)) // 2) + line for line in wrap(braille, first=34, rest=34))
        return _Unit(lines, gap_before=kind == "heading", gap_after=True, keep_with_next=True)
    if kind == "subheading":
        lines = tuple("    " + line for line in wrap(braille, first=CELLS - 4, rest=CELLS - 4))
        return _Unit(lines, gap_before=True, gap_after=False, keep_with_next=True)
    if kind == "paragraph":
        wrapped = wrap(braille, first=CELLS - 2, rest=CELLS)
        return _Unit(tuple(["  " + wrapped[0], *wrapped[1:]] if wrapped else ()), gap_before, False, False)
    wrapped = wrap(braille, first=CELLS, rest=CELLS - 2)
    return _Unit(tuple(wrapped[:1] + ["  " + line for line in wrapped[1:]]), gap_before, False, False)


def paginate(units: Sequence[_Unit]) -> list[list[str]]:
    """Body lines of each page (24 a page under the page-number line)."""
    body = LINES - 1
    pages: list[list[str]] = []
    page: list[str] = []
    gap_pending = False
    for index, unit in enumerate(units):
        if not unit.lines:
            continue
        if (gap_pending or unit.gap_before) and page:
            if len(page) < body:
                page.append("")
        gap_pending = False
        if unit.keep_with_next and page:
            following = units[index + 1].lines[:2] if index + 1 < len(units) else ()
            need = len(unit.lines) + (1 if unit.gap_after else 0) + len(following)
            if len(page) + need > body and need <= body:
                pages.append(page)
                page = []
        for line in unit.lines:
            if len(page) >= body:
                pages.append(page)
                page = []
            page.append(line)
        gap_pending = unit.gap_after
    if page:
        pages.append(page)
    return [_strip_blank_ends(p) for p in pages]


def _strip_blank_ends(page: list[str]) -> list[str]:
    while page and not page[0].strip():
        page = page[1:]
    while page and not page[-1].strip():
        page = page[:-1]
    return page


def brf(pages: Sequence[Sequence[str]]) -> bytes:
    """The file: CR LF after each line and a form feed after each page, as embossers expect."""
    out = []
    for number, body in enumerate(pages, start=1):
        label = page_number(number)
        lines = [" " * (CELLS - len(label)) + label, *body]
        out.append("".join(line.rstrip() + "\r\n" for line in lines) + "\f")
    return "".join(out).encode("ascii")


_BRF_CHARACTERS = re.compile(r"[^\x20-\x5f]")


def braille_file(blocks: Sequence[BrailleBlock], *, grade: Literal[1, 2]) -> tuple[bytes, int]:
    """The BRF's bytes and its page count. Raises BrailleUnavailable without liblouis."""
    translated = translate([b.text for b in blocks], grade=grade)
    # the display table gives braille ASCII; anything else would be a liblouis surprise
    cells = [_BRF_CHARACTERS.sub("", line.upper()) for line in translated]
    units = [_unit(b.kind, text, b.gap_before) for b, text in zip(blocks, cells, strict=True)]
    pages = paginate(units)
    return brf(pages), len(pages)


def read_brf(data: bytes) -> list[list[str]]:
    """The body lines of each page of a BRF (page-number lines dropped): for tests and checks."""
    pages = data.decode("ascii").split("\f")
    out = []
    for page in pages:
        lines = page.split("\r\n")
        if lines and lines[-1] == "":
            lines = lines[:-1]
        if lines:
            out.append(lines[1:])
    return out
