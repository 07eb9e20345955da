"""The speech engines this package ships, and the one copy of each a process loads.

Importing an engine module registers it with `engine.py`; this is the one list of them. A new
engine is a module that calls `engine.register` and a line here.
"""

from __future__ import annotations

import threading

from ..config import GttsSettings
from . import engine_espeak, engine_gtts, engine_piper  # noqa: F401  (each registers itself)
from .engine import SpeechEngine, engine_identity, get_engine, registered

_engines: dict[tuple[str, GttsSettings], SpeechEngine] = {}
_engines_lock = threading.Lock()


def engine_for(name: str, transport: GttsSettings) -> SpeechEngine:
    """Engines are loaded once per process and shared by its threads (Piper's voice takes half a
    second to load and 100 MB to hold)."""
    key = (name, transport)
    with _engines_lock:
        if key not in _engines:
            _engines[key] = get_engine(name, transport)
        return _engines[key]


__all__ = ["SpeechEngine", "engine_for", "engine_identity", "get_engine", "registered"]
