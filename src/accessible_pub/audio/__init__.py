"""Audio: one interface (`engine.py`), engines behind it, one assembler (`assemble.py`).

`speak` renders a whole document with the configured engine. If that engine fails and a
fallback is configured, the *whole* document is spoken again by the fallback, so a listener
never hears two voices in one file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..config import AudioSettings
from ..errors import EngineUnavailable, SynthesisError
from .assemble import AudioResult, SentenceCache, Tags, render
from .engine import SpeechEngine, get_engine
from .script import Line, easy_read_script, post_script

_engines: dict[tuple[str, AudioSettings], SpeechEngine] = {}


def engine_for(name: str, settings: AudioSettings) -> SpeechEngine:
    """Engines are loaded once per process (Piper's voice takes half a second)."""
    key = (name, settings)
    if key not in _engines:
        _engines[key] = get_engine(name, settings)
    return _engines[key]


def speak(
    lines: Sequence[Line],
    settings: AudioSettings,
    sentence_cache: SentenceCache,
    *,
    tags: Tags,
    pronunciations: Mapping[str, str] | None = None,
) -> AudioResult:
    try:
        engine = engine_for(settings.engine, settings)
        return render(lines, engine, settings, sentence_cache, tags=tags, pronunciations=pronunciations)
    except (EngineUnavailable, SynthesisError) as exc:
        if not settings.fallback or settings.fallback == settings.engine:
            raise
        fallback = engine_for(settings.fallback, settings)
        result = render(lines, fallback, settings, sentence_cache, tags=tags, pronunciations=pronunciations)
        result.fallback_reason = str(exc)
        return result


__all__ = ["AudioResult", "Line", "SentenceCache", "Tags", "easy_read_script", "post_script", "speak"]
