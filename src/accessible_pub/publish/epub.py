"""A read-along book: EPUB 3 with Media Overlays, the format DAISY talking books use.

Every sentence of the easy-read text has an id; a SMIL `<par>` pairs it with its clip in the
easy-read MP3, so a reading app highlights each sentence as it is spoken. Sentence timings
come from the audio assembler, which knows where every sentence starts and ends. When the
audio timed a sentence's words too, each word is a `<span>` with an id and the sentence a
`<seq>` of one `<par>` a word, so the app highlights the word being said; the words' clips
follow one another without a gap, so the audio plays exactly as it does sentence by sentence.

Every XML file is built as an ElementTree and serialised by it, so text and attributes taken
from a post (its title, language, links) are always escaped: a post cannot add markup.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from ..config import source_date
from ..content.language import is_language_tag
from ..easyread.document import LINK
from ..model import EasyHeading, EasyRead, Idea, Post
from ..text import timestamp
from .zips import add_to_zip

ACTIVE_CLASS = "-epub-media-overlay-active"
ACCESSIBILITY_SUMMARY = (
    "Easy read text with a picture beside each idea. "
    "Every sentence is read aloud and highlighted as it is spoken."
)

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
SMIL = "http://www.w3.org/ns/SMIL"
OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_SAFE_LINK = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)

_CSS = """body { font-family: sans-serif; font-size: 1.2em; line-height: 1.5; margin: 1em; }
h1, h2 { line-height: 1.25; }
.idea { display: flex; gap: 1em; align-items: flex-start; margin-bottom: 1.2em; }
.idea img { width: 5em; height: 5em; flex: 0 0 5em; }
.idea p { margin: 0 0 0.4em; }
.explain { border: 2px solid #000; border-radius: 6px; padding: 0.2em 0.5em; }
a { color: #0b3d91; text-decoration: underline; }
.-epub-media-overlay-active { background: #ffdd00; color: #000; text-decoration: underline; }
"""


@dataclass(frozen=True, kw_only=True)
class Clip:
    start: float
    end: float
    # (printed word, start, end) for each word of the sentence as the audio says it; none: the
    # sentence is highlighted as a whole
    words: tuple[tuple[str, float, float], ...] = ()


def language_tag(value: str) -> str:
    """`value` when it is a well-formed language tag, else "en" (the voice's language). The
    loaders check `lang` when a post is read; this is the book's own guard, with the same check."""
    return value if is_language_tag(value or "") else "en"


def _serialise(root: ET.Element, *, doctype: bool = False, indent: bool = True) -> str:
    """`indent=False`: the tree was laid out already (ElementTree's indent would put line breaks
    between the word spans of a sentence, and one before a comma is a space on the page)."""
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' + ("<!DOCTYPE html>\n" if doctype else "")
    if indent:
        ET.indent(root, space="")  # one element a line: readable, and a diff shows what changed
    return head + ET.tostring(root, encoding="unicode") + "\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child element; in attribute names `__` stands for ':' and `_` for '-' (epub__type,
    aria_label, media_type)."""
    names = {k: k.replace("__", ":").replace("_", "-") for k in attributes}
    element = ET.SubElement(parent, tag, {names[k]: v for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _xhtml_page(lang: str, title: str) -> tuple[ET.Element, ET.Element]:
    """An empty XHTML page and its <body>. Namespaces are written as plain attributes so the
    serialiser keeps the prefixes EPUB readers expect (no global namespace registry)."""
    html = ET.Element("html", {"xmlns": XHTML, "xmlns:epub": OPS, "lang": lang, XML_LANG: lang})
    head = _sub(html, "head")
    _sub(head, "meta", charset="UTF-8")
    _sub(head, "title", title)
    return html, head


def _inline(parent: ET.Element, text: str) -> None:
    """Sentence text into `parent`: [words](address) becomes a link when the address is safe,
    **word** becomes bold (a glossary word)."""
    last: ET.Element | None = None

    def add_text(piece: str) -> None:
        for i, part in enumerate(piece.split("**")):
            if i % 2 and part:  # between a pair of ** markers
                nonlocal last
                last = _sub(parent, "strong", part)
            elif part:
                if last is None:
                    parent.text = (parent.text or "") + part
                else:
                    last.tail = (last.tail or "") + part

    pos = 0
    for m in LINK.finditer(text):
        add_text(text[pos : m.start()])
        if _SAFE_LINK.match(m[2]):
            last = _sub(parent, "a", m[1].replace("**", ""), href=m[2])
        else:
            add_text(m[1])
        pos = m.end()
    add_text(text[pos:])


_SPACE = re.compile(r"(\s+)")


def _text_slots(element: ET.Element) -> list[tuple[ET.Element, ET.Element | None]]:
    """Where the text of `element` lies, in reading order: (e, None) is e.text, (c, parent) is
    the tail of c inside parent."""
    slots: list[tuple[ET.Element, ET.Element | None]] = [(element, None)]
    for child in element:
        slots += _text_slots(child)
        slots.append((child, element))
    return slots


def _word_spans(element: ET.Element, sid: str, words: Sequence[str]) -> bool:
    """Wrap each word of a sentence element in a `<span id="{sid}w{k}">`, inside a link or bold
    word where it is one; False (and nothing changed) when its words are not `words`. A word
    that runs across markup ("**agenda**,") is wrapped where its letters are."""
    slots = _text_slots(element)
    texts = [(slot.text if parent is None else slot.tail) or "" for slot, parent in slots]
    runs: list[list[tuple[int, int, int]]] = []  # each word: its pieces (slot, start, end)
    joined = True  # does the next piece continue the word before it?
    for number, text in enumerate(texts):
        at = 0
        for piece in _SPACE.split(text):
            if not piece:
                continue
            if piece.isspace():
                joined = False
            else:
                if joined and runs:
                    runs[-1].append((number, at, at + len(piece)))
                else:
                    runs.append([(number, at, at + len(piece))])
                joined = True
            at += len(piece)
    found = ["".join(texts[n][a:b] for n, a, b in run) for run in runs]
    if found != list(words):
        return False
    wrapped: dict[int, list[tuple[int, int, str]]] = {}
    for k, run in enumerate(runs):
        n, a, b = next(((n, a, b) for n, a, b in run if any(c.isalnum() for c in texts[n][a:b])), run[0])
        wrapped.setdefault(n, []).append((a, b, f"{sid}w{k}"))
    for number in sorted(wrapped, reverse=True):  # from the end: earlier places stay where they are
        slot, parent = slots[number]
        text, pieces = texts[number], wrapped[number]
        spans = []
        for i, (a, b, word_id) in enumerate(pieces):
            span = ET.Element("span", {"id": word_id})
            span.text = text[a:b]
            span.tail = text[b : pieces[i + 1][0]] if i + 1 < len(pieces) else text[b:]
            spans.append(span)
        lead = text[: pieces[0][0]] or None
        if parent is None:  # the element's own text: the spans come before its children
            slot.text = lead
            for i, span in enumerate(spans):
                slot.insert(i, span)
        else:  # a child's tail: the spans come after the child
            slot.tail = lead
            place = list(parent).index(slot) + 1
            for i, span in enumerate(spans):
                parent.insert(place + i, span)
    return True


def _address(url: str) -> str:
    """A web address as people read it: no scheme, no trailing slash."""
    return re.sub(r"^(?:https?://|mailto:)", "", url, flags=re.IGNORECASE).rstrip("/")


def _xhtml(
    post: Post, easy: EasyRead, pictures: dict[str, str], clips: Sequence[Clip] = ()
) -> tuple[str, int, list[tuple[str, str]], set[int]]:
    """The text document, how many sentence ids it holds (in speaking order), its headings, and
    the sentences whose words have ids (from `clips`, one per sentence, when they time words)."""
    count = 0
    headings: list[tuple[str, str]] = []

    def sid() -> str:
        nonlocal count
        count += 1
        return f"s{count}"

    html, head = _xhtml_page(language_tag(post.lang), easy.title)
    _sub(head, "link", rel="stylesheet", type="text/css", href="style.css")
    body = _sub(html, "body")
    section = _sub(
        body,
        "section",
        id="chapter",
        epub__type="bodymatter chapter",
        role="doc-chapter",
        aria_label="Easy read",
    )
    _sub(section, "h1", easy.title, id=sid())
    for block in easy.blocks:
        if isinstance(block, EasyHeading):
            heading_id = sid()
            headings.append((heading_id, block.text))
            _sub(section, "h2", block.text, id=heading_id)
        elif isinstance(block, Idea):
            idea = _sub(section, "div", **{"class": "idea"})  # `class` is a keyword
            if block.picture and block.picture.name in pictures:
                _sub(idea, "img", src=pictures[block.picture.name], alt=block.picture.alt)
            words = _sub(idea, "div")
            holder = _sub(words, "ul") if block.bullets else words
            for sentence in block.sentences:
                _inline(_sub(holder, "li" if block.bullets else "p", id=sid()), sentence)
            if block.explanations:
                explain = _sub(words, "div", **{"class": "explain"})
                for explanation in block.explanations:
                    # the words the audio says (audio/script.py), the hard word in bold
                    line = _sub(explain, "p", "The word ", id=sid())
                    _sub(line, "strong", explanation.word).tail = f" means {explanation.meaning}."
    _links_section(section, easy)
    ET.indent(html, space="")  # laid out before the words are wrapped, which it would change
    worded = set()
    sentences = [e for e in section.iter() if re.fullmatch(r"s\d+", e.get("id") or "")]
    if len(sentences) == len(clips):
        for number, (element, clip) in enumerate(zip(sentences, clips, strict=True), start=1):
            # sentences word by word; a heading, short, is highlighted whole
            if element.tag in ("p", "li") and clip.words:
                if _word_spans(element, f"s{number}", [w for w, _, _ in clip.words]):
                    worded.add(number)
    return _serialise(html, doctype=True, indent=False), count, headings, worded


def _links_section(section: ET.Element, easy: EasyRead) -> None:
    """Each web link again at the end, with its address in plain words, as the easy-read PDF
    has it: someone reading on paper, or in an app that hides links, can still type it."""
    links = [link for link in easy.links if link.href and _SAFE_LINK.match(link.href)]
    if not links:
        return
    _sub(section, "h2", "Web links", id="links")
    listing = _sub(section, "ul")
    for link in dict.fromkeys(links):
        item = _sub(listing, "li")
        item.text = f"{link.text.replace('**', '')}: "
        _sub(item, "a", _address(link.href or ""), href=link.href or "")


def _nav(easy: EasyRead, lang: str, heading_ids: list[tuple[str, str]]) -> str:
    html, _ = _xhtml_page(language_tag(lang), "Contents")
    body = _sub(html, "body")
    nav = _sub(body, "nav", epub__type="toc", id="toc", role="doc-toc")
    _sub(nav, "h1", "Contents")
    entries = _sub(nav, "ol")
    for sid, text in [("s1", easy.title), *heading_ids]:
        _sub(_sub(entries, "li"), "a", text, href=f"text.xhtml#{sid}")
    return _serialise(html, doctype=True)


def _word_clips(clip: Clip) -> list[tuple[int, float, float]]:
    """(word number, begin, end) for each word said, end to end from the sentence's start to
    its end: a word's clip runs to the next word's start, so no pause is skipped."""
    said = [(k, start) for k, (_, start, end) in enumerate(clip.words) if end > start]
    out = []
    for i, (k, start) in enumerate(said):
        begin = clip.start if i == 0 else start
        out.append((k, begin, said[i + 1][1] if i + 1 < len(said) else clip.end))
    return [(k, begin, end) for k, begin, end in out if end > begin]


def _smil(clips: Sequence[Clip], worded: AbstractSet[int] = frozenset()) -> str:
    smil = ET.Element("smil", {"xmlns": SMIL, "xmlns:epub": OPS, "version": "3.0"})
    seq = _sub(
        _sub(smil, "body"),
        "seq",
        id="seq1",
        epub__textref="text.xhtml#chapter",
        epub__type="bodymatter chapter",
    )
    for i, clip in enumerate(clips, start=1):
        if i in worded and (words := _word_clips(clip)):
            sentence = _sub(seq, "seq", id=f"p{i}", epub__textref=f"text.xhtml#s{i}")
            for k, begin, end in words:
                par = _sub(sentence, "par", id=f"p{i}w{k}")
                _sub(par, "text", src=f"text.xhtml#s{i}w{k}")
                _sub(par, "audio", src="audio.mp3", clipBegin=timestamp(begin), clipEnd=timestamp(end))
            continue
        par = _sub(seq, "par", id=f"p{i}")
        _sub(par, "text", src=f"text.xhtml#s{i}")
        _sub(par, "audio", src="audio.mp3", clipBegin=timestamp(clip.start), clipEnd=timestamp(clip.end))
    return _serialise(smil)


# EPUB Accessibility 1.1: the claim, and who made it. The tool makes the claim for what it
# checks on every build (structure, language, alternative text, reading order, contrast of its
# own style sheet); epubcheck and DAISY Ace are run on the shipped books in the tests.
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
CERTIFIED_BY = "accessible-pub"
ACCESSIBILITY_SUMMARY = (
    "Easy read text with a picture beside each idea. Every sentence is read aloud by a "
    "synthetic voice and highlighted as it is spoken."
)


def _opf(post: Post, easy: EasyRead, duration: float, images: list[str], *, narrator: str) -> str:
    lang = language_tag(post.lang)
    identifier = uuid.uuid5(uuid.NAMESPACE_URL, f"accessible-pub:{post.slug}")
    fixed = source_date()  # SOURCE_DATE_EPOCH: the build's one date, when it is set
    if fixed is not None:
        modified = fixed.strftime("%Y-%m-%dT%H:%M:%SZ")
    else:
        modified = f"{post.date.isoformat()}T00:00:00Z" if post.date else "2016-01-01T00:00:00Z"
    package = ET.Element(
        "package", {"xmlns": OPF, "version": "3.0", "unique-identifier": "uid", XML_LANG: lang}
    )
    metadata = _sub(package, "metadata", xmlns__dc=DC)
    _sub(metadata, "dc:identifier", f"urn:uuid:{identifier}", id="uid")
    _sub(metadata, "dc:title", f"{easy.title} (easy read)")
    _sub(metadata, "dc:language", lang)
    if post.author:
        _sub(metadata, "dc:creator", post.author)
    meta = [
        ("dcterms:modified", modified),
        ("media:duration", timestamp(duration)),
        ("media:active-class", ACTIVE_CLASS),
        ("media:narrator", narrator),
        ("schema:accessMode", "textual"),
        ("schema:accessMode", "auditory"),
        ("schema:accessMode", "visual"),
        ("schema:accessModeSufficient", "textual"),
        ("schema:accessModeSufficient", "auditory"),
        ("schema:accessibilityFeature", "synchronizedAudioText"),
        ("schema:accessibilityFeature", "alternativeText"),
        ("schema:accessibilityFeature", "readingOrder"),
        ("schema:accessibilityFeature", "structuralNavigation"),
        ("schema:accessibilityFeature", "tableOfContents"),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", ACCESSIBILITY_SUMMARY),
        ("dcterms:conformsTo", CONFORMS_TO),
        ("a11y:certifiedBy", CERTIFIED_BY),
    ]
    _sub(metadata, "meta", timestamp(duration), property="media:duration", refines="#overlay")
    for prop, value in meta:
        _sub(metadata, "meta", value, property=prop)
    manifest = _sub(package, "manifest")
    items = [
        ("nav", "nav.xhtml", "application/xhtml+xml", {"properties": "nav"}),
        ("text", "text.xhtml", "application/xhtml+xml", {"media_overlay": "overlay"}),
        ("overlay", "overlay.smil", "application/smil+xml", {}),
        ("audio", "audio.mp3", "audio/mpeg", {}),
        ("css", "style.css", "text/css", {}),
        *((f"img{i}", href, "image/svg+xml", {}) for i, href in enumerate(images, 1)),
    ]
    for item_id, href, media_type, extra in items:
        _sub(manifest, "item", id=item_id, href=href, media_type=media_type, **extra)
    _sub(_sub(package, "spine"), "itemref", idref="text")
    return _serialise(package)


_CONTAINER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
    '<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>'
    "</rootfiles>\n</container>\n"
)


def _add(book: zipfile.ZipFile, name: str, data: bytes | str, *, compress: bool = True) -> None:
    add_to_zip(book, name, data, compress=compress)


def read_along_book(
    post: Post,
    easy: EasyRead,
    *,
    mp3: bytes,
    clips: Sequence[Clip],
    duration: float,
    pictures: dict[str, Path],
    narrator: str = "a synthetic voice",  # who reads the audio: the engine and voice
) -> bytes:
    """The EPUB's bytes. `clips` hold one entry per spoken line of the easy-read script."""
    hrefs = {name: f"images/{name}.svg" for name in pictures}
    text, sentence_count, headings, worded = _xhtml(post, easy, hrefs, clips)
    if sentence_count != len(clips):
        raise ValueError(f"{sentence_count} sentences but {len(clips)} audio clips")
    package = _opf(post, easy, duration, [hrefs[n] for n in sorted(hrefs)], narrator=narrator)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        _add(book, "mimetype", "application/epub+zip", compress=False)  # first and stored, by rule
        _add(book, "META-INF/container.xml", _CONTAINER)
        _add(book, "EPUB/package.opf", package)
        _add(book, "EPUB/nav.xhtml", _nav(easy, post.lang, headings))
        _add(book, "EPUB/text.xhtml", text)
        _add(book, "EPUB/overlay.smil", _smil(clips, worded))
        _add(book, "EPUB/style.css", _CSS)
        _add(book, "EPUB/audio.mp3", mp3, compress=False)
        for name in sorted(pictures):
            _add(book, f"EPUB/{hrefs[name]}", pictures[name].read_bytes())
    return out.getvalue()
