"""Small shared pieces of loading: reading files safely, slugs, dates, bylines."""

from __future__ import annotations

import codecs
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import PostError
from ..model import Block, BulletList, Inline, Paragraph, Span, plain
from ..text import MONTHS

MAX_POST_BYTES = 2_000_000  # a festival post is a few KB; anything bigger is a mistake

# a month by its name or its usual short forms ("sept" too)
_MONTHS = {form: i for i, name in enumerate(MONTHS, start=1) for form in (name.lower(), name[:3].lower())}
_MONTHS["sept"] = 9
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
        raise PostError(
            path, f"cannot read file ({exc.strerror or exc}); check that it is a file you may read"
        ) from exc
    text = _decode(path, data)
    if not text.strip():
        raise PostError(path, "the file is empty; write the post in it, or delete it")
    return text


def _decode(path: Path, data: bytes) -> str:
    # Word and Notepad save "Unicode" as UTF-16 with a byte-order mark: that is text, not binary.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise PostError(
                path, "not UTF-8 text (it starts like UTF-16 text but is damaged); save the file as UTF-8"
            ) from exc
    if b"\x00" in data:
        raise PostError(path, "this looks like a binary file, not a post (save posts as UTF-8 text)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PostError(
            path, f"not UTF-8 text (byte {exc.start}); save the file as UTF-8 and build again"
        ) from exc


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


@dataclass(frozen=True)
class Byline:
    authors: tuple[str, ...]
    role: str | None = None


_BY = re.compile(r"^(?:written\s+)?by[:\s]\s*(?P<rest>.+)$", re.IGNORECASE)
_AND = re.compile(r"\s+(?:and|&)\s+|\s*&\s*", re.IGNORECASE)
_OF = re.compile(r"\s+(?:of|from|at)\s+(?=[A-Z])")
# Small words that may sit inside a name or an organisation's name ("Mind in Leeds", "Anne de Vries").
_NAME_PARTICLES = {"of", "the", "and", "for", "in", "de", "da", "du", "van", "von", "der", "le", "la", "bin"}
_NOT_NAMES = {
    *_MONTHS,
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "then",
    "now",
    "lunchtime",
    "noon",
    "midday",
    "midnight",
    "christmas",
    "easter",
    "spring",
    "summer",
    "autumn",
    "winter",
    "tomorrow",
    "today",
    "tonight",
    "far",
    "chance",
    "contrast",
}
_KEEPS_STOP = re.compile(r"(?:\b[A-Z]|\b(?:Ltd|Inc|Jr|Sr|Co|St|Dr))\.$")
MAX_BYLINE_WORDS = 30  # names and a role; a paragraph that starts with "By" is longer
MAX_NAME_WORDS = 8  # "Leeds Survivor Led Crisis Service" is 5; a sentence is longer


def _looks_like_name(text: str) -> bool:
    """'Jim Leyland', 'Touchstone', 'the Leeds Survivor Led Crisis Service' (not 'the end of the day')."""
    words = text.split()
    if not 0 < len(words) <= MAX_NAME_WORDS or text.endswith((".", "!", "?", ":", ";")):
        return False
    if words[0].lower() == "the" and len(words) > 1:
        words = words[1:]
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _NAME_PARTICLES for w in words) and (
        words[0][0].isupper()  # 'By 2020, we had grown' is a sentence
    )


_ROLE_WORDS = re.compile(
    r"\b(?:lead|leader|manager|officer|director|worker|co-?ordinator|fellow|chair|trustee|volunteer|"
    r"member|lecturer|professor|student|nurse|researcher|head|team|group|development|research)\b",
    re.IGNORECASE,
)


def _is_person(text: str) -> bool:
    """A name in a list of people: 'Ben Jones' (not 'Research' of 'Research and Development Lead')."""
    return _looks_like_name(text) and 2 <= len(text.split()) <= 4 and not _ROLE_WORDS.search(text)


def _names(text: str) -> list[str] | None:
    """'Jim Leyland and Ben Deutsch' -> both names; None when a part is not a name."""
    parts = [p.strip() for p in _AND.split(text) if p.strip()]
    return parts if parts and all(_looks_like_name(p) for p in parts) else None


