"""Speaking a whole document: from the document cache, or by the engine with a fallback.

`speak` renders a whole document with the configured engine. If that engine fails and a
fallback is configured, the *whole* document is spoken again by the fallback, so a listener
never hears two voices in one file.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence

from ..cache import BlobCache, fingerprint
from ..config import AudioSettings
from ..errors import EngineUnavailable, SynthesisError
from .assemble import AudioResult, Chapter, Cue, SentenceCache, Tags, render
from .engine import SpeechEngine, engine_identity, get_engine
from .script import Line

_engines: dict[tuple[str, AudioSettings], SpeechEngine] = {}


def engine_for(name: str, settings: AudioSettings) -> SpeechEngine:
    """Engines are loaded once per process (Piper's voice takes half a second)."""
    key = (name, settings)
    if key not in _engines:
        _engines[key] = get_engine(name, settings)
    return _engines[key]


def _stored(documents: BlobCache, key: str, n_lines: int) -> AudioResult | None:
    mp3, meta = documents.get(key, ".mp3"), documents.get(key, ".json")
    if mp3 is None or meta is None:
        return None
    fields = json.loads(meta)
    fields["cues"] = tuple(Cue(**c) for c in fields["cues"])
    fields["chapters"] = tuple(Chapter(**c) for c in fields["chapters"])
    fields.update(mp3=mp3, synthesised=0, from_cache=n_lines, synthesis_seconds=0.0)
    return AudioResult(**fields)


def _store(documents: BlobCache, key: str, result: AudioResult) -> None:
    meta = {f.name: getattr(result, f.name) for f in dataclasses.fields(result) if f.name != "mp3"}
    meta["cues"] = [dataclasses.asdict(c) for c in result.cues]
    meta["chapters"] = [dataclasses.asdict(c) for c in result.chapters]
    documents.put(key, ".mp3", result.mp3)
    documents.put(key, ".json", json.dumps(meta).encode())


def speak(
    lines: Sequence[Line],
    settings: AudioSettings,
    sentence_cache: SentenceCache,
    *,
    tags: Tags,
    pronunciations: Mapping[str, str] | None = None,
) -> AudioResult:
    """The whole audio of a document, from the document cache when nothing that shapes it changed."""
    documents = BlobCache(sentence_cache.root.parent / "audio" if sentence_cache.root else None)
    sound = dataclasses.replace(settings, gtts_timeout_s=0, gtts_retries=0)  # these never change the sound
    key = fingerprint("audio", engine_identity(settings.engine), sound, lines, tags, pronunciations or {})
    if (cached := _stored(documents, key, len(lines))) is not None:
        return cached
    try:
        engine = engine_for(settings.engine, settings)
        result = render(lines, engine, settings, sentence_cache, tags=tags, pronunciations=pronunciations)
    except (EngineUnavailable, SynthesisError) as exc:
        if not settings.fallback or settings.fallback == settings.engine:
            raise
        fallback = engine_for(settings.fallback, settings)
        result = render(lines, fallback, settings, sentence_cache, tags=tags, pronunciations=pronunciations)
        result.fallback_reason = str(exc)
        return result  # a fallback is retried next time, not remembered
    _store(documents, key, result)
    return result

