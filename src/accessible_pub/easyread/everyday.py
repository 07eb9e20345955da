"""Everyday words for hard ones, by part of speech: 'utilised' -> 'used', 'commence' -> 'start'.

The table (`data/everyday_words.tsv.gz`) is written at development time by
`scripts/make_everyday_words.py` from WordNet and wordfreq: only words whose every sense shares
the everyday word, so a swap cannot land in the wrong sense. Here the parse says which part of
speech a word is in this sentence, and the everyday word takes the same form (verb forms from
`verbs.py`, plurals by rule). The festival's own `plain_words` list and glossary come first: a
word they know is left to them, and names are never touched.
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from importlib.resources import files

from .data import WordData
from .parse import parse
from .verbs import inflect, verb_lemmas

_POS = {
    "NN": "n",
    "NNS": "n",
    "VB": "v",
    "VBP": "v",
    "VBZ": "v",
    "VBD": "v",
    "VBN": "v",
    "JJ": "a",
    "RB": "r",
}


@cache
def table() -> dict[tuple[str, str], str]:
    raw = gzip.decompress((files("accessible_pub") / "data" / "everyday_words.tsv.gz").read_bytes())
    found = {}
    for line in raw.decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            pos, word, plain = line.split("\t")
            found[(pos, word)] = plain
    return found


@cache
def _known_forms() -> frozenset[str]:
    """Every spelling a table word may take in text, to skip the parse when none is there."""
    forms = set()
    for pos, word in table():
        forms.add(word)
        if pos == "n":
            forms.add(_plural(word))
        elif pos == "v":
            forms.update(f for tag in ("VBD", "VBN", "VBZ") for f in inflect(word, tag))
    return frozenset(forms)


def _plural(noun: str) -> str:
    if re.search(r"(?:s|x|z|ch|sh)$", noun):
        return noun + "es"
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    return noun + "s"


def _singulars(noun: str) -> list[str]:
    """What a plural may be the plural of: 'houses' -> 'house' or 'hous'; the table decides."""
    found = [noun[:-3] + "y"] if noun.endswith("ies") else []
    return found + [noun[:-1], noun[:-2]] if noun.endswith("s") else found


def _everyday(word: str, tag: str) -> str | None:
    pos = _POS.get(tag)
    if pos is None:
        return None
    lower = word.lower()
    if pos == "n":
        singulars = _singulars(lower) if tag == "NNS" else [lower]
        plain = next((table()[("n", f)] for f in singulars if ("n", f) in table()), None)
        return _plural(plain) if plain and tag == "NNS" else plain
    if pos == "v":
        lemmas = verb_lemmas(lower) if tag in ("VBZ", "VBD", "VBN") else (lower,)
        # the verb table spells lemmas the American way ('utilised' -> 'utilize')
        spellings = [s for lemma in lemmas for s in (lemma, lemma.replace("ize", "ise"))]
        plain = next((table()[("v", s)] for s in spellings if ("v", s) in table()), None)
        if plain is None and tag == "VBN":  # 'he was baffled': the adjective's everyday word
            return table().get(("a", lower))
        if plain is None or tag in ("VB", "VBP"):
            return plain
        forms = inflect(plain, tag)
        return forms[0] if forms else None
    return table().get((pos, lower))


def everyday_swaps(sentence: str, data: WordData) -> list[tuple[int, str, str]]:
    """(character offset, hard word, everyday word) for each swap `everyday_words` makes."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", sentence)}
    if not words & _known_forms():
        return []  # nothing to swap: no parse
    keep = set(data.plain_words) | {f.lower() for f in data.glossary_forms}
    swaps = []
    for token in parse(sentence):
        if (
            token.lower_ in keep
            or token.pos_ == "PROPN"
            or (token.i > 0 and token.text[:1].isupper())
            or not (swap := _everyday(token.text, token.tag_))
        ):
            continue
        swap = swap[:1].upper() + swap[1:] if token.text[:1].isupper() else swap
        swaps.append((token.idx, token.text, swap))
    return swaps


def everyday_words(sentence: str, data: WordData) -> str:
    """The sentence with each hard word the table knows swapped for its everyday word."""
    for at, word, swap in reversed(everyday_swaps(sentence, data)):
        sentence = sentence[:at] + swap + sentence[at + len(word) :]
    return sentence
