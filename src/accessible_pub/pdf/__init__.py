"""Large-print and easy-read PDFs: Jinja2 templates + style sheets (`styles`), rendered by WeasyPrint.

HTML is built from escaped text only (autoescaping templates), rendered as tagged PDF/UA-1
with an embedded low-vision font, through a fetcher that cannot leave the allowed folders.
WeasyPrint only *logs* accessibility errors (missing alt, missing language, skipped heading
level) and still claims PDF/UA; here any logged error fails the render.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..cache import BlobCache, fingerprint, package_version
from ..config import PdfSettings
from ..errors import RenderError
from ..model import BulletList, Caption, EasyHeading, EasyRead, Heading, Idea, Post, Span, caption_sentence
from ..easyread.pictures import svg_dir
from ..styles import sheet
from ..text import link_words
from .fonts import font_dir, font_face_css
from .postprocess import mark_page_furniture_as_artifacts
from .qr import listen_box

BACKGROUND = {"black-on-white": "#ffffff", "black-on-cream": "#fdf6d8"}
PAPER = {"A4": "A4", "Letter": "letter"}
_HYPHENATED = re.compile(r"\S+-\S+")


@dataclass(frozen=True)
class PdfResult:
    data: bytes
    pages: int
    warnings: tuple[str, ...] = ()
    smallest_pt: float = 0.0  # the smallest text in the PDF, measured (not what the CSS asked for)


def smallest_text_pt(data: bytes) -> float:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        sizes = [float(c["size"]) for page in pdf.pages for c in page.chars if c["text"].strip()]
    return round(min(sizes), 2) if sizes else 0.0


def _nobreak(text: str) -> Markup:
    """Escape text; keep words with their own hyphen ('co-production') whole at line ends."""
    out = []
    pos = 0
    for m in _HYPHENATED.finditer(text):
        out.append(escape(text[pos : m.start()]))
        out.append(Markup('<span class="nobreak">') + escape(m[0]) + Markup("</span>"))
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _address(url: str) -> str:
    """A web address as people say it: no scheme, no trailing slash."""
    return re.sub(r"^https?://", "", url).rstrip("/")


def _breakable_address(address: str) -> Markup:
    """A printed web address that wraps only after a '/' or before a '-': a hyphen at the end of
    a line would read as a word broken in two, and be left out when typed."""
    pieces = re.split(r"(?<=/)|(?=-)", address)
    return Markup("<wbr>").join(Markup('<span class="nobreak">{}</span>').format(p) for p in pieces if p)


@cache
def _templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("accessible_pub.pdf", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["address"] = _address
    env.filters["breakable"] = _breakable_address
    return env


class _ErrorCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().splitlines()[0]
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(message)


def _options_css(settings: PdfSettings, body_pt: float) -> str:
    return (
        f"{font_face_css()}\n"
        f"@page {{ size: {PAPER[settings.paper]} portrait; background: {BACKGROUND[settings.colours]}; }}\n"
        f"html {{ font-size: {body_pt:g}pt; background: {BACKGROUND[settings.colours]}; }}\n"
    )


def render_html(
    html: str,
    *,
    stylesheet: Path,
    settings: PdfSettings,
    body_pt: float,
    allowed_roots: list[Path],
    cache: BlobCache | None = None,
) -> PdfResult:
    """Render HTML to a tagged PDF; reuse the cached PDF when the HTML, style and options are the same."""
    if not stylesheet.is_file():
        raise RenderError(f"style sheet {stylesheet} not found")
    cache = cache or BlobCache(None)
    # the options CSS holds every setting that shapes this PDF (size, paper, colours): a setting
    # for the other PDF (large print vs easy read) must not invalidate this one
    key = fingerprint(
        "pdf",
        html,
        stylesheet.read_bytes(),
        _options_css(settings, body_pt),
        settings.max_resource_bytes,
        [str(r) for r in allowed_roots],
        [package_version(p) for p in PDF_LIBRARIES],
    )
    data, meta = cache.get(key, suffix=".pdf"), cache.get(key, suffix=".json")
    if data is not None and meta is not None:
        facts = json.loads(meta)
        return PdfResult(
            data=data,
            pages=facts["pages"],
            warnings=tuple(facts["warnings"]),
            smallest_pt=facts.get("smallest_pt", 0.0),
        )
    result = _render_now(
        html, stylesheet=stylesheet, settings=settings, body_pt=body_pt, allowed_roots=allowed_roots
    )
    cache.put(key, result.data, suffix=".pdf")
    facts = {"pages": result.pages, "warnings": list(result.warnings), "smallest_pt": result.smallest_pt}
    cache.put(key, json.dumps(facts).encode(), suffix=".json")
    return result


RENDERS = [0]  # how many PDFs WeasyPrint really rendered in this process (tests and benchmarks)
# The libraries that make a PDF's bytes: their versions are part of its cache key (and of the
# bundle's inputs, pipeline.shared_inputs), so an upgrade renders again.
PDF_LIBRARIES = ("weasyprint", "pikepdf")
# One render at a time: fontconfig and Pango are not safe across threads, and the error
# collector listens on WeasyPrint's process-wide logger. A render takes a quarter second.
_RENDER_LOCK = threading.Lock()


def _render_now(
    html: str, *, stylesheet: Path, settings: PdfSettings, body_pt: float, allowed_roots: list[Path]
) -> PdfResult:
    from ..errors import STOP, BuildStopped

    with _RENDER_LOCK:
        if STOP.is_set():  # Ctrl-C: the post waits for its PDFs, so a render not begun is skipped
            raise BuildStopped("the build was stopped")
        return _render_locked(
            html, stylesheet=stylesheet, settings=settings, body_pt=body_pt, allowed_roots=allowed_roots
        )


def _render_locked(
    html: str, *, stylesheet: Path, settings: PdfSettings, body_pt: float, allowed_roots: list[Path]
) -> PdfResult:
    import weasyprint

    from .fetcher import SafeFetcher

    RENDERS[0] += 1
    fetcher = SafeFetcher(
        [*allowed_roots, stylesheet.parent, font_dir()], max_bytes=settings.max_resource_bytes
    )
    collector = _ErrorCollector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        fonts = weasyprint.text.fonts.FontConfiguration()
        css = [
            weasyprint.CSS(filename=str(stylesheet), url_fetcher=fetcher, font_config=fonts),
            weasyprint.CSS(string=_options_css(settings, body_pt), url_fetcher=fetcher, font_config=fonts),
        ]
        document = weasyprint.HTML(string=html, base_url=str(stylesheet.parent), url_fetcher=fetcher).render(
            font_config=fonts, stylesheets=css, pdf_variant="pdf/ua-1", pdf_tags=True
        )
        data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    except RenderError:
        raise
    except Exception as exc:  # WeasyPrint, Pango and fontTools raise many types
        raise RenderError(f"WeasyPrint could not render the PDF ({type(exc).__name__}: {exc})") from exc
    finally:
        logger.removeHandler(collector)
    accessibility_errors = [e for e in collector.errors if "refused to load" not in e]
    if accessibility_errors:
        raise RenderError("PDF has accessibility errors: " + "; ".join(accessibility_errors[:3]))
    data, _ = mark_page_furniture_as_artifacts(data)
    warnings = tuple(f"refused to load {r}" for r in fetcher.refused)
    return PdfResult(
        data=data, pages=len(document.pages), warnings=warnings, smallest_pt=smallest_text_pt(data)
    )


def _heading_levels(post: Post) -> list[dict[str, Any]]:
    """Blocks for the template, with heading levels that never skip (h1 is the title)."""
    blocks: list[dict[str, Any]] = []
    previous = 1
    for block in post.blocks:
        if isinstance(block, Heading):
            level = min(block.level, previous + 1, 6)
            previous = level
            blocks.append({"kind": "heading", "level": level, "text": _nobreak(block.text)})
        elif isinstance(block, BulletList):
            items = [[_span(s) for s in item] for item in block.items]
            blocks.append({"kind": "list", "ordered": block.ordered, "entries": items})
        elif isinstance(block, Caption):  # where the picture was: the caption, said as one
            spans = [Span(caption_sentence(block))]
            blocks.append({"kind": "paragraph", "spans": [_span(s) for s in spans]})
        else:
            blocks.append({"kind": "paragraph", "spans": [_span(s) for s in block.spans]})
    return blocks


def _span(span: Span) -> dict[str, Any]:
    return {"text": _nobreak(span.text), "href": span.href}


def render_large_print(
    post: Post,
    settings: PdfSettings,
    *,
    styles_dir: Path | None,
    content_dir: Path,
    festival: str,
    cache: BlobCache | None = None,
    listen_url: str | None = None,
) -> PdfResult:
    """`listen_url`: the post's page with its audio; the PDF then carries a QR code to it."""
    html = (
        _templates()
        .get_template("large-print.html.j2")
        .render(
            lang=post.lang,
            title=post.title,
            author=post.author,
            author_role=post.author_role,
            date=post.long_date,
            festival=festival,
            description=post.summary or f"Large print version of {post.title}",
            blocks=_heading_levels(post),
            show_addresses=True,
            listen=listen_box(listen_url) if listen_url else None,
        )
    )
    return render_html(
        html,
        stylesheet=sheet("large-print.css", styles_dir),
        settings=settings,
        body_pt=settings.font_size_pt,
        allowed_roots=[content_dir],
        cache=cache,
    )


