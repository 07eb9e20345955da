"""Text as it should be *said*: dates, times, money, symbols and links turned into words.

These transforms change only what the engine hears, never the printed text. Like the
simplifier they are small `str -> str` functions applied in order; the pronunciation file
(`content/pronunciations.toml`, word -> how to say it) is applied last.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
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
    """Character by character, with a pause after each: 'LS1 3AB' -> 'L, S, 1. 3, A, B'
    (said in two runs, "3 A B" was heard as "free the bee")."""

    def spell(m: re.Match[str]) -> str:
        return ". ".join(", ".join(part) for part in m[0].split())

    return re.sub(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b", spell, text)


def abbreviations(text: str) -> str:
    """The same list the easy-read text uses (data/abbreviations.tsv): 'e.g.' -> 'for example'."""
    from ..easyread.data import word_data
    from ..easyread.transforms import expand_abbreviations

    return expand_abbreviations(text, word_data())


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


def load_pronunciations(path: Path) -> dict[str, str]:
    """`word = "how to say it"` lines; a missing file means no fixes."""
    if not (path.is_symlink() or path.exists()):
        return {}
    from ..content import real_file_inside

    if problem := real_file_inside(path, path.parent):  # a link to a secret must not be spoken
        raise ConfigError(f"{path}: {problem}")
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    bad = [k for k, v in table.items() if not isinstance(v, str)]
    if bad:
        raise ConfigError(f'{path}: each entry must be word = "how to say it" (check: {", ".join(bad)})')
    return dict(table)


def apply_pronunciations(text: str, pronunciations: Mapping[str, str]) -> str:
    for word in sorted(pronunciations, key=len, reverse=True):
        text = re.sub(whole_word(word), pronunciations[word], text, flags=re.IGNORECASE)
    return text


def spoken(text: str, pronunciations: Mapping[str, str] | None = None) -> str:
    for transform in SPEECH_TRANSFORMS:
        text = transform(text)
    return apply_pronunciations(text, pronunciations or {})
