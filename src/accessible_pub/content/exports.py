"""Whole-blog exports: one post per published entry.

- Blogger's export (Settings > Back up content, or Takeout): an Atom feed whose entries are posts,
  comments, pages, settings and the template. Posts are the entries of kind `kind#post` (or
  `<blogger:type>POST`); drafts (`<app:draft>yes`, or a `<blogger:status>` other than LIVE),
  comments and everything else are skipped.
- WordPress' export (WXR, Tools > Export): RSS with `wp:` elements. Posts are the items with
  `wp:post_type` post, `wp:status` publish and no password; pages, attachments, menu items and
  comments are skipped. Authors are the display names of `wp:author`, and Co-Authors Plus'
  `<category domain="author">` lists several.

Exports come from the web: they are parsed with defusedxml (no entities, no DTDs, no network),
and each entry's HTML goes through the saved-page reader, which keeps text and links only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from email.utils import parsedate_to_datetime
from pathlib import Path
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ..errors import PostError
from ..model import Block, Paragraph, Post
from .fields import Byline, clean_inline, parse_byline, parse_date, slug_for
from .html import blocks_from_fragment
from .language import post_language

ATOM = "{http://www.w3.org/2005/Atom}"
KIND_SCHEME = "http://schemas.google.com/g/2005#kind"
BLOGGER_LABELS = "http://www.blogger.com/atom/ns#"
_APP_NAMESPACES = ("{http://purl.org/atom/app#}", "{http://www.w3.org/2007/app}")
BLOGGER_2018 = "{http://schemas.google.com/blogger/2018}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
_WP = re.compile(r"^\{http://wordpress\.org/export/[0-9.]+/\}")
_WP_EXCERPT = re.compile(r"^\{http://wordpress\.org/export/[0-9.]+/excerpt/\}")
# The block editor (<!-- wp:paragraph -->) and hand-written HTML have their <p>s already.
_HAS_PARAGRAPHS = re.compile(r"\s*(?:<!--\s*wp:|<p[\s>])", re.IGNORECASE)


def kind_of(text: str) -> str | None:
    """'blogger' or 'wordpress' when the text is one of those exports, else None (a plain feed)."""
    head = text[:4000]
    if "wordpress.org/export/" in head and "<rss" in head:
        return "wordpress"
    if "schemas.google.com/blogger" in text[:20000] and "<feed" in head:
        return "blogger"
    return None


def _parse(path: Path, text: str) -> Element:
    try:
        return SafeET.fromstring(text)
    except DefusedXmlException as exc:
        raise PostError(
            path,
            "the export declares XML entities or a DTD, which are refused (they can be used to attack "
            "the reader); export the blog again from Blogger or WordPress",
        ) from exc
    except SafeET.ParseError as exc:
        raise PostError(
            path, f"the export is not complete XML ({exc}); download the export file again"
        ) from exc


def _text(el: Element | None) -> str:
    return "".join(el.itertext()) if el is not None else ""


def _local(el: Element, pattern: re.Pattern[str], name: str) -> Element | None:
    return next((c for c in el if pattern.sub("", c.tag) == name and pattern.match(c.tag)), None)


def entry_post(
    path: Path,
    *,
    title: str,
    html: str,
    date: dt.date | None,
    byline: Byline,
    tags: list[str],
    slug: str,
    summary: str | None,
    make_paragraphs: bool,
) -> Post | str:
    """A Post from one entry, or the reason the entry was skipped."""
    if make_paragraphs and not _HAS_PARAGRAPHS.match(html):
        # WordPress' classic editor stores paragraphs as blank lines and line breaks as newlines
        # (its wpautop adds the <p>s and <br>s when the page is shown): do the same
        html = "".join(
            "<div>" + re.sub(r"\s*\n\s*", "<br />", chunk.strip()) + "</div>"
            for chunk in re.split(r"\n\s*\n", html)
            if chunk.strip()
        )
    blocks: list[Block]
    blocks, dropped = blocks_from_fragment(html)
    if blocks and isinstance(blocks[0], Paragraph) and (found := parse_byline(blocks[0].text)):
        byline, blocks = found, blocks[1:]  # the byline in the post beats the account's name
    if not blocks:
        return f"'{title}' has no text"
    lang, notes = post_language(path, declared=None, blocks=blocks)
    return Post(
        title=title,
        slug=slug,
        blocks=tuple(blocks),
        source=path,
        date=date,
        authors=byline.authors,
        author_role=byline.role,
        summary=summary,
        tags=tuple(dict.fromkeys(t for t in tags if t)),
        lang=lang,
        warnings=tuple(notes),
    )


def attempt(label: str, make: Callable[[], Post | str]) -> Post | str:
    """One entry's post, or why it was skipped: an entry in another language does not stop the rest."""
    try:
        return make()
    except PostError as exc:
        if not exc.reason.startswith("the post"):
            raise
        return f"{label}: {exc.reason}"


