"""Small shared pieces of loading: reading files safely, slugs, dates, bylines."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from ..errors import PostError
from ..model import Inline, Span

MAX_POST_BYTES = 2_000_000  # a festival post is a few KB; anything bigger is a mistake

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_DAY_MONTH_YEAR = re.compile(_WEEKDAY + r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+),?\s+(\d{4})$", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(_WEEKDAY + r"([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$", re.IGNORECASE)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?$")
_SLUG_OK = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def read_text(path: Path, *, max_bytes: int = MAX_POST_BYTES) -> str:
    """A post file's text, or a PostError that says why it cannot be read."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise PostError(
                path,
                f"file is {size // 1000} KB; posts over {max_bytes // 1000} KB are refused "
                "(raise limits.max_post_kb in the settings if it really is one post)",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise PostError(path, f"cannot read file ({exc.strerror or exc})") from exc
    if b"\x00" in data:
        raise PostError(path, "this looks like a binary file, not a post")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PostError(
            path, f"not UTF-8 text (byte {exc.start}); save the file as UTF-8 and build again"
        ) from exc
    if not text.strip():
        raise PostError(path, "the file is empty")
    return text


def parse_date(text: str) -> dt.date | None:
    """Dates as blogs write them: 'Tuesday 21 June 2016', 'June 21, 2016', '2016-06-21'."""
    text = " ".join(text.split()).strip()
    try:
        if m := _ISO.match(text):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DAY_MONTH_YEAR.match(text):
            month = _MONTHS.get(m[2].lower())
            return dt.date(int(m[3]), month, int(m[1])) if month else None
        if m := _MONTH_DAY_YEAR.match(text):
            month = _MONTHS.get(m[1].lower())
            return dt.date(int(m[3]), month, int(m[2])) if month else None
    except ValueError:  # 31 February and friends
        return None
    return None


def date_from_filename(path: Path) -> dt.date | None:
    m = re.match(r"(\d{4}-\d{2}-\d{2})", path.name)
    return parse_date(m[1]) if m else None


def slugify(text: str) -> str:
    """ASCII slug for file names: 'Co-production is personal' -> 'co-production-is-personal'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:80].rstrip("-")


def checked_slug(path: Path, slug: str) -> str:
    """A slug given by an author must be safe as a folder name, never a path."""
    if not _SLUG_OK.match(slug) or len(slug) > 80:
        raise PostError(
            path,
            f"slug {slug!r} is not allowed: use lower-case letters, digits and single hyphens "
            "(no '/', '..' or spaces)",
        )
    return slug


def slug_for(path: Path, title: str) -> str:
    slug = slugify(title) or slugify(path.stem)
    if not slug:
        raise PostError(path, "cannot make a file name from the title; add a 'slug:' to the front matter")
    return slug


_BYLINE = re.compile(r"^by\s+(?P<name>[^,]+?)(?:\s*,\s*(?P<role>.+))?$", re.IGNORECASE)


def parse_byline(line: str) -> tuple[str, str | None] | None:
    """'By Pamela Fisher, Senior Research Fellow, University of Leeds' -> (name, role)."""
    m = _BYLINE.match(" ".join(line.split()))
    if not m or len(m["name"].split()) > 6:
        return None
    return m["name"].strip(), (m["role"].strip() if m["role"] else None)


def clean_inline(text: str) -> str:
    """Collapse runs of white space (scraped text is full of double spaces)."""
    return " ".join(text.split())


def normalise_spans(spans: list[Span]) -> Inline:
    """Join neighbouring spans with the same link and fold white space across them."""
    out: list[Span] = []
    for span in spans:
        text = re.sub(r"\s+", " ", span.text)
        if out and out[-1].text.endswith(" ") and text.startswith(" "):
            text = text[1:]
        if not text:
            continue
        if out and out[-1].href == span.href:
            out[-1] = Span(out[-1].text + text, span.href)
        else:
            out.append(Span(text, span.href))
    if out:
        out[0] = Span(out[0].text.lstrip(), out[0].href)
        out[-1] = Span(out[-1].text.rstrip(), out[-1].href)
    return tuple(s for s in out if s.text)


_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\"']+[^\s<>()\"'.,;:!?]", re.IGNORECASE)


def spans_from_text(text: str) -> Inline:
    """Plain text with bare URLs turned into link spans."""
    spans: list[Span] = []
    pos = 0
    for m in _URL.finditer(text):
        spans.append(Span(text[pos : m.start()]))
        url = m[0] if m[0].lower().startswith("http") else "https://" + m[0]
        spans.append(Span(m[0], url))
        pos = m.end()
    spans.append(Span(text[pos:]))
    return normalise_spans(spans)
