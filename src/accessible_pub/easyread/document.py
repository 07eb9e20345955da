"""The easy-read Markdown file: what editors and peer reviewers read, edit and sign off.

---
title: Co-production is personal and political
post: co-production-is-personal-and-political
reviewed_by: ""          # who checked it (people with lived experience, rule 20)
reviewed_on: ""          # when, as 2016-06-30
---
# Co-production is personal and political

One sentence a line.
A blank line between ideas.
**co-production** means ... (a hard word explained where it is first used)

## A heading

- a bullet
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import frontmatter
import yaml

from .. import __version__
from ..errors import ConfigError, PostError
from ..model import EasyBlock, EasyHeading, EasyRead, Explanation, Idea, Span
from ..text import LINK, link_words
from ..content.fields import read_text
from .pictures import choose, picture

_PICTURE = re.compile(r"^<!--\s*picture:\s*([\w-]+)\s*-->$")
_CHECK = re.compile(r"^<!--\s*check:.*-->$")  # a note for the reviewer, not text
_EXPLANATION = re.compile(r"^\*\*(?P<word>[^*]+)\*\*\s+means\s+(?P<meaning>.+?)\.?$")
# a note at the end of a line ('<!-- accessible-pub: allow ER1 -->') is for `check`, not text to read
_TRAILING_NOTE = re.compile(r"\s*<!--.*?-->\s*$")


def plain_sentence(text: str) -> str:
    """A sentence as it is read: link markup and bold markers removed."""
    return link_words(text).replace("**", "")


def explanation_sentence(explanation: Explanation) -> str:
    return f"**{explanation.word}** means {explanation.meaning}."


def idea_lines(idea: Idea) -> list[str]:
    lines = [f"<!-- picture: {idea.picture.name} -->"] if idea.picture and idea.picture.name else []
    for sentence in idea.to_check:
        opening = " ".join(sentence.split()[:6])
        lines.append(f"<!-- check: kept whole, make it easy by hand: {opening} ... -->")
    lines += [f"- {s}" if idea.bullets else s for s in idea.sentences]
    for e in idea.explanations:
        if e.generated:  # from a dictionary, not a person: is it the sense this post means?
            lines.append(f"<!-- check: generated meaning of '{e.word}', is it right here? -->")
        lines.append(explanation_sentence(e))
    return lines


def to_markdown(easy: EasyRead, *, slug: str) -> str:
    meta = {
        "title": easy.title,
        "post": slug,
        "reviewed_by": easy.reviewed_by or "",
        "reviewed_on": easy.reviewed_on.isoformat() if easy.reviewed_on else "",
        "generated_by": f"accessible-pub {__version__}" if easy.origin == "generated" else None,
    }
    header = yaml.safe_dump(
        {k: v for k, v in meta.items() if v is not None}, sort_keys=False, allow_unicode=True
    )
    parts = [f"---\n{header}---", f"# {easy.title}"]
    for block in easy.blocks:
        if isinstance(block, EasyHeading):
            parts.append(f"## {block.text}")
        else:
            parts.append("\n".join(idea_lines(block)))
    return "\n\n".join(parts) + "\n"


def _date(path: Path, value: object) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise PostError(path, f"reviewed_on {value!r} is not a date (write it as 2016-06-30)") from exc


def body_fingerprint(body: str) -> str:
    """What a reviewer signed off: the words, whatever the line endings or trailing spaces."""
    import hashlib

    lines = [line.rstrip() for line in body.replace("\r\n", "\n").strip().splitlines()]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def sign_off(text: str, *, by: str, on: dt.date) -> str:
    """The easy-read file with its sign-off recorded: who, when, and a fingerprint of the words."""
    meta, body = frontmatter.parse(text)
    meta.update(reviewed_by=by, reviewed_on=on.isoformat(), reviewed_text_sha256=body_fingerprint(body))
    header = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    return f"---\n{header}---\n\n{body.strip()}\n"


def parse_easy_markdown(path: Path, text: str, *, links: tuple[Span, ...] = ()) -> EasyRead:
    try:
        meta, body = frontmatter.parse(text)
    except yaml.YAMLError as exc:
        raise PostError(path, "front matter is not valid YAML; check the lines between '---'") from exc
    blocks: list[EasyBlock] = []
    title = str(meta.get("title") or "")
    for chunk in re.split(r"\n\s*\n", body.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        lines = [_TRAILING_NOTE.sub("", line) if not line.startswith("<!--") else line for line in lines]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if lines[0].startswith("# "):
            title = title or lines[0][2:].strip()
            lines = lines[1:]
            if not lines:
                continue
        if lines[0].startswith("## ") and len(lines) == 1:
            blocks.append(EasyHeading(lines[0][3:].strip()))
            continue
        sentences, explanations, bullets, chosen = [], [], False, None
        for line in lines:
            if _CHECK.match(line):
                continue
            if m := _PICTURE.match(line):
                try:
                    chosen = picture(m[1])
                except ConfigError as exc:
                    raise PostError(path, str(exc)) from exc
            elif m := _EXPLANATION.match(line):
                explanations.append(Explanation(m["word"].strip(), m["meaning"].strip()))
            elif line.startswith(("- ", "* ")):
                bullets = True
                sentences.append(line[2:].strip())
            else:
                sentences.append(line)
        if not sentences:
            continue
        chosen = chosen or choose([plain_sentence(s) for s in sentences])
        blocks.append(
            Idea(tuple(sentences), bullets=bullets, picture=chosen, explanations=tuple(explanations))
        )
    if not title:
        raise PostError(path, "the easy-read file has no title")
    found_links = tuple(
        Span(m[1], m[2]) for b in blocks if isinstance(b, Idea) for s in b.sentences for m in LINK.finditer(s)
    )
    recorded = meta.get("reviewed_text_sha256")
    return EasyRead(
        title=title,
        blocks=tuple(blocks),
        origin=str(path),
        reviewed_by=str(meta.get("reviewed_by") or "") or None,
        reviewed_on=_date(path, meta.get("reviewed_on")),
        links=found_links or links,
        changed_since_review=(body_fingerprint(body) != recorded) if recorded else None,
    )


def read_easy_file(path: Path, *, links: tuple[Span, ...] = ()) -> EasyRead:
    return parse_easy_markdown(path, read_text(path), links=links)


def easy_lines(text: str) -> tuple[list[tuple[int, int, str, int]], list[str]]:
    """Sentences of an easy-read file with where they stand: (line, column, text, paragraph),
    plus the words the file explains. Headings and the title are not sentences."""
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        start = (end + 1) if end is not None else 0
    found: list[tuple[int, int, str, int]] = []
    explained: list[str] = []
    paragraph = 0
    for index in range(start, len(lines)):
        raw = lines[index]
        stripped = raw.strip()
        if not stripped:
            paragraph += 1
            continue
        if stripped.startswith("#") or stripped.startswith("<!--"):
            paragraph += 1
            continue
        column = len(raw) - len(raw.lstrip()) + 1
        body = _TRAILING_NOTE.sub("", stripped)
        if body.startswith(("- ", "* ")):
            body, column = body[2:].strip(), column + 2
        if m := _EXPLANATION.match(body):
            explained.append(m["word"].strip())
        found.append((index + 1, column, plain_sentence(body), paragraph))
    return found, explained
