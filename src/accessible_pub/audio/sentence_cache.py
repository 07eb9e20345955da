"""Synthesised sentences on disk, so an unchanged sentence is never spoken twice."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..cache import BlobCache, fingerprint
from .engine import SpeechEngine, engine_identity

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

    def has(self, key: str) -> bool:
        return self.blobs.has(key, suffix=".f32")

    def get(self, key: str) -> np.ndarray | None:
        data = self.blobs.get(key, suffix=".f32")
        if data is None:
            return None
        return np.frombuffer(data, dtype="<f4")

    def put(self, key: str, samples: np.ndarray) -> None:
        self.blobs.put(key, samples.astype("<f4").tobytes(), suffix=".f32")
