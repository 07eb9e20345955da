"""A saved blog page: keep the article, drop scripts, styles, navigation and comments."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, Tag
from bs4.element import NavigableString

from ..errors import PostError
from ..model import Block, BulletList, Heading, Inline, Paragraph, Post, Span
from .fields import clean_inline, date_from_filename, normalise_spans, parse_byline, parse_date, slug_for

_DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "template",
    "button",
    "object",
    "embed",
    "link",
    "meta",
]
_COMMENTS = re.compile(
    r"comment|share|related|sidebar|breadcrumb|widget|subscribe|footer|menu", re.IGNORECASE
)
_ARTICLE_SELECTORS = ["article", "main", "[role=main]", ".post", ".entry-content", ".post-body"]
_BLOCK_TAGS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "blockquote",
    "div",
    "section",
    "header",
    "li",
    "figure",
    "table",
}


def _soup(text: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(text, "html.parser")


def _inline(node: Tag) -> Inline:
    spans: list[Span] = []

    def walk(el: Tag | NavigableString, href: str | None) -> None:
        if isinstance(el, NavigableString):
            if type(el) is NavigableString:  # not comments, CDATA or doctypes
                spans.append(Span(str(el), href))
            return
        if el.name == "br":
            spans.append(Span(" ", href))
            return
        if el.name == "img":
            return
        link = el.get("href") if el.name == "a" else None
        target = str(link) if isinstance(link, str) and link.strip() else href
        for child in el.children:
            walk(child, target)  # type: ignore[arg-type]

    walk(node, None)
    return normalise_spans(spans)


def blocks_from_html(root: Tag) -> list[Block]:
    blocks: list[Block] = []

    def visit(el: Tag) -> None:
        for child in el.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString and child.strip():
                    blocks.append(Paragraph(spans=normalise_spans([Span(str(child))])))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name and re.fullmatch(r"h[1-6]", name):
                spans = _inline(child)
                if spans:
                    blocks.append(Heading(level=max(2, int(name[1])), spans=spans))
            elif name in ("ul", "ol"):
                items = tuple(s for li in child.find_all("li", recursive=False) if (s := _inline(li)))
                if items:
                    blocks.append(BulletList(items=items, ordered=name == "ol"))
            elif name == "p":
                if spans := _inline(child):
                    blocks.append(Paragraph(spans=spans))
            elif any(isinstance(c, Tag) and c.name in _BLOCK_TAGS for c in child.children):
                visit(child)
            elif spans := _inline(child):
                blocks.append(Paragraph(spans=spans))

    visit(root)
    return blocks


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if isinstance(tag, Tag) and isinstance(tag.get("content"), str) and tag["content"].strip():
            return clean_inline(str(tag["content"]))
    return None


def load(path: Path, text: str) -> list[Post]:
    soup = _soup(text)
    page_title = soup.title.get_text(" ", strip=True) if soup.title else None
    meta_title = _meta(soup, "og:title")
    meta_author = _meta(soup, "author", "article:author")
    meta_date = _meta(soup, "article:published_time", "date")
    meta_summary = _meta(soup, "description", "og:description")
    lang = soup.html.get("lang") if soup.html else None

    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True, attrs={"class": _COMMENTS}) + soup.find_all(True, id=_COMMENTS):
        if not tag.decomposed and tag.name not in ("html", "body", "article", "main"):
            tag.decompose()

    article = next((found for sel in _ARTICLE_SELECTORS if (found := soup.select_one(sel))), None)
    root = article or soup.body or soup
    title_tag = root.find("h1") or soup.find("h1")
    title = (
        (title_tag.get_text(" ", strip=True) if isinstance(title_tag, Tag) else None)
        or meta_title
        or page_title
    )
    if isinstance(title_tag, Tag):
        title_tag.decompose()
    if not title:
        raise PostError(path, "no title: the page has no <h1> and no <title>")
    title = clean_inline(title)

    time_tag = root.find("time")
    date = None
    if isinstance(time_tag, Tag):
        stamp = time_tag.get("datetime")
        date = parse_date(str(stamp)[:10]) if stamp else parse_date(time_tag.get_text(" ", strip=True))
        time_tag.decompose()
    date = date or (parse_date(meta_date[:10]) if meta_date else None) or date_from_filename(path)

    author, role = meta_author, None
    byline_tag = root.find(attrs={"class": re.compile(r"byline|author", re.IGNORECASE)}) or root.find(
        attrs={"rel": "author"}
    )
    if isinstance(byline_tag, Tag):
        byline = clean_inline(byline_tag.get_text(" ", strip=True))
        parsed = parse_byline(byline) or parse_byline("By " + byline)
        if parsed:
            author, role = parsed
        byline_tag.decompose()

    blocks = blocks_from_html(root)
    if blocks and isinstance(blocks[0], Paragraph) and (parsed := parse_byline(blocks[0].text)):
        author, role = parsed
        blocks = blocks[1:]
    if not blocks:
        raise PostError(path, "the page has a title but no article text")
    return [
        Post(
            title=title,
            slug=slug_for(path, title),
            blocks=tuple(blocks),
            source=path,
            date=date,
            author=author,
            author_role=role,
            summary=meta_summary,
            lang=str(lang).split("-")[0].lower() if lang else "en",
        )
    ]
