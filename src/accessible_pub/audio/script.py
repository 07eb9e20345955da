"""What is said, in order: one `Line` per sentence or heading, with the pause before it.

Building the script is separate from speaking it, so captions, chapters, read-along and the
cache all see the same sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..easyread.document import plain_sentence
from ..easyread.transforms import split_sentences
from ..model import (
    BulletList,
    Caption,
    EasyHeading,
    EasyRead,
    Explanation,
    Heading,
    Idea,
    Post,
    caption_sentence,
)

Pause = Literal["none", "sentence", "paragraph", "heading"]


@dataclass(frozen=True)
class Line:
    text: str  # as printed (captions, transcript)
    pause_before: Pause
    chapter: str | None = None  # set on the first line of a chapter


def _lines(groups: list[tuple[str | None, list[list[str]]]]) -> tuple[Line, ...]:
    """groups: (chapter title or None, paragraphs of sentences)."""
    out: list[Line] = []
    for chapter, paragraphs in groups:
        if chapter is not None:
            out.append(Line(chapter, "heading" if out else "none", chapter=chapter))
        for paragraph in paragraphs:
            for i, sentence in enumerate(paragraph):
                pause: Pause = "paragraph" if i == 0 else "sentence"
                out.append(Line(sentence, pause if out else "none"))
    return tuple(out)


def post_script(post: Post) -> tuple[Line, ...]:
    intro = []
    if post.author:
        intro.append(f"By {post.author}" + (f", {post.author_role}." if post.author_role else "."))
    if post.date:
        intro.append(f"{post.long_date}.")
    groups: list[tuple[str | None, list[list[str]]]] = [(post.title, [intro] if intro else [])]
    for block in post.blocks:
        if isinstance(block, Heading):
            groups.append((block.text, []))
        elif isinstance(block, BulletList):
            groups[-1][1].append(list(block.texts))
        elif isinstance(block, Caption):  # said where the picture is, inside the chapter (not one of its own)
            groups[-1][1].append([caption_sentence(block)])
        else:
            groups[-1][1].append(split_sentences(block.text))
    return _lines(groups)


def spoken_explanation(explanation: Explanation) -> str:
    """An explanation as it is said: 'The word agenda means ...'. On paper the word stands out
    in bold in its box; heard, a hard word that comes first with nothing before it was misheard
    in 6 of 19 lines by a speech recogniser ('agenda' as 'gender'), so the listener is told a
    word is coming. Captions, transcript and the read-along book show the same words."""
    return f"The word {plain_sentence(explanation.word)} means {plain_sentence(explanation.meaning)}."


def easy_read_script(easy: EasyRead) -> tuple[Line, ...]:
    groups: list[tuple[str | None, list[list[str]]]] = [(easy.title, [])]
    for block in easy.blocks:
        if isinstance(block, EasyHeading):
            groups.append((block.text, []))
        elif isinstance(block, Idea):
            sentences = [plain_sentence(s) for s in block.sentences]
            sentences += [spoken_explanation(e) for e in block.explanations]
            groups[-1][1].append(sentences)
    return _lines(groups)
