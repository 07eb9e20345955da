"""Text as it should be *said*: dates, times, money, symbols and links turned into words.

These transforms change only what the engine hears, never the printed text. Like the
simplifier they are small `str -> str` functions applied in order; the pronunciation file
(`content/pronunciations.toml`, word -> how to say it) is applied last.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path

from ..errors import ConfigError
from ..text import MONTHS, link_words, whole_word

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")

SpeechTransform = Callable[[str], str]


def links_to_words(text: str) -> str:
    """A link is said by its words; a bare address becomes 'there is a link in the text'."""
    text = link_words(text)
    text = _EMAIL.sub("the email address in the text", text)
    return _URL.sub("there is a link in the text", text)


def numeric_dates(text: str) -> str:
    def iso(m: re.Match[str]) -> str:
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        return f"{day} {MONTHS[month - 1]} {year}" if 1 <= month <= 12 and 1 <= day <= 31 else m[0]

    def dmy(m: re.Match[str]) -> str:
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        year += 2000 if year < 100 else 0
        return f"{day} {MONTHS[month - 1]} {year}" if 1 <= month <= 12 and 1 <= day <= 31 else m[0]

    text = re.sub(r"\b(\d{4})-(\d{2})-(\d{2})\b", iso, text)
    return re.sub(r"\b(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b", dmy, text)


def ordinal_days(text: str) -> str:
    """'Tuesday 21st June' reads fine; '21/06' is handled above. Drop bare ordinal suffixes."""
    return re.sub(r"\b(\d{1,2})(st|nd|rd|th)\b", r"\1", text)


def clock_times(text: str) -> str:
    """'4:30pm' -> '4 30 P M', '9.05am' -> '9 oh 5 A M', '10am' -> '10 A M'."""

    def ampm(m: re.Match[str]) -> str:
        hour, minute = m[1], m[2]
        half = "A M" if m[3][0].lower() == "a" else "P M"
        if not minute or minute == "00":
            return f"{hour} {half}"
        if minute.startswith("0"):
            return f"{hour} oh {minute[1]} {half}"
        return f"{hour} {minute} {half}"

    pattern = r"\b(\d{1,2})(?:[:.](\d{2}))?\s?([ap](?:\.m\.|m))(?!\w)"
    text = re.sub(pattern, ampm, text, flags=re.IGNORECASE)
    return re.sub(r"\b([01]?\d|2[0-3]):00\b", r"\1 hundred", text)


def money(text: str) -> str:
    def pounds(m: re.Match[str]) -> str:
        whole, pence = m[1].replace(",", ""), m[2]
        unit = "pound" if whole == "1" else "pounds"
        return f"{whole} {unit}" + (f" {int(pence)}" if pence and int(pence) else "")

    text = re.sub(r"£\s?(\d[\d,]*)(?:\.(\d{2}))?", pounds, text)
    text = re.sub(
        r"\$\s?(\d[\d,]*)(?:\.(\d{2}))?",
        lambda m: f"{m[1]} dollars" + (f" {int(m[2])} cents" if m[2] and int(m[2]) else ""),
        text,
    )
    return re.sub(r"€\s?(\d[\d,]*)", r"\1 euros", text)


def percentages(text: str) -> str:
    return re.sub(r"(\d+(?:\.\d+)?)\s?%", r"\1 percent", text)


def phone_numbers(text: str) -> str:
    """UK phone numbers are read digit by digit, in their groups."""

    def digits(m: re.Match[str]) -> str:
        return ", ".join(" ".join(group) for group in m[0].split())

    return re.sub(r"\b0\d{3,4}(?: \d{3,4}){1,2}\b", digits, text)


def postcodes(text: str) -> str:
    """Character by character, each said on its own: 'LS1 3AB' -> 'L. S. 1. 3. A. B.' (said in
    two runs, "3 A B" was heard as "free the bee"; with commas, the A of "3, A, B" still ran on
    and was heard as "eight", a confusion people make on the phone too)."""

    def spell(m: re.Match[str]) -> str:
        said = " ".join(f"{c}." for c in m[0].replace(" ", ""))
        return (
            said[:-1]
            if m.string[m.end() : m.end() + 1] in (".", "!", "?") and m.end() < len(m.string)
            else said
        )

    return re.sub(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b", spell, text)


def abbreviations(text: str) -> str:
    """The same list the easy-read text uses (data/abbreviations.tsv): 'e.g.' -> 'for example'."""
    from ..easyread.data import word_data
    from ..easyread.transforms import expand_abbreviations

    return expand_abbreviations(text, word_data())


# "un" before a word of its own that is not a negative ("unless" is not "not less")
_NOT_NEGATIVE = frozenset({"unless"})
_UN_WORD = re.compile(r"\b([Uu]n)([a-z]{4,})\b")


def negative_prefixes(text: str) -> str:
    """'unable' -> 'un-able': a negative prefix given its own stress (the hyphen makes the voice
    stress "un", as people do when it matters). Unstressed, the voice's "un" was heard as "en"
    or "I'm" ("enable or I'm willing" for "unable or unwilling", "is a nun" for "is undone"):
    the word that carries the meaning turned into its opposite. Only where the rest is a
    common word in its own right, so 'under' and 'unique' stay whole."""
    from wordfreq import zipf_frequency

    def split(m: re.Match[str]) -> str:
        word = m[1] + m[2]
        if word.lower() in _NOT_NEGATIVE or zipf_frequency(m[2], "en") < 3.5:
            return word
        return f"{m[1]}-{m[2]}"

    return _UN_WORD.sub(split, text)


def pronoun_i(text: str) -> str:
    """'if I knew' -> 'if eye knew': after 'if' the voice left the pronoun unstressed and ran it
    into the words round it ("asked if I knew" was heard as "asked to find new"); given as the
    word "eye" it is stressed, as a person says it."""
    return re.sub(r"\b([Ii]f) I\b", r"\1 eye", text)


def symbols(text: str) -> str:
    text = text.replace("&", " and ").replace("+", " plus ").replace("**", "")
    text = re.sub(r"(?<=[A-Za-z])/(?=[A-Za-z])", " or ", text)
    text = re.sub(r"[“”\"]", "", text)
    text = re.sub(r"\s*[–—]\s*", ", ", text)
    return " ".join(text.split())


SPEECH_TRANSFORMS: tuple[SpeechTransform, ...] = (
    links_to_words,
    numeric_dates,
    ordinal_days,
    clock_times,
    money,
    percentages,
    phone_numbers,
    postcodes,
    abbreviations,
    symbols,
)
# How some words are said, not which: applied after the transforms above, with the
# pronunciation file, and left out of the words a listening check expects to hear.
RESPELLINGS: tuple[SpeechTransform, ...] = (negative_prefixes, pronoun_i)


def _table(text: str, where: str) -> dict[str, str]:
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: not valid TOML ({exc})") from exc
    bad = [k for k, v in table.items() if not isinstance(v, str)]
    if bad:
        raise ConfigError(f'{where}: each entry must be word = "how to say it" (check: {", ".join(bad)})')
    return dict(table)


@cache
def packaged_pronunciations() -> dict[str, str]:
    """English words the voice says so that listeners mishear them, fixed for every festival
    (accessible_pub/data/pronunciations.toml); a festival's own file can say a word otherwise."""
    from importlib.resources import files

    name = "pronunciations.toml"
    return _table(
        (files("accessible_pub") / "data" / name).read_text(encoding="utf-8"), f"accessible_pub/data/{name}"
    )


