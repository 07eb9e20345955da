"""A read-along book: EPUB 3 with Media Overlays, the format DAISY talking books use.

Every sentence of the easy-read text has an id; a SMIL `<par>` pairs it with its clip in the
easy-read MP3, so a reading app highlights each sentence as it is spoken. Sentence timings
come from the audio assembler, which knows where every sentence starts and ends.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from ..audio.assemble import timestamp
from ..easyread.document import explanation_sentence, plain_sentence
from ..model import EasyHeading, EasyRead, Idea, Post

ACTIVE_CLASS = "-epub-media-overlay-active"
_FIXED_TIME = (2016, 1, 1, 0, 0, 0)  # the same input always gives the same bytes

_CSS = """body { font-family: sans-serif; font-size: 1.2em; line-height: 1.5; margin: 1em; }
h1, h2 { line-height: 1.25; }
.idea { display: flex; gap: 1em; align-items: flex-start; margin-bottom: 1.2em; }
.idea img { width: 5em; height: 5em; flex: 0 0 5em; }
.idea p { margin: 0 0 0.4em; }
.explain { border: 2px solid #000; border-radius: 6px; padding: 0.2em 0.5em; }
.-epub-media-overlay-active { background: #ffdd00; color: #000; }
"""


@dataclass(frozen=True)
class Clip:
    start: float
    end: float


def _xhtml(post: Post, easy: EasyRead, pictures: dict[str, str]) -> tuple[str, int, list[tuple[str, str]]]:
    """The text document, how many sentence ids it holds (in speaking order), and its headings."""
    count = 0
    headings: list[tuple[str, str]] = []

    def sid() -> str:
        nonlocal count
        count += 1
        return f"s{count}"

    body: list[Markup] = [Markup('<h1 id="{}">{}</h1>').format(sid(), easy.title)]
    for block in easy.blocks:
        if isinstance(block, EasyHeading):
            heading_id = sid()
            headings.append((heading_id, block.text))
            body.append(Markup('<h2 id="{}">{}</h2>').format(heading_id, block.text))
        elif isinstance(block, Idea):
            image = Markup("")
            if block.picture and block.picture.name in pictures:
                image = Markup('<img src="{}" alt="{}"/>').format(
                    pictures[block.picture.name], block.picture.alt
                )
            tag = "li" if block.bullets else "p"
            lines = Markup("").join(
                Markup('<{0} id="{1}">{2}</{0}>').format(tag, sid(), plain_sentence(s))
                for s in block.sentences
            )
            if block.bullets:
                lines = Markup("<ul>{}</ul>").format(lines)
            explain = Markup("").join(
                Markup('<p id="{}">{}</p>').format(sid(), plain_sentence(explanation_sentence(e)))
                for e in block.explanations
            )
            if explain:
                explain = Markup('<div class="explain">{}</div>').format(explain)
            body.append(Markup('<div class="idea">{}<div>{}{}</div></div>').format(image, lines, explain))
    document = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
        f'lang="{post.lang}" xml:lang="{post.lang}">\n<head>\n<meta charset="UTF-8"/>\n'
        f"<title>{escape(easy.title)}</title>\n"
        '<link rel="stylesheet" type="text/css" href="style.css"/>\n</head>\n'
        '<body>\n<section id="chapter" epub:type="bodymatter chapter" role="doc-chapter" aria-label="Easy read">\n'
        + "\n".join(body)
        + "\n</section>\n</body>\n</html>\n"
    )
    return document, count, headings


def _nav(easy: EasyRead, lang: str, heading_ids: list[tuple[str, str]]) -> str:
    entries = f'<li><a href="text.xhtml#s1">{escape(easy.title)}</a></li>' + "".join(
        f'<li><a href="text.xhtml#{sid}">{escape(text)}</a></li>' for sid, text in heading_ids
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
        f'lang="{lang}" xml:lang="{lang}">\n<head>\n<meta charset="UTF-8"/>\n<title>Contents</title>\n</head>\n'
        f'<body>\n<nav epub:type="toc" id="toc" role="doc-toc">\n<h1>Contents</h1>\n<ol>{entries}</ol>\n'
        "</nav>\n</body>\n</html>\n"
    )


def _smil(clips: Sequence[Clip]) -> str:
    pars = "\n".join(
        f'<par id="p{i}"><text src="text.xhtml#s{i}"/>'
        f'<audio src="audio.mp3" clipBegin="{timestamp(c.start)}" clipEnd="{timestamp(c.end)}"/></par>'
        for i, c in enumerate(clips, start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops" version="3.0">\n'
        '<body>\n<seq id="seq1" epub:textref="text.xhtml#chapter" epub:type="bodymatter chapter">\n'
        f"{pars}\n</seq>\n</body>\n</smil>\n"
    )


def _opf(post: Post, easy: EasyRead, duration: float, images: list[str]) -> str:
    identifier = uuid.uuid5(uuid.NAMESPACE_URL, f"accessible-pub:{post.slug}")
    modified = f"{post.date.isoformat()}T00:00:00Z" if post.date else "2016-01-01T00:00:00Z"
    creator = f"<dc:creator>{escape(post.author)}</dc:creator>" if post.author else ""
    image_items = "\n".join(
        f'<item id="img{i}" href="{href}" media-type="image/svg+xml"/>' for i, href in enumerate(images, 1)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="{post.lang}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="uid">urn:uuid:{identifier}</dc:identifier>
<dc:title>{escape(easy.title)} (easy read)</dc:title>
<dc:language>{post.lang}</dc:language>
{creator}
<meta property="dcterms:modified">{modified}</meta>
<meta property="media:duration" refines="#overlay">{timestamp(duration)}</meta>
<meta property="media:duration">{timestamp(duration)}</meta>
<meta property="media:active-class">{ACTIVE_CLASS}</meta>
<meta property="schema:accessMode">textual</meta>
<meta property="schema:accessMode">auditory</meta>
<meta property="schema:accessMode">visual</meta>
<meta property="schema:accessModeSufficient">textual</meta>
<meta property="schema:accessModeSufficient">auditory</meta>
<meta property="schema:accessibilityFeature">synchronizedAudioText</meta>
<meta property="schema:accessibilityFeature">alternativeText</meta>
<meta property="schema:accessibilityFeature">readingOrder</meta>
<meta property="schema:accessibilityFeature">tableOfContents</meta>
<meta property="schema:accessibilityHazard">none</meta>
<meta property="schema:accessibilitySummary">Easy read text with a picture beside each idea. Every sentence is read aloud and highlighted as it is spoken.</meta>
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="text" href="text.xhtml" media-type="application/xhtml+xml" media-overlay="overlay"/>
<item id="overlay" href="overlay.smil" media-type="application/smil+xml"/>
<item id="audio" href="audio.mp3" media-type="audio/mpeg"/>
<item id="css" href="style.css" media-type="text/css"/>
{image_items}
</manifest>
<spine>
<itemref idref="text"/>
</spine>
</package>
"""


def _add(book: zipfile.ZipFile, name: str, data: bytes | str, *, compress: bool = True) -> None:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    book.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


def read_along_book(
    post: Post,
    easy: EasyRead,
    *,
    mp3: bytes,
    clips: Sequence[Clip],
    duration: float,
    pictures: dict[str, Path],
) -> bytes:
    """The EPUB's bytes. `clips` hold one entry per spoken line of the easy-read script."""
    hrefs = {name: f"images/{name}.svg" for name in pictures}
    text, sentence_count, headings = _xhtml(post, easy, hrefs)
    if sentence_count != len(clips):
        raise ValueError(f"{sentence_count} sentences but {len(clips)} audio clips")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        _add(book, "mimetype", "application/epub+zip", compress=False)  # first and stored, by rule
        _add(
            book,
            "META-INF/container.xml",
            (
                '<?xml version="1.0" encoding="UTF-8"?>\n'
                '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
                '<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>'
                "</rootfiles>\n</container>\n"
            ),
        )
        _add(book, "EPUB/package.opf", _opf(post, easy, duration, [hrefs[n] for n in sorted(hrefs)]))
        _add(book, "EPUB/nav.xhtml", _nav(easy, post.lang, headings))
        _add(book, "EPUB/text.xhtml", text)
        _add(book, "EPUB/overlay.smil", _smil(clips))
        _add(book, "EPUB/style.css", _CSS)
        _add(book, "EPUB/audio.mp3", mp3, compress=False)
        for name in sorted(pictures):
            _add(book, f"EPUB/{hrefs[name]}", pictures[name].read_bytes())
    return out.getvalue()
