"""Plain-text pieces every stage shares: what counts as a word, how a time is written.

Light on purpose (only `re`): the audio stage counts words without loading the readability
scorer (textstat and its dictionary).
"""

from __future__ import annotations

import re

# A word: letters, with inner apostrophes or hyphens ("don't", "co-production").
WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['’-][A-Za-z\u00C0-\u024F]+)*")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def timestamp(seconds: float) -> str:
    """HH:MM:SS.mmm: a WebVTT timestamp, and a SMIL full clock value too."""
    ms = int(round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"
