"""A sentence read aloud on the desk: the build's own recording when the sentence has not
changed (the sentence cache), or spoken now by the build's engine when it has.

The voice loads on the first "Listen" (Piper takes half a second and 100 MB), never at start.
"""

from __future__ import annotations

import io
import threading
import wave

from ..config import Settings
from ..easyread.document import plain_sentence
from ..errors import AccessiblePubError


class SentenceVoice:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()  # one sentence spoken at a time: the desk shares the cores

    def wav(self, sentence: str) -> tuple[bytes, bool] | None:
        """The sentence as a WAV file and whether it is the last build's recording; None when no
        engine can speak here."""
        from ..audio import Line, SentenceCache
        from ..audio.assemble import plan_speech, speak_lines
        from ..audio.engines import engine_for
        from ..audio.sentence_cache import WORK_RATE
        from ..audio.speech_text import load_pronunciations

        audio = self.settings.audio
        cache_dir = self.settings.cache_dir
        cache = SentenceCache(cache_dir / "speech" if cache_dir else None)  # the build's cache
        with self._lock:
            try:
                engine = engine_for(audio.engine, self.settings.gtts)
                speech = plan_speech(
                    [Line(plain_sentence(sentence), "none")],
                    engine,
                    cache,
                    rate_preset=audio.rate,
                    pronunciations=load_pronunciations(self.settings.content_dir / "pronunciations.toml"),
                )
                spoken = speak_lines(speech, cache)
            except AccessiblePubError:
                return None
        return to_wav(spoken.clips[0], WORK_RATE), spoken.from_cache == 1


def to_wav(samples: object, rate: int) -> bytes:
    import numpy as np

    pcm = (np.clip(np.asarray(samples, dtype=np.float32), -1.0, 1.0) * 32767).astype("<i2")
    out = io.BytesIO()
    with wave.open(out, "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(rate)
        handle.writeframes(pcm.tobytes())
    return out.getvalue()