def gather(path: Path, made: list[Post | str]) -> list[Post]:
    """The posts of an export; entries that could not be read are named in a warning on the first."""
    posts: list[Post] = []
    skipped: list[str] = []
    for result in made:
        if isinstance(result, str):
            skipped.append(result)
        else:
            posts.append(result)
    if posts and skipped:
        note = "entries skipped in this export: " + "; ".join(skipped)
        posts[0] = replace(posts[0], warnings=(*posts[0].warnings, note))
    if not posts and skipped:
        raise PostError(path, "no published post could be read: " + "; ".join(skipped))
    return posts


# ---- Blogger --------------------------------------------------------------------------------


def _blogger_is_live_post(entry: Element) -> bool:
    kind = next(
        (c.get("term", "") for c in entry.findall(f"{ATOM}category") if c.get("scheme") == KIND_SCHEME), None
    )
    kind_2018 = _text(entry.find(f"{BLOGGER_2018}type")).strip().upper()
    if kind is not None and not kind.endswith("#post"):
        return False
    if kind is None and kind_2018 != "POST":
        return False
    for app in _APP_NAMESPACES:
        if _text(entry.find(f"{app}control/{app}draft")).strip().lower() == "yes":
            return False
    status = entry.find(f"{BLOGGER_2018}status")
    return status is None or _text(status).strip().upper() == "LIVE"


def load_blogger(path: Path, text: str) -> list[Post]:
    root = _parse(path, text)
    made: list[Post | str] = []
    for number, entry in enumerate(root.findall(f"{ATOM}entry"), start=1):
        if not _blogger_is_live_post(entry):
            continue
        title = clean_inline(_text(entry.find(f"{ATOM}title")))
        if not title:
            made.append(f"entry {number} has no title")
            continue
        names = [clean_inline(_text(a.find(f"{ATOM}name"))) for a in entry.findall(f"{ATOM}author")]
        tags = [
            clean_inline(c.get("term", ""))
            for c in entry.findall(f"{ATOM}category")
            if c.get("scheme") != KIND_SCHEME and c.get("term")
        ]
        stamp = _text(entry.find(f"{ATOM}published")).strip()
        make = partial(
            entry_post,
            path,
            title=title,
            html=_text(entry.find(f"{ATOM}content")),
            date=parse_date(stamp[:10]) if stamp else None,
            byline=Byline(tuple(x for x in names if x and x.lower() != "unknown")),
            tags=tags,
            slug=slug_for(path, title),  # as for every other post (Blogger cuts its own URLs short)
            summary=clean_inline(_text(entry.find(f"{BLOGGER_2018}metaDescription"))) or None,
            make_paragraphs=False,
        )
        made.append(attempt(f"'{title}'", make))
    if not made:
        raise PostError(path, "this Blogger export has no published posts (drafts and comments are skipped)")
    return gather(path, made)


# ---- WordPress (WXR) ------------------------------------------------------------------------


def _wp(el: Element, name: str) -> str:
    return _text(_local(el, _WP, name)).strip()


def _wp_date(item: Element) -> dt.date | None:
    if day := parse_date(_wp(item, "post_date")[:10]):
        return day
    try:
        return parsedate_to_datetime(_text(item.find("pubDate")).strip()).date()
    except (TypeError, ValueError):
        return None


def load_wordpress(path: Path, text: str) -> list[Post]:
    root = _parse(path, text)
    channel = root.find("channel")
    if channel is None:
        raise PostError(path, "this WordPress export has no <channel>; export the site again")
    display = {
        _wp(a, "author_login"): clean_inline(_wp(a, "author_display_name"))
        for a in channel
        if _WP.match(a.tag) and _WP.sub("", a.tag) == "author"
    }
    made: list[Post | str] = []
    for number, item in enumerate(channel.findall("item"), start=1):
        if _wp(item, "post_type") != "post" or _wp(item, "status") != "publish" or _wp(item, "post_password"):
            continue
        title = clean_inline(_text(item.find("title")))
        if not title:
            made.append(f"item {number} has no title")
            continue
        categories = item.findall("category")
        coauthors = [clean_inline(_text(c)) for c in categories if c.get("domain") == "author"]
        logins = coauthors or [clean_inline(_text(item.find(f"{DC}creator")))]
        names = tuple(display.get(login) or login for login in logins if login)
        tags = [
            clean_inline(_text(c))
            for c in categories
            if c.get("domain") in ("post_tag", "category") and _text(c).strip() != "Uncategorized"
        ]
        excerpt = next((clean_inline(_text(c)) for c in item if _WP_EXCERPT.match(c.tag)), "")
        make = partial(
            entry_post,
            path,
            title=title,
            html=_text(item.find(f"{CONTENT}encoded")),
            date=_wp_date(item),
            byline=Byline(names),
            tags=tags,
            slug=slug_for(path, title),
            summary=excerpt or None,
            make_paragraphs=True,
        )
        made.append(attempt(f"'{title}'", make))
    if not made:
        raise PostError(
            path, "this WordPress export has no published posts (drafts, pages and attachments are skipped)"
        )
    return gather(path, made)
