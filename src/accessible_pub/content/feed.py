"""A feed export (RSS or Atom, e.g. from Blogger or WordPress): one post per entry."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path


from ..errors import PostError
from ..model import Post
from .fields import Byline, clean_inline, slug_for
from . import exports


def load(path: Path, text: str) -> list[Post]:
    kind = exports.kind_of(text)
    if kind == "blogger":
        return exports.load_blogger(path, text)
    if kind == "wordpress":
        return exports.load_wordpress(path, text)
    import feedparser  # here, not at the top: its import compiles ~100 regexes, a no-op build needs none

    # Parse the text we already read: feedparser is never given a URL, so it never fetches.
    parsed = feedparser.parse(text, sanitize_html=True, resolve_relative_uris=False)
    if parsed.bozo and not parsed.entries:
        raise PostError(
            path, f"not a readable RSS or Atom feed ({parsed.get('bozo_exception')}); download the feed again"
        )
    made: list[Post | str] = []
    for number, entry in enumerate(parsed.entries, start=1):
        title = clean_inline(entry.get("title", ""))
        if not title:
            made.append(f"entry {number} has no title")
            continue
        html = ""
        if entry.get("content"):
            html = entry.content[0].get("value", "")
        html = html or entry.get("summary", "")
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        make = partial(
            exports.entry_post,
            path,
            title=title,
            html=html,
            date=dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None,
            byline=Byline(
                tuple(name for a in entry.get("authors", []) if (name := clean_inline(a.get("name", ""))))
            ),
            tags=[clean_inline(t.get("term", "")) for t in entry.get("tags", []) if t.get("term")],
            slug=slug_for(path, title),
            summary=None,
            make_paragraphs=False,
        )
        made.append(exports.attempt(f"'{title}'", make))
    return exports.gather(path, made)
