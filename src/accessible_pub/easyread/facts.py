"""Key facts (easy-read rule 19): names, dates, times, places, numbers, money and links.

The simplifier may reword everything else, but these must reach the easy-read version. This
module finds them in the original and lists any the easy-read text lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import BulletList, Caption, EasyRead, Post
from ..text import MONTHS
from .data import WordData, word_data
from .document import LINK, explanation_sentence, plain_sentence
from .transforms import new_in_aside, numbers_as_digits, split_sentences

_MONTHS = "|".join(MONTHS)
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_PATTERNS = {
    "money": re.compile(r"[£$€]\s?\d[\d,]*(?:\.\d{2})?"),
    "time": re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)", re.IGNORECASE),
    "date": re.compile(
        rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})(?:\s+\d{{4}})?|\b(?:{_MONTHS})\s+\d{{4}}|\b(?:{_DAYS})s?\b"
    ),
    "phone": re.compile(r"\b0\d{3,4}(?: \d{3,4}){1,2}\b"),
    "postcode": re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b"),
    "number": re.compile(r"(?<![\w£$€.:/])\d+(?:[.,]\d+)?(?![\w:])"),
}
# Capitalised words that are not names when they start a phrase or stand alone.
_NOT_NAMES = {
    "I",
    "The",
    "A",
    "An",
    "This",
    "That",
    "We",
    "You",
    "It",
    "If",
    "And",
    "But",
    "So",
    "Or",
    "What",
    "When",
    "Where",
    "How",
    "Why",
    "Who",
    "My",
    "Our",
    "Your",
    "They",
    "He",
    "She",
    "There",
    "In",
    "On",
    "At",
    "For",
    "To",
    "Of",
    "As",
    "By",
    "With",
    "After",
    "Fine",
    "Everything",
    "Everyone",
    "Nobody",
    "Someone",
    "People",
    "Many",
    "Places",
    "Date",
    "Time",
    "Place",
    "Cost",
    "Choice",
}


@dataclass(frozen=True)
class Fact:
    kind: str
    value: str


def _name_words(sentence: str) -> list[str]:
    """Capitalised words that do not start the sentence: the words of names and places."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9'’-]*[A-Za-z0-9]|[A-Za-z]", sentence)
    return [
        w.rstrip("'’")
        for w in words[1:]
        if w[:1].isupper() and w not in _NOT_NAMES and not w.isupper() and len(w) > 1
    ]


_SAME_MARKS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "–": "-", "—": "-", "‑": "-", "\u00a0": " "})


def normal_form(text: str) -> str:
    """Curly and straight apostrophes, dashes and runs of spaces are the same fact (King’s, King's)."""
    text = " ".join(text.translate(_SAME_MARKS).split())
    return re.sub(r"\s*-\s*(?=\d)", "-", text)  # '1914 - 1918' and '1914-1918'


_BRACKETED = re.compile(r"\s*\(([^()]*)\)")


def _without_repeats(text: str) -> str:
    """The text less what the easy read drops on purpose from asides because it is no fact of
    its own: '44 miles (71 km)' is one distance, '(see table 3)' points elsewhere."""
    if "(" not in text:
        return text

    def new(m: re.Match[str]) -> str:
        kept = new_in_aside(text[: m.start()], m[1])
        return f" ({kept})" if kept else ""

    return _BRACKETED.sub(new, text)


def facts_in(text: str, data: WordData | None = None) -> set[Fact]:
    data = data or word_data()
    text = numbers_as_digits(_without_repeats(normal_form(text)), data)  # 'three' and '3' are the same fact
    facts: set[Fact] = set()
    for kind, pattern in _PATTERNS.items():
        for m in pattern.finditer(text):
            facts.add(Fact(kind, " ".join(m[0].split())))
    for sentence in split_sentences(text):
        facts.update(Fact("name", word) for word in _name_words(sentence))
    return facts


def original_text(post: Post) -> str:
    parts = [post.author or "", post.author_role or ""]
    if post.date:
        parts.append(f"{post.date.day} {post.date:%B %Y}")
    for block in post.blocks:
        if isinstance(block, BulletList):
            parts += [t.rstrip(".") + "." for t in block.texts]
        elif isinstance(block, Caption):
            continue  # the easy read leaves picture captions out (see make_easy_read)
        else:
            parts.append(block.text)
    parts += [f"Link {span.href}." for span in post.links]
    return "\n".join(p.rstrip(". ") + "." for p in parts if p)


def easy_text(easy: EasyRead) -> str:
    parts = [plain_sentence(s) for s in easy.sentences]
    parts += [plain_sentence(explanation_sentence(e)) for e in easy.explanations]
    parts += [f"Link {m[2]}." for s in easy.sentences for m in LINK.finditer(s)]
    parts += [f"Link {span.href}." for span in easy.links]
    return "\n".join(parts)


def missing_facts(post: Post, easy: EasyRead, *, data: WordData | None = None) -> list[Fact]:
    """Facts of the original that the easy-read version does not state."""
    data = data or word_data()
    kept_text = numbers_as_digits(normal_form(easy_text(easy)), data)
    kept = facts_in(kept_text, data)
    kept_values = {f.value.lower() for f in kept}
    missing = []
    for fact in sorted(facts_in(original_text(post), data), key=lambda f: (f.kind, f.value)):
        value = fact.value.lower()
        if value in kept_values or value in kept_text.lower():
            continue
        missing.append(fact)
    return missing
