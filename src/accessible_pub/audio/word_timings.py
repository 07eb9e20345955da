"""When each word is heard: the voice's phoneme timings turned into word timings.

Two steps, each a plain sequence alignment:

1. *Spoken words to the voice's phonemes* (`spoken_word_times`). Piper says how many samples
   each phoneme took, but espeak-ng runs words together ("of the" is one run, "ʌvðə"; a
   number is several words) and sounds a word a little differently in context, so the words
   cannot be counted off the spaces. Instead each spoken word is phonemised on its own and
   the words' phonemes, end to end, are matched letter by letter with the phonemes the voice
   said: a word lasts from its first matched phoneme to its last. When too little matches,
   the sentence is not timed word by word (None).
2. *Printed words to spoken words* (`place_words`). The spoken text differs from the printed
   one ("10am" is said "10 A M", "e.g." "for example"): each printed word is turned into
   speech on its own, the two word lists are matched, and a printed word takes the time of
   the spoken words that stand for it. Every printed word
   gets one timing. When the voice gave no word times, the sentence's time is spread over its
   printed words by syllables, and the result says it is an estimate.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

from .result import WordTiming

# Below this share of matching phoneme letters the match is a guess, not a timing.
LEAST_MATCH = 0.7
_STRESS = frozenset("ˈˌ")
# A spoken word: a pronunciation in phonemes ([[...]], which may hold spaces) or a run of non-spaces.
_SPOKEN_WORD = re.compile(r"\S*\[\[.*?\]\]\S*|\S+")
_VOWELS = re.compile(r"[aeiouy]+", re.IGNORECASE)


def spoken_words(text: str) -> list[str]:
    """The words of spoken text, as `spoken_word_times` expects them."""
    return _SPOKEN_WORD.findall(text)


def _sound(phoneme: str) -> str:
    """The letters of a phoneme that are sounds: no stress marks, spaces or punctuation."""
    return "".join(c for c in phoneme if unicodedata.category(c).startswith("L") and c not in _STRESS)


def spoken_word_times(
    word_phonemes: Sequence[str], said: Sequence[tuple[str, float, float]]
) -> list[tuple[float, float]] | None:
    """(start, end) for each word, given each word's phonemes said on its own and the
    phonemes the voice said, each with its (start, end); None when they do not match well
    enough to tell. A word with no phonemes (a lone mark) gets a moment where it stands."""
    ours: list[int] = []  # the word each of our phoneme letters belongs to
    letters: list[str] = []
    for index, phonemes in enumerate(word_phonemes):
        for letter in _sound(phonemes):
            letters.append(letter)
            ours.append(index)
    theirs: list[tuple[str, float, float]] = []
    for phoneme, start, end in said:
        sound = _sound(phoneme)
        step = (end - start) / max(1, len(sound))
        theirs += [(letter, start + i * step, start + (i + 1) * step) for i, letter in enumerate(sound)]
    if not letters or not theirs:
        return None
    matcher = SequenceMatcher(None, letters, [t[0] for t in theirs], autojunk=False)
    if matcher.ratio() < LEAST_MATCH:
        return None
    spans: dict[int, list[float]] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag not in ("equal", "replace") or j2 == j1:
            continue
        for k in range(i1, i2):  # a replaced run is shared out in proportion
            j = j1 + (k - i1) * (j2 - j1) // (i2 - i1)
            span = spans.setdefault(ours[k], [theirs[j][1], theirs[j][2]])
            span[0], span[1] = min(span[0], theirs[j][1]), max(span[1], theirs[j][2])
    times: list[tuple[float, float]] = []
    last = theirs[0][1]
    for index, phonemes in enumerate(word_phonemes):
        if index in spans:
            start, end = spans[index]
            if start < last - 1e-6:  # out of order: the match is not to be trusted
                return None
            times.append((start, end))
            last = end
        elif _sound(phonemes):
            return None  # a word that was said but matched nothing
        else:
            times.append((last, last))
    return times


def _norm(word: str) -> str:
    return re.sub(r"[^\w']|_", "", word.lower()).strip("'")


def syllables(word: str) -> int:
    """About how many syllables a printed word has (digits count one each): for estimates."""
    word = _norm(word)
    if not word:
        return 0
    digits = sum(c.isdigit() for c in word)
    letters = re.sub(r"\d", "", word)
    groups = len(_VOWELS.findall(letters))
    if letters.endswith("e") and groups > 1 and not letters.endswith(("le", "ee")):
        groups -= 1  # a silent e
    return digits + (max(1, groups) if letters else 0)


def spread_words(words: Sequence[str], *, start: float, end: float) -> tuple[WordTiming, ...]:
    """An estimate: the time from start to end shared out over the words by syllables."""
    weights = [syllables(word) for word in words]
    total = sum(weights) or 1
    out, at = [], start
    for word, weight in zip(words, weights, strict=True):
        length = (end - start) * weight / total
        out.append(WordTiming(text=word, start=_within(at, start, end), end=_within(at + length, start, end)))
        at += length
    return tuple(out)


def place_words(
    printed: str,
    said: Sequence[WordTiming] | None,
    *,
    start: float,
    end: float,
    say: Callable[[str], str] = str,
) -> tuple[tuple[WordTiming, ...], bool]:
    """Each printed word of a sentence with when it is heard, and whether that is an estimate.
    `said`: the spoken words with their times from the start of the sentence's clip (None when
    the voice gave none); `start`/`end`: where the sentence is heard in the file; `say`: how a
    printed word is said ("10am" -> "10 A M"), so that it is matched with the words said for it."""
    words = printed.split()
    if not words:
        return (), False
    if not said:
        return spread_words(words, start=start, end=end), True
    ours: list[str] = []  # the printed words as said, word by word
    owner: list[int] = []  # the printed word each of those stands for
    for index, word in enumerate(words):
        for token in spoken_words(say(word)) or [word]:
            if norm := _norm(token):  # a lone mark is not said: it matches nothing
                ours.append(norm)
                owner.append(index)
    theirs = [_norm(w.text) for w in said]
    spans: dict[int, tuple[float, float]] = {}

    def heard(index: int, first: float, final: float) -> None:
        known = spans.get(index)
        spans[index] = (first, final) if known is None else (min(known[0], first), max(known[1], final))

    matcher = SequenceMatcher(None, ours, theirs, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                heard(owner[i1 + k], said[j1 + k].start, said[j1 + k].end)
        elif tag == "replace":  # said otherwise than we thought: share out the time of what was said
            shared = spread_words(ours[i1:i2], start=said[j1].start, end=said[j2 - 1].end)
            for k, timing in enumerate(shared):
                heard(owner[i1 + k], timing.start, timing.end)
        elif tag == "insert" and i1 > 0:  # said but not printed: the word before lasts on
            heard(owner[i1 - 1], said[j1].start, said[j2 - 1].end)
    out: list[WordTiming] = []
    last = 0.0
    length = end - start
    for index, word in enumerate(words):
        first, final = spans.get(index, (last, last))  # printed but not said: a moment where it stands
        first = min(max(first, last), length)
        final = min(max(final, first), length)
        out.append(
            WordTiming(
                text=word, start=_within(start + first, start, end), end=_within(start + final, start, end)
            )
        )
        last = final
    return tuple(out), False


def _within(seconds: float, start: float, end: float) -> float:
    """To the millisecond, never outside the sentence."""
    return min(max(round(seconds, 3), start), end)
