"""An easy-read file as the review desk sees it: its ideas as rows, changed one idea at a time.

The file stays the truth. A change rewrites only the lines of the idea it is about (or only
the front matter), so every other line is what it was and `git diff` shows just the change.
Ideas are numbered as the build numbers them (`parse_easy_markdown`): paragraphs that hold a
sentence, in order; titles, headings and comment-only paragraphs are not ideas.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from ..content.fields import read_text
from ..easyread import pictures
from ..easyread.document import explanation_sentence, plain_sentence
from ..errors import AccessiblePubError, PostError
from ..model import Explanation, Picture, Post

_PICTURE = re.compile(r"^<!--\s*picture:\s*([\w-]+)\s*-->$")
_EXPLANATION = re.compile(r"^\*\*(?P<word>[^*]+)\*\*\s+means\s+(?P<meaning>.+?)\.?$")
MAX_SENTENCE = 400  # characters: a sentence longer than this is pasted text, not a sentence
MAX_NOTE = 1000
MAX_ALIGNMENT = 400_000  # sentences x ideas: a long festival post is 100 x 40

# Front matter keys the desk writes (the build ignores them; they travel with the file in git).
HARD = "hard_to_understand"  # [{sentence: ..., note: ...}]
OVERRIDE = "signed_off_despite"  # why a group signed off while the rules still found errors
LOOKED = "looked_at"  # ideas of a generated draft a person has looked at (keys of their lines)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class IdeaText:
    """One idea as written in the file."""

    sentences: tuple[str, ...]
    explanations: tuple[Explanation, ...] = ()
    picture: str | None = None  # the name in `<!-- picture: NAME -->`; None: chosen from the words
    bullets: bool = False
    kept: tuple[str, ...] = ()  # other lines the desk does not edit (comments), kept as they were
    title: str | None = None  # a '# title' line written in the same paragraph


@dataclass(frozen=True)
class Row:
    """Where an idea stands in the file: lines[start:end], and what each line is."""

    start: int
    end: int
    idea: IdeaText
    # for each line of the paragraph: ("sentence", k), ("explanation", k) or ("other", 0)
    roles: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Draft:
    path: Path
    text: str
    meta: dict[str, Any]
    lines: tuple[str, ...]
    rows: tuple[Row, ...]
    headings: dict[int, str] = field(default_factory=dict)  # heading text before idea n

    @property
    def version(self) -> str:
        return digest(self.text)

    def idea_version(self, index: int) -> str:
        row = self.rows[index]
        return digest("\n".join(self.lines[row.start : row.end]))

    @property
    def generated(self) -> bool:
        """Written by the generator (`simplify`): its ideas wait for a person to look at them."""
        return bool(self.meta.get("generated_by"))

    def looked_at(self, index: int) -> bool:
        """A person has looked at this idea as it is now (a change in an editor undoes that)."""
        keys = self.meta.get(LOOKED)
        return not self.generated or (isinstance(keys, list) and idea_key(self, index) in keys)


def idea_key(draft: Draft, index: int) -> str:
    return draft.idea_version(index)[:12]


def with_looked_at(draft: Draft, index: int) -> str:
    """Record that a person has looked at idea `index` (keys of ideas no longer there are dropped)."""
    if not draft.generated:
        return draft.text
    present = {idea_key(draft, i) for i in range(len(draft.rows))}
    keys = draft.meta.get(LOOKED)
    kept = [k for k in keys if k in present] if isinstance(keys, list) else []
    return with_meta(draft.text, **{LOOKED: sorted({*kept, idea_key(draft, index)})})


def _body_start(lines: list[str]) -> int:
    """The index of the first body line, after the front matter (as `easy_lines` reads it)."""
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        return (end + 1) if end is not None else 0
    return 0


def _paragraphs(lines: list[str], start: int) -> list[tuple[int, int]]:
    found, begin = [], None
    for index in range(start, len(lines) + 1):
        blank = index == len(lines) or not lines[index].strip()
        if blank and begin is not None:
            found.append((begin, index))
            begin = None
        elif not blank and begin is None:
            begin = index
    return found


def _read_idea(lines: list[str]) -> tuple[IdeaText, tuple[tuple[str, int], ...]] | None:
    sentences: list[str] = []
    explanations: list[Explanation] = []
    kept: list[str] = []
    roles: list[tuple[str, int]] = []
    picture, bullets, title = None, False, None
    for position, raw in enumerate(lines):
        line = raw.strip()
        if position == 0 and line.startswith("# "):
            title = line[2:].strip()
            roles.append(("other", 0))
        elif m := _PICTURE.match(line):
            picture = m[1]
            roles.append(("other", 0))
        elif line.startswith("<!--") and line.endswith("-->"):
            kept.append(line)
            roles.append(("other", 0))
        elif m := _EXPLANATION.match(line):
            roles.append(("explanation", len(explanations)))
            explanations.append(Explanation(m["word"].strip(), m["meaning"].strip()))
        else:
            if line.startswith(("- ", "* ")):
                bullets, line = True, line[2:].strip()
            roles.append(("sentence", len(sentences)))
            sentences.append(line)
    if not sentences:
        return None
    return IdeaText(tuple(sentences), tuple(explanations), picture, bullets, tuple(kept), title), tuple(roles)


def parse_draft(path: Path, text: str) -> Draft:
    """The desk's view of an easy-read file; PostError naming the file when it cannot be read."""
    try:
        meta, _ = frontmatter.parse(text)
    except yaml.YAMLError as exc:
        raise PostError(path, "front matter is not valid YAML; check the lines between '---'") from exc
    lines = text.splitlines()
    rows: list[Row] = []
    headings: dict[int, str] = {}
    for start, end in _paragraphs(lines, _body_start(lines)):
        chunk = [line.strip() for line in lines[start:end]]
        if len(chunk) == 1 and chunk[0].startswith("## "):
            headings[len(rows)] = chunk[0][3:].strip()
            continue
        if len(chunk) == 1 and chunk[0].startswith("# "):
            continue
        read = _read_idea(lines[start:end])
        if read is not None:
            rows.append(Row(start, end, read[0], read[1]))
    return Draft(path, text, dict(meta), tuple(lines), tuple(rows), headings)


