"""Audio: one interface and registry (`engine.py`), the engines behind it (`engine_piper.py`,
`engine_espeak.py`, `engine_gtts.py`, listed in `engines.py`), one assembler (`assemble.py`),
and `document.py` to speak a whole document.
"""

from __future__ import annotations

from .assemble import AudioResult, SentenceCache, Tags
from .document import PostAudio, speak
from .script import Line, easy_read_script, post_script

__all__ = [
    "AudioResult",
    "Line",
    "PostAudio",
    "SentenceCache",
    "Tags",
    "easy_read_script",
    "post_script",
    "speak",
]
