"""Synthesised sentences on disk, so an unchanged sentence is never spoken twice."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..cache import BlobCache, fingerprint
from .engine import SpeechEngine, engine_identity
from .result import WordTiming

# Sentences are joined and normalised at the voice's own rate (Piper speaks at 22.05 kHz),
# which is 4x less work than at the output rate; the result is resampled once at the end.
WORK_RATE = 22050


@dataclass
class SentenceCache:
    """Synthesised sentences on disk, keyed by spoken text, engine, voice, rate and version."""

    root: Path | None

    def __post_init__(self) -> None:
        self.blobs = BlobCache(self.root)

    def key(self, engine: SpeechEngine, text: str, *, rate: float, sample_rate: int) -> str:
        """`rate` is the engine's own speed setting, `sample_rate` that of the stored samples:
        keyword-only, since two numbers side by side are easily swapped."""
        # the engine's identity names its package versions: a new Piper may sound different
        parts: tuple[object, ...] = (
            "sentence",
            engine.voice_id,
            engine_identity(engine.name),
            rate,
            sample_rate,
            text,
        )
        if engine.longest_run and len(text) > engine.longest_run:
            parts += (engine.longest_run,)  # spoken in clauses: how long a run may be shapes its sound
        return fingerprint(*parts)

    def has(self, key: str, *, words: bool = False) -> bool:
        """`words`: only when the sentence's word timings are stored too (an engine that times
        its words; a sentence stored before word timings existed is spoken again once)."""
        return self.blobs.has(key, suffix=".f32") and (not words or self.blobs.has(key, suffix=".words.json"))

    def get(self, key: str) -> np.ndarray | None:
        data = self.blobs.get(key, suffix=".f32")
        if data is None:
            return None
        return np.frombuffer(data, dtype="<f4")

    def put(self, key: str, samples: np.ndarray, words: tuple[WordTiming, ...] | None = None) -> None:
        # the words first: a sentence whose samples are there is taken as complete
        if words is not None:
            rows = [[w.text, w.start, w.end] for w in words]
            self.blobs.put(key, json.dumps(rows, ensure_ascii=False).encode(), suffix=".words.json")
        self.blobs.put(key, samples.astype("<f4").tobytes(), suffix=".f32")

    def get_words(self, key: str) -> tuple[WordTiming, ...] | None:
        """The spoken words of a stored sentence with their times in its samples, if stored."""
        data = self.blobs.get(key, suffix=".words.json")
        if data is None:
            return None
        try:
            rows = json.loads(data)
            return tuple(WordTiming(text=str(t), start=float(s), end=float(e)) for t, s, e in rows)
        except (ValueError, TypeError):  # a damaged entry: the sentence is timed by estimate
            return None