def read_draft(path: Path) -> Draft:
    return parse_draft(path, read_text(path))


def idea_lines(idea: IdeaText) -> list[str]:
    """An idea written back in the file's format (see README: one sentence a line, ...)."""
    lines = [f"# {idea.title}"] if idea.title else []
    lines += list(idea.kept)
    if idea.picture:
        lines.append(f"<!-- picture: {idea.picture} -->")
    lines += [f"- {s}" if idea.bullets else s for s in idea.sentences]
    return lines + [explanation_sentence(e) for e in idea.explanations]


def with_idea(draft: Draft, index: int, idea: IdeaText) -> str:
    """The file's text with idea `index` replaced; every other line as it was."""
    row = draft.rows[index]
    lines = [*draft.lines[: row.start], *idea_lines(idea), *draft.lines[row.end :]]
    return "\n".join(lines) + "\n"


def with_meta(text: str, **changes: object) -> str:
    """The file's text with front matter keys set (None removes a key); the body as it was."""
    lines = text.splitlines()
    start = _body_start(lines)
    meta, _ = frontmatter.parse(text)
    for key, value in changes.items():
        if value is None:
            meta.pop(key, None)
        else:
            meta[key] = value
    header = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) if meta else ""
    body = lines[start:]
    return "\n".join(["---", *header.splitlines(), "---", *body]) + "\n"


# ---- what the desk shows beside an idea -----------------------------------------------------


def highlighted(sentence: str, words: list[str]) -> list[tuple[str, bool]]:
    """A sentence cut into (text, is a hard word this idea explains) parts, for highlighting."""
    if not words:
        return [(sentence, False)]
    pattern = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    parts, last = [], 0
    for m in re.finditer(rf"(?<![\w-])(?:{pattern})(?![\w-])", sentence, re.IGNORECASE):
        parts += [(sentence[last : m.start()], False), (m[0], True)]
        last = m.end()
    return [p for p in [*parts, (sentence[last:], False)] if p[0]]


def shown(sentence: str) -> str:
    """A sentence as it is read: no link markup, bold or silencing comments."""
    return re.sub(r"\s*<!--.*?-->", "", plain_sentence(sentence)).strip()


