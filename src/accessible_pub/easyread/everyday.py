"""Everyday words for hard ones, by part of speech: 'utilised' -> 'used', 'commence' -> 'start'.

The table (`data/everyday_words.tsv.gz`) is written at development time by
`scripts/make_everyday_words.py` from WordNet and wordfreq: only words whose every sense shares
the everyday word, so a swap cannot land in the wrong sense. Here the parse says which part of
speech a word is in this sentence, and the everyday word takes the same form (verb forms from
`verbs.py`, plurals by rule). Beside it, `data/everyday_by_pos.tsv` holds swaps read by hand,
most of them the ones ASSET's human simplifications make ('derives from' -> 'comes from'), each
with the context it is right in. The festival's own `plain_words` list and glossary come first: a
word they know is left to them, and names are never touched.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from typing import TYPE_CHECKING

from .data import WordData
from .parse import parse
from .verbs import inflect, verb_lemmas

if TYPE_CHECKING:  # the parser is imported only when a sentence is parsed
    from spacy.tokens import Token

_POS = {
    "NN": "n",
    "NNS": "n",
    "VB": "v",
    "VBP": "v",
    "VBZ": "v",
    "VBD": "v",
    "VBN": "v",
    "VBG": "v",
    "JJ": "a",
    "RB": "r",
}


@cache
def table() -> dict[tuple[str, str], str]:
    """(part of speech, hard lemma) -> everyday lemma: WordNet's table, then the project's own
    list by part of speech (`data/everyday_by_pos.tsv`), which wins."""
    data = files("accessible_pub") / "data"
    raw = gzip.decompress((data / "everyday_words.tsv.gz").read_bytes()).decode("utf-8")
    found = {}
    for line in [*raw.splitlines(), *_by_pos_lines()]:
        if line.strip() and not line.startswith("#"):
            pos, word, plain = line.split("\t")[:3]
            found[(pos, word)] = plain
    return found


def _by_pos_lines() -> list[str]:
    return (files("accessible_pub") / "data" / "everyday_by_pos.tsv").read_text(encoding="utf-8").splitlines()


@dataclass(frozen=True)
class _Context:
    """Where a hand-read swap is right (the fourth column of `everyday_by_pos.tsv`): only in some
    forms ('was established in 1897' is 'was set up', 'the report established this' is not
    'set up this'), only just before a preposition ('derives from' -> 'comes from', not 'derives
    pleasure from' or 'derives its name from'), never before a word ('remains to be seen'), only
    before a plural noun ('multiple sclerosis' is not 'many sclerosis')."""

    tags: frozenset[str] = frozenset()  # 'VBN': the word's own tag is one of these
    before: frozenset[str] = frozenset()  # '+from': the next word is one of these
    not_before: frozenset[str] = frozenset()  # '-to': the next word is not this
    head_tags: frozenset[str] = frozenset()  # '@NNS': the noun it describes has this tag

    @classmethod
    def read(cls, column: str) -> _Context:
        items = column.split(",")

        def marked(mark: str) -> frozenset[str]:
            return frozenset(i[1:] for i in items if i.startswith(mark))

        return cls(frozenset(i for i in items if i[:1].isalpha()), *(marked(m) for m in "+-@"))

    def fits(self, token: Token) -> bool:
        doc = token.doc
        after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
        return (
            (not self.tags or token.tag_ in self.tags)
            and (not self.before or after in self.before)
            and after not in self.not_before
            and (not self.head_tags or token.head.tag_ in self.head_tags)
        )


@cache
def _contexts() -> dict[tuple[str, str], _Context]:
    return {
        (parts[0], parts[1]): _Context.read(parts[3])
        for parts in (line.split("\t") for line in _by_pos_lines() if not line.startswith("#"))
        if len(parts) == 4
    }


def _form_allowed(key: tuple[str, str], tag: str) -> bool:
    """A swap listed for some forms only is looked for in those forms only ('established' VBN)."""
    context = _contexts().get(key)
    return context is None or not context.tags or tag in context.tags


def _spellings(entries: Iterable[tuple[str, str]]) -> frozenset[str]:
    """Every spelling these (part of speech, word) entries may take in text."""
    forms = set()
    for pos, word in entries:
        forms.add(word)
        if pos == "n":
            forms.add(_plural(word))
        elif pos == "v":
            forms.update(f for tag in ("VBD", "VBN", "VBZ") for f in inflect(word, tag))
            forms.add(_ing(word))
    return frozenset(forms)


@cache
def _known_forms() -> frozenset[str]:
    """Every spelling a table word may take in text, to skip the parse when none is there."""
    return _spellings(table())


_IRREGULAR_PLURALS = {"child": "children", "man": "men", "woman": "women", "person": "people", "foot": "feet"}
_IRREGULAR_PLURALS |= {"tooth": "teeth", "mouse": "mice", "goose": "geese", "life": "lives", "wife": "wives"}


def _plural(noun: str) -> str:
    if noun in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[noun]
    if re.search(r"(?:s|x|z|ch|sh)$", noun):
        return noun + "es"
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    return noun + "s"


def _ing(verb: str) -> str:
    """'give' -> 'giving', 'stop' -> 'stopping', 'see' -> 'seeing' (the plain verbs' -ing forms)."""
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    if re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", verb):  # one syllable ending consonant-vowel-consonant
        return verb + verb[-1] + "ing"
    return verb + "ing"


# forms left alone: the verb table's 'gotten' is American, and 'the grant was got' is not English
_NO_FORM = {("get", "VBN")}


def _verb_form(plain: str, tag: str) -> str | None:
    """The plain verb (maybe 'take part', 'carry out') in the form `tag`: the first word changes."""
    head, _, rest = plain.partition(" ")
    if tag in ("VB", "VBP"):
        form: str | None = head
    elif tag == "VBG":
        form = _ing(head)
    else:
        form = None if (head, tag) in _NO_FORM else next(iter(inflect(head, tag)), None)
    return f"{form} {rest}".strip() if form else None


def _singulars(noun: str) -> list[str]:
    """What a plural may be the plural of: 'houses' -> 'house', 'boxes' -> 'box', 'meters' ->
    'meter' (not 'mete', whose plural is 'metes'), 'heroes' -> 'hero'; the table decides."""
    found = [noun[:-3] + "y"] if noun.endswith("ies") else []
    found += [noun[:-1], noun[:-2]] if noun.endswith("s") else []
    return [f for f in found if _plural(f) == noun or (noun.endswith("oes") and f == noun[:-2])]


def _everyday(word: str, tag: str) -> str | None:
    found = _entry(word, tag)
    return found[1] if found else None


def _entry(word: str, tag: str) -> tuple[tuple[str, str], str] | None:
    """The table's key for this word in this form, and its everyday word in the same form."""
    pos = _POS.get(tag)
    if pos is None:
        return None
    lower = word.lower()
    if pos == "n":
        singulars = _singulars(lower) if tag == "NNS" else [lower]
        key = next(
            (("n", f) for f in singulars if ("n", f) in table() and _form_allowed(("n", f), tag)), None
        )
        if key is None or (tag == "NNS" and table()[key].endswith("ing")):
            return None  # 'haemorrhages' is not 'bleedings'
        return key, _plural(table()[key]) if tag == "NNS" else table()[key]
    if pos == "v":
        lemmas = verb_lemmas(lower) if tag in ("VBZ", "VBD", "VBN") else (lower,)
        if tag == "VBG":  # 'utilising' -> 'utilise'; the table decides which stem is a verb
            stem = lower[:-3]
            lemmas = (stem, stem + "e", stem[:-1]) if lower.endswith("ing") else ()
        # the verb table spells lemmas the American way ('utilised' -> 'utilize')
        spellings = [s for lemma in lemmas for s in (lemma, lemma.replace("ize", "ise"))]
        key = next(
            (
                ("v", s)
                for s in spellings
                if ("v", s) in table() and _form_allowed(("v", s), tag) and _is_form(lower, s, tag)
            ),
            None,
        )
        if key is None and tag == "VBN" and ("a", lower) in table():  # 'he was baffled': the adjective's
            return ("a", lower), table()[("a", lower)]
        form = _verb_form(table()[key], tag) if key else None
        return (key, form) if key and form else None
    key = (pos, lower)
    return (key, table()[key]) if key in table() and _form_allowed(key, tag) else None


def _is_form(word: str, lemma: str, tag: str) -> bool:
    """'founded' is a form of 'found'; 'found' (VBD) is a form of 'find', not of 'found'."""
    if tag not in ("VBD", "VBN", "VBZ"):
        return True
    forms = inflect(lemma, tag) + inflect(lemma.replace("ise", "ize"), tag)
    return not forms or word in forms or word.replace("ise", "ize") in forms


def _fixed_use(token: Token, swap: str) -> bool:
    """Uses where a word's everyday synonym does not fit, whatever its sense: a noun in a
    compound ('candidate astronauts', 'stage fright'), a verb with a particle ('carry on'), a
    verb form before its noun ('participating firms' is not 'taking part firms'), a word in a
    hyphenated compound ('co-produce'), or a verb before 'that' ('provided that', 'requested
    that' is not 'asked for that')."""
    if token.dep_ in ("compound", "amod") and token.tag_.startswith("VB"):
        return True
    if token.dep_ == "compound" or any(child.dep_ in ("prt", "compound") for child in token.children):
        return True
    if token.tag_.startswith("VB") and any(c.lower_ == "with" and c.dep_ == "prep" for c in token.children):
        return True  # 'provided me with' is not 'gave me with'; 'provided food' is 'gave food'
    doc = token.doc
    if token.tag_.startswith("NN") and token.i > 0 and doc[token.i - 1].tag_ in ("NN", "NNS"):
        return True  # two nouns in a row are a compound even when the small parser misses it
    after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    joined = (token.i > 0 and doc[token.i - 1].text == "-") or after == "-"
    return joined or (token.tag_.startswith("VB") and after in ("that", "whether", "if", "as"))


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
            or not (found := _entry(token.text, token.tag_))
            or _fixed_use(token, found[1])
            or not _contexts().get(found[0], _Context()).fits(token)
        ):
            continue
        swap = found[1]
        swap = swap[:1].upper() + swap[1:] if token.text[:1].isupper() else swap
        swaps.append((token.idx, token.text, swap))
    return swaps


def everyday_words(sentence: str, data: WordData) -> str:
    """The sentence with each hard word the table knows swapped for its everyday word."""
    for at, word, swap in reversed(everyday_swaps(sentence, data)):
        sentence = sentence[:at] + swap + sentence[at + len(word) :]
    return sentence


# ---- meanings of hard words that stay ------------------------------------------------------


@cache
def _meanings() -> dict[tuple[str, str], str]:
    """(part of speech, hard lemma) -> a short meaning in everyday words, from WordNet
    (`data/word_meanings.tsv.gz`, written by scripts/make_everyday_words.py)."""
    raw = gzip.decompress((files("accessible_pub") / "data" / "word_meanings.tsv.gz").read_bytes())
    found = {}
    for line in raw.decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            pos, word, meaning = line.split("\t")
            found[(pos, word)] = meaning
    return found


@cache
def _meaning_forms() -> frozenset[str]:
    """Every spelling a word with a meaning may take, to parse only sentences that hold one."""
    return _spellings(_meanings())


def lemma_of(word: str, tag: str) -> str | None:
    """The dictionary form the meanings table knows a word by (the small pipeline here has no
    lemmatizer): 'delegates' NNS -> 'delegate', 'escalated' VBD -> 'escalate'."""
    lower = word.lower()
    pos = _POS.get(tag)
    if tag == "NNS":
        return next((f for f in _singulars(lower) if ("n", f) in _meanings()), None)
    if pos == "v" and tag != "VB":
        if tag == "VBG":
            stem = lower[:-3]
            options: tuple[str, ...] = (stem, stem + "e", stem[:-1])
        else:
            options = (*verb_lemmas(lower), lower)
        return next((f for f in options if ("v", f) in _meanings()), None)
    return lower


def may_have_meaning(word: str) -> bool:
    return word.lower() in _meaning_forms()


def meaning_for(token: Token) -> str | None:
    """What a hard word means, in the form it is used in ('escalated' -> 'increased in extent or
    intensity'; 'delegates' -> 'more than one ...'), or None: no meaning is known, or its
    form cannot be matched (an explanation must read as English after '<word> means')."""
    pos = _POS.get(token.tag_)
    if pos is None or token.pos_ == "PROPN":
        return None
    lemma = lemma_of(token.text, token.tag_)
    meaning = _meanings().get((pos, lemma)) if lemma else None
    if meaning is None:
        return None
    if token.tag_ == "NNS":
        # 'a', 'an' only: 'one thousand grams' would become 'more than one thousand grams'
        article = re.match(r"(?:a|an)\s+", meaning)
        return f"more than one {meaning[article.end() :]}" if article else None
    if pos != "v" or token.tag_ in ("VB", "VBP"):
        return f"to {meaning}" if pos == "v" else meaning
    head, _, rest = meaning.partition(" ")
    # a definition that does not open with a verb, or has a second verb that would stay in its
    # base form ('becoming smaller or lose substance'), cannot take the word's form
    second_verb = any(inflect(m[1], "VBZ") for m in re.finditer(r"\b(?:or|and)\s+(\w+)", rest))
    if not inflect(head, "VBZ") or second_verb:
        return None
    form = _verb_form(head, token.tag_)
    return f"{form} {rest}".strip() if form else None
