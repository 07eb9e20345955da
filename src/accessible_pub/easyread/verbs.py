"""Is this word a verb, in which form, and what are its other forms.

The answers are lemminflect's, verbs only: `scripts/make_verbs.py` writes them to
`data/verbs.tsv.gz` and a test checks every entry against lemminflect. lemminflect itself
loads every word class it knows, about 120 MB in a build; this table is a few MB.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib.resources import files


_TAGS = ("VBD", "VBN", "VBZ")


@cache
def _entries() -> dict[str, str]:
    """word -> the rest of its line, and '=lemma' -> its forms, split when asked for. One string
    an entry holds the table in about 10 MB; as tuples and sets it took 34."""
    text = gzip.decompress((files("accessible_pub") / "data" / "verbs.tsv.gz").read_bytes()).decode("utf-8")
    entries = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            kind, word, rest = line.split("\t", 2)
            entries[word if kind == "form" else f"={word}"] = rest
    return entries


def verb_lemmas(word: str) -> tuple[str, ...]:
    """The verbs `word` is a form of ('learnt' -> ('learn',)); empty when it is never a verb."""
    entry = _entries().get(word.lower())
    return tuple(entry.split("\t")[1].split("/")) if entry else ()


def inflect(lemma: str, tag: str) -> tuple[str, ...]:
    """A verb's `tag` forms (VBD, VBN or VBZ): ('learned', 'learnt') for learn, VBD."""
    entry = _entries().get(f"={lemma}")
    return tuple(filter(None, entry.split("\t")[_TAGS.index(tag)].split("/"))) if entry else ()


def is_verb_form(word: str, tag: str) -> bool:
    """True when `word` is the `tag` form of a verb ('knows' is VBZ, 'happened' is VBD)."""
    return any(word.lower() in inflect(lemma, tag) for lemma in verb_lemmas(word))


def only_ever_a_verb(word: str) -> bool:
    """A word that is a verb in every use ('exist', 'recognises'; not 'third', 'supports')."""
    entry = _entries().get(word.lower())
    return entry is not None and entry.startswith("1")


def is_only_verb(word: str) -> bool:
    """A word that can only be a verb: 'recognises' yes; 'supports' (also a noun) no."""
    return only_ever_a_verb(word) and is_verb_form(word, "VBZ")


def base_form(word: str) -> str:
    lemmas = verb_lemmas(word)
    return lemmas[0] if lemmas else word
