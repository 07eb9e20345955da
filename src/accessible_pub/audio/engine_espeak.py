"""espeak-ng, the offline fallback: robotic but tiny and very fast (Debian package espeak-ng)."""

from __future__ import annotations

import io
import shutil
import subprocess
import wave
from dataclasses import dataclass

import numpy as np

from ..errors import EngineUnavailable, SynthesisError
from .engine import Speech, register

WORDS_PER_MINUTE = {"slower": 125, "easy-read": 150, "normal": 175}


@dataclass
class EspeakEngine:
    program: str
    name: str = "espeak"
    parallel: bool = True
    longest_run: int | None = None
    aligns_words: bool = False

    @classmethod
    def find(cls) -> EspeakEngine:
        program = shutil.which("espeak-ng") or shutil.which("espeak")
        if program is None:
            raise EngineUnavailable("espeak-ng is not installed: sudo apt-get install espeak-ng")
        return cls(program=program)

    @property
    def voice_id(self) -> str:
        return "espeak-ng:en-gb"

    @property
    def credit(self) -> str:
        return "Voice: eSpeak NG text-to-speech (GPL-3.0)"

    def rate_parameter(self, preset: str) -> float:
        return float(WORDS_PER_MINUTE[preset])

    def rate_for_speed(self, rate: float, factor: float) -> float | None:
        return float(min(450, max(80, round(rate * factor / 2) * 2)))  # -s is words a minute

    def expected_seconds(self, text: str, *, rate: float) -> float | None:
        return None  # no measured pace: the first pass is spoken at the preset's setting

    def synthesize(self, text: str, *, rate: float) -> Speech:
        try:
            done = subprocess.run(
                [self.program, "-v", "en-gb", "-s", str(int(rate)), "--stdout", text],
                capture_output=True,
                timeout=60,
                check=True,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            raise SynthesisError(f"espeak-ng could not say {text[:60]!r} ({exc})") from exc
        with wave.open(io.BytesIO(done.stdout)) as wav:
            frames = wav.readframes(wav.getnframes())
            samples = np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0
            return Speech(samples, wav.getframerate())


def _identity() -> str:
    return f"espeak-ng at {shutil.which('espeak-ng') or shutil.which('espeak')}"


register("espeak", load=lambda transport: EspeakEngine.find(), identity=_identity)