def parse_byline(line: str) -> Byline | None:
    """A byline, as blogs write them:

    'By Pamela Fisher, Senior Research Fellow, University of Leeds' -> one name and a role;
    'By Jim Leyland and Ben Deutsch of Touchstone, a Leeds charity' -> two names, role
    'Touchstone, a Leeds charity'; 'By Anna Smith, Ben Jones and Cara Lee' -> three names.
    """
    m = _BY.match(" ".join(line.split()))
    if not m or len(m["rest"].split()) > MAX_BYLINE_WORDS:
        return None
    rest = m["rest"]
    # 'By Sam Jones.' ends like a sentence; the stop is not part of the name ('By J. Smith, Ltd.' keeps
    # an initial's or abbreviation's stop: a last word of one letter, or a known short form).
    ends_as_sentence = rest.endswith((".", "!", "?"))
    if rest.endswith(".") and not _KEEPS_STOP.search(rest):
        rest = rest[:-1].rstrip()
    segments = [s.strip() for s in rest.split(",")]
    # 'A, B and C': leading segments are names when a later one is 'X and Y' and all are names.
    count = 1
    for k, segment in enumerate(segments[1:], start=1):
        if _AND.search(segment):
            if all(_is_person(s) for s in [*segments[:k], *_AND.split(segment)]):
                count = k + 1
            break
    names_text = ", ".join(segments[:count])
    role_parts = segments[count:]
    org = None
    last_group = _AND.split(segments[count - 1])[-1]
    if (of := _OF.search(last_group)) and _looks_like_name(last_group[of.end() :]):
        org = last_group[of.end() :]
        names_text = names_text[: len(names_text) - len(last_group) + of.start()]
    names: list[str] = []
    for segment in names_text.split(","):
        found = _names(segment.strip())
        if found is None:
            return None
        names += found
    role = ", ".join(p for p in ([org] if org else []) + role_parts if p) or None
    if any(n.lower() in _NOT_NAMES for n in names):
        return None  # 'By Sunday, everyone was tired.'
    if role and role[0].islower() and ends_as_sentence:
        return None  # a sentence, not a role: 'By then, we had ...'
    return Byline(tuple(names), role)


def byline_field(text: str) -> Byline:
    """A front-matter 'author' value: 'Jim Leyland and Ben Deutsch, Touchstone' or just names."""
    return parse_byline("By " + text) or Byline((text,))


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


def table_as_list(header: list[Inline] | None, rows: list[list[Inline]]) -> BulletList | None:
    """A table as something a listener can follow: one list item per row, each cell named by its
    column ('Name: Peer support café; Time: 2pm'). Links in cells are kept."""
    labels = [plain(cell).strip().rstrip(":") for cell in header] if header else []
    items: list[Inline] = []
    for row in rows:
        spans: list[Span] = []
        for k, cell in enumerate(row):
            if not plain(cell).strip():
                continue
            if spans:
                spans.append(Span("; "))
            if k < len(labels) and labels[k]:
                spans.append(Span(f"{labels[k]}: "))
            spans.extend(cell)
        if spans:
            items.append(normalise_spans(spans))
    if not items and any(labels):  # a table that is only a header row
        items.append(normalise_spans([Span("; ".join(label for label in labels if label))]))
    return BulletList(items=tuple(items)) if items else None


NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s+")


def numbered_lists(blocks: list[Block]) -> list[Block]:
    """Paragraphs numbered by hand ('1. ...', '2. ...', counting up) are one numbered list."""
    out: list[Block] = []
    run: list[Paragraph] = []

    def close() -> None:
        if len(run) >= 2:
            items = []
            for para in run:
                first, rest = para.spans[0], para.spans[1:]
                items.append(
                    normalise_spans([Span(NUMBERED.sub("", first.text, count=1), first.href), *rest])
                )
            out.append(BulletList(items=tuple(items), ordered=True))
        else:
            out.extend(run)
        run.clear()

    for block in blocks:
        m = NUMBERED.match(block.text) if isinstance(block, Paragraph) and block.spans else None
        if m and isinstance(block, Paragraph):
            expected = int(NUMBERED.match(run[-1].text)[1]) + 1 if run else None  # type: ignore[index]
            if run and int(m[1]) != expected:
                close()
            if run or int(m[1]) in (0, 1):
                run.append(block)
                continue
        close()
        out.append(block)
    close()
    return out
