"""Plain text, including text copied or scraped from a blog page.

A scraped page looks like this (see content/2016-06-21-...txt):

    Blog name            <- repeated several times: page furniture
    Tuesday 21 June 2016 <- the date line
    Title
    By NAME, ROLE        <- the byline
    paragraphs...
    Blog: Another post   <- a link to another post: debris
    1 comment:           <- the comments start: everything after is not the post

Plain text without the furniture works too: the first line is the title.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..errors import PostError
from ..model import Block, BulletList, Caption, Heading, Paragraph, Post
from .language import post_language
from .fields import clean_inline, date_from_filename, parse_byline, parse_date, slug_for, spans_from_text

# Lines that are never part of a post, wherever they appear.
_DEBRIS = re.compile(
    r"^(?:blog:\s.*|labels?:.*|posted by .*|newer post|older post|home|share this.*"
    r"|subscribe to:.*|post comments \(atom\)|email this|blogthis!.*|share to .*"
    r"|read more.*|\d+ comments?:?|no comments:?|comments?:?)$",
    re.IGNORECASE,
)
# The comments start here: what follows was written by other people.
_COMMENTS_START = re.compile(r"^(?:\d+|no) comments?:?$", re.IGNORECASE)
_BULLET = re.compile(r"^(?:[-*•‣◦]|\d{1,2}[.)])\s+(.*)$")
_TERMINAL = (".", "!", "?", ":", ";", "…", '"', "”", "’", ")")


def _paragraphs(lines: list[str]) -> list[list[str]]:
    """Group lines into paragraphs separated by blank lines."""
    groups: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            groups[-1].append(line.strip())
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


_PICTURE = re.compile(
    r"^(?:!\[(?P<alt>[^\]]*)\]\([^)]*\)|\[(?:img|image|photo|picture)(?::\s*(?P<alt2>[^\]]*))?\]|<img\b[^>]*>)$",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"^(?:photo|picture|image|pictured|caption|above|below)\s*(?:\([^)]*\))?\s*[:–—-]\s+(?P<text>.+)$",
    re.IGNORECASE,
)
_OPENS_SENTENCE = re.compile(r"^[\"'“‘(]?[A-Z0-9]")
MAX_HEADING_WORDS = 10


def _title_like(line: str) -> bool:
    return (
        0 < len(line.split()) <= MAX_HEADING_WORDS
        and not line.endswith(_TERMINAL)
        and not _BULLET.match(line)
        and bool(_OPENS_SENTENCE.match(line))
    )


class _Blocks:
    """Lines in, blocks out: paragraphs, sub-headings (also those with no blank line after them),
    lists (numbered or bulleted, items may wrap), and picture captions."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.para: list[str] = []
        self.items: list[str] = []
        self.ordered = False
        self.picture: str | None = None  # after a picture marker: its alt text ('' if none)

    def flush(self) -> None:
        if self.para:
            self.blocks.append(Paragraph(spans=spans_from_text(clean_inline(" ".join(self.para)))))
            self.para = []
        if self.items:
            items = tuple(spans_from_text(clean_inline(item)) for item in self.items)
            last = self.blocks[-1] if self.blocks else None
            if isinstance(last, BulletList) and last.ordered == self.ordered:  # a blank line between items
                self.blocks[-1] = BulletList(items=last.items + items, ordered=self.ordered)
            else:
                self.blocks.append(BulletList(items=items, ordered=self.ordered))
            self.items = []

    def caption(self, text: str) -> None:
        self.flush()
        self.blocks.append(Caption(spans=spans_from_text(clean_inline(text))))
        self.picture = None

    def group(self, group: list[str], *, more_follows: bool) -> None:
        widest = max(len(line) for line in group)
        for j, line in enumerate(group):
            if m := _PICTURE.match(line):
                self.flush()
                self.picture = m["alt"] or m["alt2"] or ""
                continue
            if m := _CAPTION.match(line):
                self.caption(m["text"])
                continue
            if self.picture is not None:
                alt, self.picture = self.picture, None
                if _title_like(line):  # the line under a picture is its caption
                    self.caption(line)
                    continue
                if alt.strip():
                    self.caption(alt)
            if m := _BULLET.match(line):
                ordered = line[0].isdigit()
                if self.para or (self.items and ordered != self.ordered):
                    self.flush()
                self.items.append(m[1])
                self.ordered = ordered
                continue
            nxt = group[j + 1] if j + 1 < len(group) else None
            after_break = j == 0 or group[j - 1].endswith(_TERMINAL) or bool(_BULLET.match(group[j - 1]))
            if _title_like(line) and after_break:
                # a sub-heading on its own, or directly above its text (no blank line between:
                # much shorter than the text, and the next line starts a sentence)
                glued = nxt is not None and bool(_OPENS_SENTENCE.match(nxt)) and len(line) <= 0.6 * widest
                alone = len(group) == 1 and more_follows
                if glued or alone:
                    self.flush()
                    self.blocks.append(Heading(level=2, spans=spans_from_text(clean_inline(line))))
                    continue
            if (
                self.items
                and not self.para
                and not (self.items[-1].endswith(_TERMINAL) and _OPENS_SENTENCE.match(line))
            ):
                self.items[-1] += " " + line  # a list item that wraps onto the next line
                continue
            if self.items:
                self.flush()
            self.para.append(line)
        # a paragraph ends at the blank line; a list may go on after it
        if self.para:
            self.flush()


