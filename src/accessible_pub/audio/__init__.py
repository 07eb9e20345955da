"""Audio: one interface (`engine.py`), engines behind it (`engine_piper.py`, `engine_espeak.py`,
`engine_gtts.py`), one assembler (`assemble.py`), and `document.py` to speak a whole document.

Names are imported lazily so that light callers (cache keys, `--help`) never load NumPy, soxr
or an engine.
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {
    "AudioResult": "assemble",
    "SentenceCache": "assemble",
    "Tags": "assemble",
    "Line": "script",
    "easy_read_script": "script",
    "post_script": "script",
    "speak": "document",
    "PostAudio": "document",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    raise AttributeError(name)


__all__ = list(_EXPORTS)
