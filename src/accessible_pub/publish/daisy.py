"""DAISY 2.02 talking books: the format DAISY players (hardware and apps) open.

A book is one zip: `ncc.html` (the navigation centre: metadata and a link to each heading),
`content.html` (the text, every sentence with an id), a SMIL file per section (the title or a
heading and what follows it: players list and time a book by its SMIL files) with one `<par>` a
sentence, pairing its text with its clip of the MP3 (a player's phrase and sentence navigation),
and the MP3 the bundle already has. The clips are the sentence timings the audio assembler
already knows (the same ones the captions and the read-along book use): no forced alignment.
Clips are contiguous, each sentence with the pause after it, so together they are the whole
MP3 and a player never skips a sound.

Written here rather than with `anemone-daisy-maker` (Apache-2.0, active): anemone takes files
on disk, marker start times in JSON and re-reads our XHTML with BeautifulSoup, and builds its
XML with f-strings; this writer takes the timings we have in memory, builds every document with
ElementTree (post text is never pasted into markup) and gives the same bytes for the same input.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from ..audio.result import Cue
from ..audio.script import Line
from ..text import clock, timestamp  # DAISY clock values: hh:mm:ss.sss, and whole seconds
from .zips import add_to_zip

XHTML_DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
)
SMIL_DOCTYPE = '<!DOCTYPE smil PUBLIC "-//W3C//DTD SMIL 1.0//EN" "http://www.w3.org/TR/REC-smil/SMIL10.dtd">'
XHTML_NS = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NCC, CONTENT, AUDIO = "ncc.html", "content.html", "book.mp3"
_LEAD_S = 0.15  # a clip starts this much before its sentence is heard, within the pause


@dataclass(frozen=True)
class BookInfo:
    """What a DAISY player shows about a book (the NCC's Dublin Core and ncc: metadata)."""

    title: str
    identifier: str  # stable across builds: a player's bookmarks follow it
    language: str
    creator: str
    publisher: str
    date: dt.date | None
    narrator: str
    generator: str


@dataclass(frozen=True)
class Phrase:
    """One spoken line of the book and its clip of the MP3."""

    text: str
    heading: int  # 0 for a sentence; 1 for the title; 2 for a section
    new_paragraph: bool
    begin: float
    end: float


# characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF): a post
# from the web may carry them, and one would make every document of the book unreadable
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def book_identifier(slug: str, which: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'accessible-pub:daisy:{slug}:{which}')}"


def mp3_seconds(mp3: bytes) -> float:
    """The MP3's own length (MPEG frames, as a player counts them)."""
    from mutagen.mp3 import MP3

    info = MP3(io.BytesIO(mp3)).info
    assert info is not None  # MP3() reads the stream info or raises: typed optional for other formats
    return float(info.length)


def phrases(lines: Sequence[Line], cues: Sequence[Cue], *, total_s: float) -> list[Phrase]:
    """The book's phrases: one per spoken line, clips end to end from 0 to `total_s`."""
    if len(lines) != len(cues):
        raise ValueError(f"{len(lines)} lines but {len(cues)} sentence timings")
    if not cues:
        return []
    bounds = [0.0]
    for previous, cue in zip(cues, cues[1:]):
        pause = max(0.0, cue.start - previous.end)
        bounds.append(round(max(bounds[-1], cue.start - min(_LEAD_S, pause / 2)), 3))
    bounds.append(round(max(bounds[-1], total_s), 3))
    out = []
    for index, line in enumerate(lines):
        heading = (1 if index == 0 else 2) if line.chapter is not None else 0
        out.append(
            Phrase(
                text=line.text,
                heading=heading,
                new_paragraph=line.pause_before != "sentence",
                begin=bounds[index],
                end=bounds[index + 1],
            )
        )
    return out


def _npt(seconds: float) -> str:
    return f"npt={seconds:.3f}s"


def _document(root: ET.Element, doctype: str) -> bytes:
    ET.indent(root, space=" ")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        + doctype
        + "\n"
        + ET.tostring(root, encoding="unicode")
        + "\n"
    ).encode("utf-8")


def _html(info: BookInfo, title: str) -> tuple[ET.Element, ET.Element, ET.Element]:
    html = ET.Element("html", {"xmlns": XHTML_NS, "lang": info.language, XML_LANG: info.language})
    head = ET.SubElement(html, "head")
    ET.SubElement(head, "meta", {"http-equiv": "Content-type", "content": "text/html; charset=utf-8"})
    ET.SubElement(head, "title").text = xml_text(title)
    return html, head, ET.SubElement(html, "body")


def content_document(info: BookInfo, book: Sequence[Phrase]) -> bytes:
    """The text: headings and paragraphs; every line a span (or heading) with the id its SMIL
    `<text>` points at."""
    html, _, body = _html(info, info.title)
    paragraph: ET.Element | None = None
    for number, phrase in enumerate(book, start=1):
        if phrase.heading:
            ET.SubElement(body, f"h{phrase.heading}", {"id": f"t{number}"}).text = xml_text(phrase.text)
            paragraph = None
            continue
        if paragraph is None or phrase.new_paragraph:
            paragraph = ET.SubElement(body, "p")
        elif len(paragraph):
            paragraph[-1].tail = " "
        ET.SubElement(paragraph, "span", {"id": f"t{number}", "class": "sentence"}).text = xml_text(
            phrase.text
        )
    return _document(html, XHTML_DOCTYPE)


