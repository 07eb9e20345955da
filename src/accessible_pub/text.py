"""Plain-text pieces every stage shares, written once: what counts as a word, link markup,
the names of the months, whether a quotation is still open, and how a length of time is
written.

Light on purpose (only `re`): the audio stage counts words without loading the readability
scorer (textstat and its dictionary), and the read-along book writes clip times without NumPy.
"""

from __future__ import annotations

import re

# A word: letters, with inner apostrophes or hyphens ("don't", "co-production").
WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['’-][A-Za-z\u00C0-\u024F]+)*")

# A link in easy-read text: [the words](https://address), as Markdown writes it.
# The address may hold balanced brackets, as CommonMark allows: (https://x.org/wiki/Mind_(charity))
LINK = re.compile(r"\[([^\]]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)")

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def words(text: str) -> list[str]:
    return WORD.findall(text)


def in_quotation(text: str) -> bool:
    """`text` ends inside a quotation it opened, in straight or curly marks."""
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


def whole_word(word: str) -> str:
    """A regular expression for `word` (or phrase) standing alone: not inside a longer word, nor
    joined to one by a hyphen ("care" is not found in "co-care" or "careful")."""
    return rf"(?<![\w-]){re.escape(word)}(?![\w-])"


def link_words(text: str) -> str:
    """Text with each link as its words only: `[the cafe](https://x.org)` -> `the cafe`."""
    return LINK.sub(r"\1", text)


def timestamp(seconds: float) -> str:
    """HH:MM:SS.mmm: a WebVTT timestamp, and a SMIL full clock value too."""
    ms = int(round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def clock(seconds: float) -> str:
    """HH:MM:SS to the nearest second (a podcast episode's duration)."""
    whole = int(round(seconds))
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def minutes_and_seconds(seconds: float) -> str:
    """M:SS to the nearest second (a table of lengths)."""
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def minutes_in_words(seconds: float) -> str:
    """'1 minute', '4 minutes': to the nearest minute, never less than one."""
    whole = max(1, round(seconds / 60))
    return "1 minute" if whole == 1 else f"{whole} minutes"