def _sentence(text: str) -> Markup:
    """An easy-read sentence: link markup becomes the link's words, addresses go to the end."""
    return _nobreak(link_words(text).replace("**", ""))


def render_easy_read(
    easy: EasyRead,
    post: Post,
    settings: PdfSettings,
    *,
    styles_dir: Path | None,
    content_dir: Path,
    festival: str,
    credits: tuple[str, ...] = (),
    cache: BlobCache | None = None,
    listen_url: str | None = None,
) -> PdfResult:
    blocks: list[dict[str, Any]] = []
    for block in easy.blocks:
        if isinstance(block, EasyHeading):
            blocks.append({"kind": "heading", "text": _nobreak(block.text)})
        elif isinstance(block, Idea):
            picture = None
            if block.picture and block.picture.path:
                picture = {"uri": block.picture.path.resolve().as_uri(), "alt": block.picture.alt}
            blocks.append(
                {
                    "kind": "idea",
                    "bullets": block.bullets,
                    "sentences": [_sentence(s) for s in block.sentences],
                    "explanations": [
                        {"word": _nobreak(e.word), "meaning": _nobreak(e.meaning)} for e in block.explanations
                    ],
                    "picture": picture,
                }
            )
    html = (
        _templates()
        .get_template("easy-read.html.j2")
        .render(
            lang=post.lang,
            title=easy.title,
            author=post.author,
            festival=festival,
            blocks=blocks,
            links=[{"text": link.text, "href": link.href} for link in easy.links],
            credits=list(credits),
            listen=listen_box(listen_url) if listen_url else None,
        )
    )
    return render_html(
        html,
        stylesheet=sheet("easy-read.css", styles_dir),
        settings=settings,
        body_pt=settings.easy_read_font_size_pt,
        allowed_roots=[content_dir, svg_dir()],
        cache=cache,
    )
