"""Plain, typed data that flows between the stages.

A `Post` is what every loader produces and every later stage reads. Blocks hold inline
`Span`s so that links survive to the web page while speech and easy read can still see
plain text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Span:
    """A run of inline text; `href` is set when the run is a link."""

    text: str
    href: str | None = None


Inline = tuple[Span, ...]


def long_date(day: dt.date) -> str:
    """A date as people say it: 'Tuesday 21 June 2016'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def plain(spans: Inline) -> str:
    """The text of some spans, without link targets."""
    return "".join(span.text for span in spans)


@dataclass(frozen=True)
class Heading:
    level: int  # 2 for a section heading; the post title is the only level 1
    spans: Inline

    @property
    def text(self) -> str:
        return plain(self.spans)


@dataclass(frozen=True)
class Paragraph:
    spans: Inline

    @property
    def text(self) -> str:
        return plain(self.spans)


@dataclass(frozen=True)
class BulletList:
    items: tuple[Inline, ...]
    ordered: bool = False

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(plain(item) for item in self.items)


@dataclass(frozen=True)
class Caption:
    """The caption of a picture in the post, kept where the picture was.

    The picture itself is not published (pictures come from the picture map, never from a
    post's URLs); its caption is shown as "Picture: ..." and spoken that way, never as a heading.
    """

    spans: Inline

    @property
    def text(self) -> str:
        return plain(self.spans)


def caption_sentence(caption: Caption) -> str:
    """A caption as it is shown and spoken: 'Picture: Delegates at the Leeds event.'"""
    text = caption.text.strip()
    return f"Picture: {text}" + ("" if text.endswith((".", "!", "?")) else ".")


Block = Heading | Paragraph | BulletList | Caption


def join_names(names: tuple[str, ...]) -> str | None:
    """Names as a byline says them: 'A', 'A and B', 'A, B and C'."""
    if not names:
        return None
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True)
class Post:
    """One piece of writing, whatever format it came from."""

    title: str
    slug: str
    blocks: tuple[Block, ...]
    source: Path
    date: dt.date | None = None
    authors: tuple[str, ...] = ()  # people or organisations, in byline order
    author_role: str | None = None  # what the byline says about them (job, organisation)
    summary: str | None = None
    tags: tuple[str, ...] = ()
    lang: str = "en"
    # What loading had to change or leave out (a table read as rows, an HTML block dropped...):
    # shown with the build's other warnings, so nothing vanishes silently.
    warnings: tuple[str, ...] = ()

    @property
    def author(self) -> str | None:
        """All the names as one byline ('A, B and C'), for pages, PDFs, tags and speech."""
        return join_names(self.authors)

    @property
    def long_date(self) -> str | None:
        return long_date(self.date) if self.date else None

    @property
    def links(self) -> tuple[Span, ...]:
        found: list[Span] = []
        for block in self.blocks:
            groups = block.items if isinstance(block, BulletList) else (block.spans,)
            found.extend(span for spans in groups for span in spans if span.href)
        return tuple(found)


@dataclass(frozen=True)
class Explanation:
    """A hard word kept in the easy-read text, and what it means in plain words."""

    word: str
    meaning: str
    # made by the generator from WordNet, not written by a person: the reviewer checks it first
    generated: bool = False


@dataclass(frozen=True)
class Picture:
    """A picture shown beside an idea. `path` is None for 'no picture'."""

    path: Path | None
    alt: str
    name: str = ""


@dataclass(frozen=True)
class Idea:
    """One row of an easy-read document: a picture on the left, short sentences on the right."""

    sentences: tuple[str, ...]
    bullets: bool = False
    picture: Picture | None = None
    explanations: tuple[Explanation, ...] = ()
    # sentences the generator kept whole because it could not make them easy without harm
    to_check: tuple[str, ...] = ()


@dataclass(frozen=True)
class EasyHeading:
    text: str


EasyBlock = EasyHeading | Idea


@dataclass(frozen=True)
class EasyRead:
    """The easy-read version of a post."""

    title: str
    blocks: tuple[EasyBlock, ...]
    origin: str  # "generated" or the path of the person-edited file it was read from
    reviewed_by: str | None = None
    reviewed_on: dt.date | None = None
    links: tuple[Span, ...] = field(default=())
    # None: no fingerprint was recorded at sign-off, so a change cannot be told
    changed_since_review: bool | None = None

    @property
    def sentences(self) -> tuple[str, ...]:
        out: list[str] = []
        for block in self.blocks:
            out.extend(block.sentences if isinstance(block, Idea) else (block.text,))
        return tuple(out)

    @property
    def explanations(self) -> tuple[Explanation, ...]:
        return tuple(e for b in self.blocks if isinstance(b, Idea) for e in b.explanations)

    @property
    def reviewed(self) -> bool:
        return bool(self.reviewed_by and self.reviewed_on)


# ---- what readability measured and found (readability/, kept in the bundle's manifest) ----


@dataclass(frozen=True)
class Scores:
    sentences: int
    words: int
    words_per_sentence: float
    longest_sentence: int
    sentences_over_15: int
    sentences_over_20: int
    flesch_reading_ease: float
    flesch_kincaid_grade: float
    masked_flesch_reading_ease: float
    masked_flesch_kincaid_grade: float
    hard_word_share: float
    smog: float | None = None  # only meaningful with 30 or more sentences

    def as_dict(self) -> dict[str, float | int | None]:
        return asdict(self)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # "error" or "warning"
    line: int
    column: int
    message: str
    text: str
    suggestion: str = ""

    def as_dict(self) -> dict[str, str | int]:
        return asdict(self)


# ---- what a build did (pipeline.py; the build report reads it) ------------------------------


@dataclass
class Outcome:
    source: Path
    status: str  # "built", "up to date" or "failed"
    slug: str | None = None
    title: str | None = None
    reason: str = ""
    details: str = ""  # a traceback, shown with --debug
    bundle: Path | None = None
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)


@dataclass
class BuildReport:
    outcomes: list[Outcome]
    seconds: float
    restored: list[str] = field(default_factory=list)
    # festival-wide steps that failed ("the podcast feed: why"); the bundles are kept
    step_failures: list[str] = field(default_factory=list)

    def _with(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def failed(self) -> list[Outcome]:
        return self._with("failed")

    @property
    def built(self) -> list[Outcome]:
        return self._with("built")

    @property
    def up_to_date(self) -> list[Outcome]:
        return self._with("up to date")
