"""gTTS, the online engine: opt-in only, because it sends the text to Google.

A post may be about someone's mental health, so this engine is never chosen by default.
Every request has a timeout; 429 and 5xx answers are retried with backoff; failures end in
a clear SynthesisError (the assembler may then fall back to an offline engine for the
*whole* document, never a mix of voices).
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass

import numpy as np

from ..config import GttsSettings
from ..errors import EngineUnavailable, SynthesisError
from ..cache import package_version
from .engine import Speech, register

SLOW = {"slower": 1.0, "easy-read": 0.0, "normal": 0.0}  # gTTS has only normal and slow


def _gtts_class(url: str):  # type: ignore[no-untyped-def]
    from gtts import gTTS

    if not url:
        return gTTS

    class PointedGTTS(gTTS):  # type: ignore[misc]
        """gTTS that sends its requests to `url` (a local stand-in in tests)."""

        def _prepare_requests(self):  # type: ignore[no-untyped-def]
            prepared = super()._prepare_requests()
            for request in prepared:
                request.prepare_url(url, None)
            return prepared

    return PointedGTTS


@dataclass
class GttsEngine:
    transport: GttsSettings
    name: str = "gtts"
    parallel: bool = False
    longest_run: int | None = None
    aligns_words: bool = False

    def __post_init__(self) -> None:
        try:
            import gtts  # noqa: F401
        except ImportError as exc:
            raise EngineUnavailable("gTTS is not installed: pip install gtts") from exc

    @property
    def voice_id(self) -> str:
        return "gtts:en-co.uk"

    @property
    def credit(self) -> str:
        return "Voice: Google Translate text-to-speech (online, via gTTS)"

    def rate_parameter(self, preset: str) -> float:
        return SLOW[preset]

    def rate_for_speed(self, rate: float, factor: float) -> float | None:
        return None  # normal or slow, nothing between

    def expected_seconds(self, text: str, *, rate: float) -> float | None:
        return None  # no measured pace: the first pass is spoken at the preset's setting

    def _fetch(self, text: str, slow: bool) -> bytes:
        from gtts import gTTSError

        cls = _gtts_class(self.transport.url)
        tts = cls(text, lang="en", tld="co.uk", slow=slow, timeout=self.transport.timeout_s)
        delay = 0.5
        for attempt in range(self.transport.retries + 1):
            try:
                buffer = io.BytesIO()
                tts.write_to_fp(buffer)
                return buffer.getvalue()
            except gTTSError as exc:
                status = getattr(getattr(exc, "rsp", None), "status_code", None)
                retryable = status is not None and (status == 429 or status >= 500)
                if not retryable or attempt == self.transport.retries:
                    cause = f"HTTP {status}" if status else "no answer (offline, refused or timed out)"
                    raise SynthesisError(
                        f"gTTS failed: {cause}. gTTS needs the internet; use the offline "
                        'engine (--engine piper) or set audio.fallback = "piper"'
                    ) from exc
                time.sleep(delay)
                delay *= 2
        raise SynthesisError("gTTS failed")  # pragma: no cover - loop always returns or raises

    def synthesize(self, text: str, *, rate: float) -> Speech:
        from .assemble import AudioSegment  # pydub, imported without its ffmpeg warning

        data = self._fetch(text, slow=rate >= 1.0)
        try:
            segment = AudioSegment.from_file(io.BytesIO(data), format="mp3").set_channels(1)
        except Exception as exc:  # pydub needs ffmpeg to read MP3
            raise SynthesisError(f"could not decode gTTS audio ({exc}); is ffmpeg installed?") from exc
        samples = np.array(segment.get_array_of_samples(), dtype=np.float32) / 32768.0
        return Speech(samples, segment.frame_rate)


register("gtts", load=GttsEngine, identity=lambda: f"gtts {package_version('gTTS')}")
