"""Plain-text pieces every stage shares: what counts as a word.

Light on purpose (only `re`): the audio stage counts words without loading the readability
scorer (textstat and its dictionary).
"""

from __future__ import annotations

import re

# A word: letters, with inner apostrophes or hyphens ("don't", "co-production").
WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['’-][A-Za-z\u00C0-\u024F]+)*")


def words(text: str) -> list[str]:
    return WORD.findall(text)