def _blocks(groups: list[list[str]]) -> list[Block]:
    builder = _Blocks()
    for i, group in enumerate(groups):
        builder.group(group, more_follows=i + 1 < len(groups))
    if builder.picture:  # a picture at the very end, with alt text but no caption line
        builder.caption(builder.picture)
    builder.flush()
    return builder.blocks


def load(path: Path, text: str) -> list[Post]:
    lines = [line.rstrip() for line in text.splitlines()]
    stripped = [clean_inline(line) for line in lines]

    # Cut off the comments and everything after them.
    for i, line in enumerate(stripped):
        if _COMMENTS_START.match(line):
            lines, stripped = lines[:i], stripped[:i]
            break

    # The date line: page furniture (blog names) stands above it.
    date_index = next((i for i, line in enumerate(stripped[:30]) if parse_date(line)), None)
    furniture: set[str] = set()
    if date_index is not None:
        furniture = {line for line in stripped[:date_index] if line}
        date = parse_date(stripped[date_index])
        rest = stripped[date_index + 1 :]
    else:
        date = date_from_filename(path)
        rest = stripped
    # A line repeated at the top is the blog's name, wherever it turns up again.
    counts = Counter(line for line in stripped if line)
    furniture |= {line for line, n in counts.items() if n >= 2 and line in stripped[:10]}

    kept = ["" if (line in furniture or _DEBRIS.match(line)) else line for line in rest]
    nonblank = [i for i, line in enumerate(kept) if line]
    if not nonblank:
        raise PostError(path, "no title or text found in this file")
    title = kept[nonblank[0]]
    if len(title.split()) > 25:
        raise PostError(path, "no title found: the first line should be the title, on its own line")
    body = kept[nonblank[0] + 1 :]

    byline = None
    first = next((i for i, line in enumerate(body) if line), None)
    if first is not None and (byline := parse_byline(body[first])):
        body = body[first + 1 :]

    blocks = _blocks(_paragraphs(body))
    if not blocks:
        raise PostError(
            path, "the post has a title but no text; put the text under the title, after a blank line"
        )
    lang, notes = post_language(path, declared=None, blocks=blocks)
    return [
        Post(
            title=title,
            slug=slug_for(path, title),
            blocks=tuple(blocks),
            source=path,
            date=date,
            authors=byline.authors if byline else (),
            author_role=byline.role if byline else None,
            lang=lang,
            warnings=tuple(notes),
        )
    ]
