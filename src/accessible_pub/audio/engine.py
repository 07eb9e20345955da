"""The one small interface every speech engine implements, and the registry engines join.

An engine turns one sentence of spoken text into samples. It does not split text, add
pauses, cache, or encode: `assemble.py` does that once for all engines. Each engine module
registers itself here when it is imported (`engines.py` imports the ones this package ships);
this module imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import numpy as np

from ..config import GttsSettings
from .result import WordTiming
from ..errors import EngineUnavailable


@dataclass(frozen=True)
class Speech:
    samples: np.ndarray | Any  # float32 mono in [-1, 1]
    sample_rate: int
    # The spoken words with their times in `samples`, when the engine can tell (audio/word_timings.py).
    words: tuple[WordTiming, ...] | None = None


class SpeechEngine(Protocol):
    name: str
    # May several sentences be spoken at once from different threads? Piper and espeak: yes.
    # gTTS: no, one request at a time, which is kinder to a rate-limited service.
    parallel: bool
    # The most text one synthesis call speaks at once, when the engine cuts longer text itself
    # (Piper speaks clause by clause to bound its memory); None when it never cuts.
    longest_run: int | None
    # Does the engine time each word it says (Speech.words)? Piper: yes; the others: no, and
    # their words are spread over the sentence by syllables.
    aligns_words: bool

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

    def expected_seconds(self, text: str, *, rate: float) -> float | None:
        """How long `text` takes to say at `rate`, from the voice's measured pace, without saying
        it (so one pass can be spoken at the setting that lands on the rate); None when the
        engine cannot tell."""
        ...

    def synthesize(self, text: str, *, rate: float) -> Speech: ...


# ---- the registry: each engine module registers itself when imported (see `engines.py`) ----


@dataclass(frozen=True)
class EngineEntry:
    name: str
    # An engine ready to speak, or EngineUnavailable saying how to get it. Online engines read
    # how to reach their service from `transport`; offline ones ignore it.
    load: Callable[[GttsSettings], SpeechEngine]
    # Names the engine and its voice exactly, without loading it (whole-document cache keys).
    identity: Callable[[], str]


_REGISTRY: dict[str, EngineEntry] = {}


def register(name: str, *, load: Callable[[GttsSettings], SpeechEngine], identity: Callable[[], str]) -> None:
    _REGISTRY[name] = EngineEntry(name=name, load=load, identity=identity)


def registered() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def _entry(name: str) -> EngineEntry:
    entry = _REGISTRY.get(name)
    if entry is None:
        known = ", ".join(_REGISTRY) or "none registered"
        raise EngineUnavailable(f"unknown speech engine '{name}' (choose {known})")
    return entry


def get_engine(name: str, transport: GttsSettings) -> SpeechEngine:
    """An engine ready to speak, or EngineUnavailable saying how to get it."""
    return _entry(name).load(transport)


def engine_identity(name: str) -> str:
    """Names an engine and its voice exactly, without loading it (for whole-document cache keys).
    A name that is no engine ("none": no fallback) names itself."""
    entry = _REGISTRY.get(name)
    return entry.identity() if entry is not None else f"{name} "