def picture_of(idea: IdeaText) -> Picture | None:
    """The picture the build will show beside an idea (as `parse_easy_markdown` chooses it)."""
    try:
        if idea.picture:
            return pictures.picture(idea.picture)
    except AccessiblePubError:
        return None
    return pictures.choose([plain_sentence(s) for s in idea.sentences])


def originals_by_idea(post: Post, draft: Draft) -> dict[int, list[str]]:
    """The post's sentences each easy-read idea most likely came from, in order (an alignment on
    shared words: ideas and sentences keep their order, each sentence goes to one idea)."""
    from ..plan import original_sentences

    originals = original_sentences(post)
    if not draft.rows or not originals or len(originals) * len(draft.rows) > MAX_ALIGNMENT:
        return {}  # nothing to show, or a post so long that lining it up would keep the page waiting

    def content(text: str) -> set[str]:
        return {w.lower() for w in re.findall(r"[A-Za-z']{4,}", text)}

    ideas = [content(" ".join(r.idea.sentences)) for r in draft.rows]
    n, m = len(originals), len(ideas)
    # best[j][i]: the most shared words with sentence j in idea i and every earlier one in order
    best = [[0] * m for _ in range(n)]
    back = [[0] * m for _ in range(n)]
    for j, sentence in enumerate(originals):
        words = content(sentence)
        running, arg = -1, 0
        for i in range(m):
            if j and best[j - 1][i] > running:
                running, arg = best[j - 1][i], i
            best[j][i] = len(words & ideas[i]) + (running if j else 0)
            back[j][i] = arg
    out: dict[int, list[str]] = {}
    i = max(range(m), key=lambda k: best[n - 1][k])
    for j in range(n - 1, -1, -1):
        out.setdefault(i, []).insert(0, originals[j])
        i = back[j][i]
    return out


# ---- checking what a reviewer typed ---------------------------------------------------------


class EditRefused(ValueError):
    """What a reviewer typed cannot be saved as it is; the message says why in plain words."""


def clean_sentences(typed: str) -> tuple[str, ...]:
    """Sentences typed one a line (a new line splits a sentence, one line joins two)."""
    sentences = []
    for raw in typed.replace("\r\n", "\n").split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        if line.startswith(("#", "<!--", "---")):
            raise EditRefused(f"A sentence cannot start with “{line[:4]}”. Please start it with a word.")
        if line.startswith(("- ", "* ")):
            line = line[2:].strip()
        if _EXPLANATION.match(line):
            raise EditRefused("To explain a hard word, please use the boxes for hard words below.")
        if len(line) > MAX_SENTENCE:
            raise EditRefused(f"One sentence is {len(line)} letters long. Please make it shorter.")
        sentences.append(line)
    if not sentences:
        raise EditRefused("An idea needs at least one sentence.")
    return tuple(sentences)


def clean_explanation(word: str, meaning: str) -> Explanation | None:
    word, meaning = " ".join(word.split()), " ".join(meaning.split()).rstrip(".")
    if not word and not meaning:
        return None
    if not word or not meaning:
        raise EditRefused("An explanation needs the hard word and what it means.")
    if "*" in word or len(word) > 60:
        raise EditRefused("The hard word must be a short word or words, without stars.")
    if len(meaning) > MAX_SENTENCE:
        raise EditRefused("The explanation is very long. Please make it shorter.")
    return Explanation(word, meaning)


# ---- "hard to understand" marks --------------------------------------------------------------


@dataclass(frozen=True)
class HardMark:
    sentence: str
    note: str


def hard_marks(draft: Draft) -> list[HardMark]:
    marks = draft.meta.get(HARD)
    if not isinstance(marks, list):
        return []
    return [
        HardMark(str(m.get("sentence", "")), str(m.get("note", "")))
        for m in marks
        if isinstance(m, dict) and m.get("sentence")
    ]


def with_hard_mark(draft: Draft, sentence: str, note: str | None) -> str:
    """Mark a sentence hard to understand (note given), or remove its mark (note None)."""
    kept = [m for m in hard_marks(draft) if m.sentence != sentence]
    if note is not None:
        kept.append(HardMark(sentence, " ".join(note.split())[:MAX_NOTE]))
    value = [{"sentence": m.sentence, "note": m.note} for m in kept] or None
    return with_meta(draft.text, **{HARD: value})
