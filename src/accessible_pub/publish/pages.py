"""Accessible web pages: one per post (in its bundle) and an index of all posts.

Built from escaped text with Jinja2 templates. Links in a post are kept only when they point
to the web (http, https) or to an email address. The one script, inside the page so it runs
from an unzipped bundle too (templates/read-along.js), highlights each word of a transcript as
it is heard; without it the page works the same, unhighlighted.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..audio.result import Cue
from ..text import LINK, minutes_in_words
from ..model import EasyHeading, EasyRead, Idea, Post

_SAFE_LINK = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)


@cache
def templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("accessible_pub.publish", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def human_size(n: int) -> str:
    if n < 1000:
        return f"{n} bytes"
    if n < 1_000_000:
        return f"{round(n / 1000)} KB"
    return f"{n / 1_000_000:.1f} MB"


def web_sentence(text: str) -> Markup:
    """An easy-read sentence for the web: [words](url) becomes a link when the URL is safe."""
    out = []
    pos = 0
    for m in LINK.finditer(text):
        out.append(escape(text[pos : m.start()].replace("**", "")))
        if _SAFE_LINK.match(m[2]):
            out.append(Markup('<a href="{}">{}</a>').format(m[2], m[1]))
        else:
            out.append(escape(m[1]))
        pos = m.end()
    out.append(escape(text[pos:].replace("**", "")))
    return Markup("").join(out)


@dataclass(frozen=True, kw_only=True)  # four strings in a row: named, never by position
class AudioEntry:
    id: str
    label: str
    src: str
    vtt: str
    seconds: float
    transcript: tuple[str, ...]
    captions: str = ""  # the WebVTT text itself
    cues: tuple[Cue, ...] = ()  # the sentences with their words' times: the page highlights each word heard

    @property
    def read_along(self) -> bool:
        """Is the transcript timed word by word (as many sentences as lines, each with words)?"""
        return len(self.cues) == len(self.transcript) and any(cue.words for cue in self.cues)

    @property
    def minutes(self) -> str:
        return minutes_in_words(self.seconds)

    @property
    def track_src(self) -> str:
        """The caption track inside the page as a data: address: opened from an unzipped
        bundle (file://), Chromium refuses to load a track file beside the page, even its own."""
        if not self.captions:
            return self.vtt
        return "data:text/vtt;base64," + base64.b64encode(self.captions.encode()).decode("ascii")


@cache
def read_along_script() -> Markup:
    """The read-along script, to go inside the page: a script file beside it would be one more
    file to keep with the page, and an inline one runs wherever the page is opened."""
    script = (resources.files("accessible_pub.publish") / "templates" / "read-along.js").read_text("utf-8")
    if "</" in script:  # it would end the <script> element early
        raise ValueError("read-along.js must not contain '</'")
    return Markup(script)


@dataclass(frozen=True, kw_only=True)
class Download:
    href: str
    label: str


@dataclass(frozen=True, kw_only=True)
class IndexEntry:
    title: str
    href: str
    date: str | None = None
    date_iso: str | None = None
    author: str | None = None
    summary: str | None = None
    picture: dict[str, str] | None = None


def post_page(
    post: Post,
    easy: EasyRead,
    *,
    festival: str,
    audios: list[AudioEntry],
    downloads: list[Download],
    picture_files: dict[str, str],
    credits: list[str],
) -> str:
    blocks: list[dict[str, Any]] = []
    for block in easy.blocks:
        if isinstance(block, EasyHeading):
            blocks.append({"kind": "heading", "text": block.text})
        elif isinstance(block, Idea):
            picture = None
            if block.picture and block.picture.name in picture_files:
                picture = {"src": picture_files[block.picture.name], "alt": block.picture.alt}
            blocks.append(
                {
                    "kind": "idea",
                    "bullets": block.bullets,
                    "picture": picture,
                    "sentences": [web_sentence(s) for s in block.sentences],
                    "explanations": [{"word": e.word, "meaning": e.meaning} for e in block.explanations],
                }
            )
    return (
        templates()
        .get_template("post.html.j2")
        .render(
            lang=post.lang,
            css="site.css",
            home="../index.html",
            festival=festival,
            title=post.title,
            author=post.author,
            author_role=post.author_role,
            date=post.long_date,
            date_iso=post.date.isoformat() if post.date else "",
            reviewed=easy.reviewed,
            reviewed_by=easy.reviewed_by,
            reviewed_on=easy.reviewed_on,
            audios=audios,
            blocks=blocks,
            downloads=downloads,
            credits=credits,
            read_along=read_along_script() if any(audio.read_along for audio in audios) else "",
        )
    )


def index_page(entries: list[IndexEntry], *, festival: str, credits: list[str], lang: str = "en") -> str:
    return (
        templates()
        .get_template("index.html.j2")
        .render(
            lang=lang,
            css="site.css",
            home="index.html",
            festival=festival,
            posts=entries,
            credits=credits,
        )
    )
