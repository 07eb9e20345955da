"""The one small interface every speech engine implements, and how to pick one.

An engine turns one sentence of spoken text into samples. It does not split text, add
pauses, cache, or encode: `assemble.py` does that once for all engines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ..config import AudioSettings
from ..errors import EngineUnavailable


@dataclass(frozen=True)
class Speech:
    samples: np.ndarray  # float32 mono in [-1, 1]
    sample_rate: int


class SpeechEngine(Protocol):
    name: str

    @property
    def voice_id(self) -> str:
        """Names the exact voice, for cache keys and credits."""
        ...

    @property
    def credit(self) -> str:
        """One line for READMEs and tags: engine, voice and its licence."""
        ...

    def rate_parameter(self, preset: str) -> float:
        """The engine's own speed setting for a rate preset (part of the cache key)."""
        ...

    def synthesize(self, text: str, *, rate: float) -> Speech:
        ...


def get_engine(name: str, settings: AudioSettings) -> SpeechEngine:
    """An engine ready to speak, or EngineUnavailable saying how to get it."""
    if name == "piper":
        from .engine_piper import PiperEngine

        return PiperEngine.load()
    if name == "espeak":
        from .engine_espeak import EspeakEngine

        return EspeakEngine.find()
    if name == "gtts":
        from .engine_gtts import GttsEngine

        return GttsEngine(settings)
    raise EngineUnavailable(f"unknown speech engine '{name}' (choose piper, espeak or gtts)")