def load_pronunciations(path: Path) -> dict[str, str]:
    """The packaged fixes, then the festival's `word = "how to say it"` lines over them; a
    missing file means the packaged fixes only."""
    if not (path.is_symlink() or path.exists()):
        return dict(packaged_pronunciations())
    from ..content import real_file_inside

    if problem := real_file_inside(path, path.parent):  # a link to a secret must not be spoken
        raise ConfigError(f"{path}: {problem}")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    festival = _table(text, str(path))
    # the festival's spelling of a word replaces the packaged one, whatever its capitals
    ours = {
        k: v for k, v in packaged_pronunciations().items() if k.lower() not in {w.lower() for w in festival}
    }
    return ours | festival


def apply_pronunciations(text: str, pronunciations: Mapping[str, str]) -> str:
    for word in sorted(pronunciations, key=len, reverse=True):
        text = re.sub(whole_word(word), pronunciations[word], text, flags=re.IGNORECASE)
    return text


def spoken(text: str, pronunciations: Mapping[str, str] | None = None, *, respell: bool = True) -> str:
    """What the engine is given for `text`; with `respell=False`, the words it says, as words
    (what a listener, or the listening check, should hear)."""
    for transform in SPEECH_TRANSFORMS + (RESPELLINGS if respell else ()):
        text = transform(text)
    return apply_pronunciations(text, pronunciations or {}) if respell else text
