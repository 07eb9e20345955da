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
from ..model import Block, BulletList, Heading, Paragraph, Post
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


def _is_heading(group: list[str], next_group: list[str] | None) -> bool:
    line = group[0]
    return (
        len(group) == 1
        and next_group is not None
        and 0 < len(line.split()) <= 10
        and not line.endswith(_TERMINAL)
        and not _BULLET.match(line)
    )


def _blocks(groups: list[list[str]]) -> list[Block]:
    blocks: list[Block] = []
    for i, group in enumerate(groups):
        nxt = groups[i + 1] if i + 1 < len(groups) else None
        bullets = [_BULLET.match(line) for line in group]
        if all(bullets):
            items = tuple(spans_from_text(clean_inline(m[1])) for m in bullets if m)
            ordered = group[0][0].isdigit()
            blocks.append(BulletList(items=items, ordered=ordered))
        elif _is_heading(group, nxt):
            blocks.append(Heading(level=2, spans=spans_from_text(clean_inline(group[0]))))
        else:
            blocks.append(Paragraph(spans=spans_from_text(clean_inline(" ".join(group)))))
    return blocks


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
        raise PostError(path, "the post has a title but no text")
    return [
        Post(
            title=title,
            slug=slug_for(path, title),
            blocks=tuple(blocks),
            source=path,
            date=date,
            authors=byline.authors if byline else (),
            author_role=byline.role if byline else None,
        )
    ]