def sections(book: Sequence[Phrase]) -> list[tuple[int, int]]:
    """(first, last + 1) index of each section: a heading and the sentences after it."""
    starts = [i for i, phrase in enumerate(book) if phrase.heading or i == 0]
    return list(zip(starts, [*starts[1:], len(book)]))


def smil_name(section: int) -> str:
    return f"s{section + 1:03d}.smil"


def smil_document(info: BookInfo, book: Sequence[Phrase], *, first: int, stop: int) -> bytes:
    """One section's SMIL: its sentences in order, each `<par>` a text and its clip."""
    begin, end = book[first].begin, book[stop - 1].end
    smil = ET.Element("smil")
    head = ET.SubElement(smil, "head")
    for name, value in (
        ("dc:format", "Daisy 2.02"),
        ("dc:identifier", info.identifier),
        ("dc:title", xml_text(book[first].text)),
        ("ncc:generator", info.generator),
        ("ncc:totalElapsedTime", timestamp(begin)),
        ("ncc:timeInThisSmil", timestamp(end - begin)),
    ):
        ET.SubElement(head, "meta", {"name": name, "content": xml_text(value)})
    layout = ET.SubElement(head, "layout")
    ET.SubElement(layout, "region", {"id": "txtView"})
    body = ET.SubElement(smil, "body")
    seq = ET.SubElement(body, "seq", {"dur": f"{end - begin:.3f}s"})
    for number in range(first + 1, stop + 1):
        phrase = book[number - 1]
        par = ET.SubElement(seq, "par", {"endsync": "last", "id": f"p{number}"})
        ET.SubElement(par, "text", {"src": f"{CONTENT}#t{number}", "id": f"x{number}"})
        ET.SubElement(
            par,
            "audio",
            {
                "src": AUDIO,
                "clip-begin": _npt(phrase.begin),
                "clip-end": _npt(phrase.end),
                "id": f"a{number}",
            },
        )
    return _document(smil, SMIL_DOCTYPE)


def ncc_document(info: BookInfo, book: Sequence[Phrase], *, files: int) -> bytes:
    """The navigation centre: the first element is the title (class "title"), then a heading
    for each section, each linking to its `<par>` in the SMIL."""
    html, head, body = _html(info, info.title)
    smil_of = {first: smil_name(n) for n, (first, _) in enumerate(sections(book))}
    headings = [(number, p) for number, p in enumerate(book, start=1) if p.heading]
    total = book[-1].end if book else 0.0
    meta = [
        ("dc:title", info.title),
        ("dc:creator", info.creator),
        ("dc:date", info.date.isoformat() if info.date else ""),
        ("dc:format", "Daisy 2.02"),
        ("dc:identifier", info.identifier),
        ("dc:language", info.language),
        ("dc:publisher", info.publisher),
        ("dc:type", "sound"),
        ("ncc:charset", "utf-8"),
        ("ncc:generator", info.generator),
        ("ncc:narrator", info.narrator),
        ("ncc:producedDate", info.date.isoformat() if info.date else ""),
        ("ncc:multimediaType", "audioFullText"),
        ("ncc:setInfo", "1 of 1"),
        ("ncc:depth", str(max((p.heading for _, p in headings), default=1))),
        ("ncc:tocItems", str(len(headings))),
        ("ncc:pageFront", "0"),
        ("ncc:pageNormal", "0"),
        ("ncc:pageSpecial", "0"),
        ("ncc:maxPageNormal", "0"),
        ("ncc:totalTime", clock(total)),
        ("ncc:files", str(files)),
    ]
    for name, value in meta:
        if value:
            attributes = {"name": name, "content": xml_text(value)}
            if name in ("dc:date", "ncc:producedDate"):
                attributes["scheme"] = "yyyy-mm-dd"
            ET.SubElement(head, "meta", attributes)
    for index, (number, phrase) in enumerate(headings):
        attributes = {"id": f"h{number}"}
        if index == 0:
            attributes["class"] = "title"
        element = ET.SubElement(body, f"h{phrase.heading}", attributes)
        ET.SubElement(element, "a", {"href": f"{smil_of[number - 1]}#p{number}"}).text = xml_text(phrase.text)
    return _document(html, XHTML_DOCTYPE)


def _add(archive: zipfile.ZipFile, name: str, data: bytes, *, compress: bool = True) -> None:
    add_to_zip(archive, name, data, compress=compress)


def talking_book(info: BookInfo, lines: Sequence[Line], cues: Sequence[Cue], *, mp3: bytes) -> bytes:
    """The zip of a DAISY 2.02 book: NCC, text, SMIL files and the MP3, at the top of the zip."""
    total = mp3_seconds(mp3)
    if not math.isfinite(total) or total <= 0:
        raise ValueError("the MP3 has no length")
    book = phrases(lines, cues, total_s=total)
    if not book or not book[0].heading:
        raise ValueError("a talking book starts with its title")
    parts = sections(book)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        _add(archive, NCC, ncc_document(info, book, files=3 + len(parts)))
        _add(archive, CONTENT, content_document(info, book))
        for number, (first, stop) in enumerate(parts):
            _add(archive, smil_name(number), smil_document(info, book, first=first, stop=stop))
        _add(archive, AUDIO, mp3, compress=False)
    return out.getvalue()
