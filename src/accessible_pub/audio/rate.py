"""How fast a document is spoken, counted the way a listener hears it, and the length scale
that brings it to the target.

Words a minute count every word that is said: the speech text (after dates, times, money and
links are turned into words), with each number counted as the words it is said as ("2016" is
"twenty sixteen", two words; "150" is "one hundred fifty", three). The printed text's own word
count leaves numbers out and under-reports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z\u00C0-\u024F]+(?:['’-][A-Za-z\u00C0-\u024F]+)*")
_ONES = 20  # zero .. nineteen: one word each

# The easy-read target (shared/guides/audio.md): 140-150 words a minute including pauses.
EASY_READ_WPM = (140.0, 150.0)


def _cardinal_words(n: int) -> int:
    """How many words `n` is said as, American style as the voices say it (no 'and')."""
    if n < _ONES:
        return 1
    if n < 100:
        return 1 if n % 10 == 0 else 2
    for size in (10**12, 10**9, 10**6, 1000, 100):
        if n >= size:
            head, rest = divmod(n, size)
            return _cardinal_words(head) + 1 + (_cardinal_words(rest) if rest else 0)
    return 1  # not reached


def number_words(token: str) -> int:
    """Words said for a run of digits: '2016' -> 2 (a year), '3.5' -> 3, '1,000' -> 2."""
    if "." in token:
        whole, _, fraction = token.partition(".")
        return number_words(whole) + 1 + len(fraction.replace(",", ""))  # "three point five"
    digits = token.replace(",", "")
    if len(digits) > 15:
        return len(digits)  # said digit by digit
    n = int(digits)
    if len(digits) == 4 and "," not in token and 1100 <= n <= 2099 and not (2000 <= n <= 2009):
        # a year: "nineteen ninety", "twenty sixteen", "nineteen hundred", "nineteen oh five"
        high, low = divmod(n, 100)
        return _cardinal_words(high) + (1 if low == 0 else 2 if low < 10 else _cardinal_words(low))
    return _cardinal_words(n)


def spoken_word_count(speech_text: str) -> int:
    """Every word said for `speech_text` (the text the engine is given)."""
    return sum(number_words(token) if token[0].isdigit() else 1 for token in _TOKEN.findall(speech_text))


def words_per_minute(words: int, seconds: float) -> float:
    return round(words / (seconds / 60), 1) if seconds > 0 else 0.0


# Words a minute each rate preset aims for, as a range; the middle is aimed at.
RATE_TARGETS = {"slower": (115.0, 125.0), "easy-read": EASY_READ_WPM, "normal": (165.0, 175.0)}
# Below this many words a figure for the rate means little (the lead-in and the closing
# silence alone are a second), so a document that short keeps the preset's setting.
FEWEST_WORDS_TO_TUNE = 100


def speed_factor(*, words: int, speech_s: float, pause_s: float, target: tuple[float, float]) -> float | None:
    """How many times faster the speech itself must be for the document to land in the middle
    of `target`, or None when it is in range already (or too short to say). Pauses stay as
    they are, so only the speech time is scaled."""
    low, high = target
    total = speech_s + pause_s
    if words < FEWEST_WORDS_TO_TUNE or speech_s <= 0 or low <= words_per_minute(words, total) <= high:
        return None
    wanted_speech = words * 60 / ((low + high) / 2) - pause_s
    return speech_s / wanted_speech if wanted_speech > 0 else None


def wanted_speech_s(*, words: int, pause_s: float, target: tuple[float, float]) -> float | None:
    """Seconds of speech (pauses apart) that put a document in the middle of `target`; None when
    it is too short to tune or its pauses alone take that long."""
    low, high = target
    wanted = words * 60 / ((low + high) / 2) - pause_s
    return wanted if words >= FEWEST_WORDS_TO_TUNE and wanted > 0 else None


# ---- a voice's measured pace: how long a text takes to say, before it is said ----------------


@dataclass(frozen=True, kw_only=True)
class PiperPace:
    """How long a Piper voice takes to say a sentence, fitted by least squares to 571 sentences of
    the shipped posts spoken at length scales 1.1 to 1.68 (bench/audio.py `--pace` fits it
    again). Words are a poor measure (a document of short words ran 157 words a minute where
    one of long words ran 140 at the same setting); the phonemes the voice is given and the
    pauses it makes at commas predicted each document's speech time within -1.9 to +3.0 %.
    Most of it scales with length_scale; a little does not (each phoneme's length is rounded
    up to whole frames; a sentence's edges; the gap between runs, engine_piper.py)."""

    phoneme_s: float  # seconds a phoneme, times length_scale
    pause_s: float  # seconds a comma, semicolon, colon or dash, times length_scale
    phoneme_fixed_s: float  # seconds a phoneme at any length_scale
    sentence_s: float  # seconds a sentence at any length_scale
    gap_s: float = 0.12  # seconds between runs, at any length_scale


PIPER_PACE = {
    "piper:en_US-joe-medium": PiperPace(
        phoneme_s=0.0557, pause_s=0.3042, phoneme_fixed_s=0.0084, sentence_s=0.122
    )
}
_NOT_PHONEMES = frozenset(" \u02c8\u02cc\u02d0\u02b2.!?\u2026")  # spaces, stress, length, ends
_PAUSES = frozenset(",;:\u2014")


def piper_speech_s(runs: Sequence[Sequence[str]], *, length_scale: float, pace: PiperPace) -> float:
    """Seconds of speech for a text whose runs (Piper's sentences within our clauses) are these
    phoneme sequences."""
    phonemes = sum(1 for run in runs for p in run if p not in _NOT_PHONEMES and p not in _PAUSES)
    pauses = sum(1 for run in runs for p in run if p in _PAUSES)
    scaled = phonemes * pace.phoneme_s + pauses * pace.pause_s
    fixed = phonemes * pace.phoneme_fixed_s + pace.sentence_s + pace.gap_s * max(0, len(runs) - 1)
    return length_scale * scaled + fixed if runs else 0.0
