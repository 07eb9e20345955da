"""Speaking a whole document: from the document cache, or by the engine with a fallback.

`speak` renders a whole document with the configured engine. If that engine fails and a
fallback is configured, the *whole* document is spoken again by the fallback, so a listener
never hears two voices in one file.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Mapping, Sequence

from ..cache import BlobCache, fingerprint
from ..config import AudioSettings
from ..errors import EngineUnavailable, SynthesisError
from .assemble import AudioResult, Chapter, Cue, Pending, SentenceCache, Tags, render, start_speaking
from .engine import SpeechEngine, engine_identity, get_engine
from .script import Line

_engines: dict[tuple[str, AudioSettings], SpeechEngine] = {}
_engines_lock = threading.Lock()


def engine_for(name: str, settings: AudioSettings) -> SpeechEngine:
    """Engines are loaded once per process and shared by its threads (Piper's voice takes half a
    second to load and 100 MB to hold)."""
    key = (name, settings)
    with _engines_lock:
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


def _document_key(lines: Sequence[Line], settings: AudioSettings, tags: Tags,
                  pronunciations: Mapping[str, str] | None) -> str:
    sound = dataclasses.replace(settings, gtts_timeout_s=0, gtts_retries=0)  # these never change the sound
    return fingerprint("audio", engine_identity(settings.engine), sound, lines, tags, pronunciations or {})


def _documents(sentence_cache: SentenceCache) -> BlobCache:
    return BlobCache(sentence_cache.root.parent / "audio" if sentence_cache.root else None)


def speak(
    lines: Sequence[Line],
    settings: AudioSettings,
    sentence_cache: SentenceCache,
    *,
    tags: Tags,
    pronunciations: Mapping[str, str] | None = None,
    pending: Pending | None = None,
) -> AudioResult:
    """The whole audio of a document, from the document cache when nothing that shapes it changed."""
    documents = _documents(sentence_cache)
    key = _document_key(lines, settings, tags, pronunciations)
    if (cached := _stored(documents, key, len(lines))) is not None:
        return cached
    try:
        engine = engine_for(settings.engine, settings)
        result = render(lines, engine, settings, sentence_cache, tags=tags, pronunciations=pronunciations,
                        pending=pending)
    except (EngineUnavailable, SynthesisError) as exc:
        if not settings.fallback or settings.fallback == settings.engine:
            raise
        fallback = engine_for(settings.fallback, settings)
        result = render(lines, fallback, settings, sentence_cache, tags=tags, pronunciations=pronunciations)
        result.fallback_reason = str(exc)
        return result  # a fallback is retried next time, not remembered
    _store(documents, key, result)
    return result


def speak_all(
    documents: Sequence[tuple[Sequence[Line], Tags]],
    settings: AudioSettings,
    sentence_cache: SentenceCache,
    *,
    pronunciations: Mapping[str, str] | None = None,
) -> list[AudioResult]:
    """A post's documents (the post and its easy read). Every sentence they need goes to the
    speech threads at once, so the engine speaks the second document while the first is
    assembled, and a single post keeps every core busy."""
    pending: list[Pending] = [{} for _ in documents]
    stored = _documents(sentence_cache)
    try:
        engine = engine_for(settings.engine, settings)
        for i, (lines, tags) in enumerate(documents):
            if _stored(stored, _document_key(lines, settings, tags, pronunciations), len(lines)) is None:
                pending[i] = start_speaking(lines, engine, sentence_cache, rate_preset=settings.rate,
                                            pronunciations=pronunciations or {})
    except EngineUnavailable:
        pass  # `speak` says so below, or falls back
    try:
        return [speak(lines, settings, sentence_cache, tags=tags, pronunciations=pronunciations, pending=waiting)
                for (lines, tags), waiting in zip(documents, pending, strict=True)]
    finally:  # after a failure, sentences spoken ahead for a later document are not wanted
        for future in (f for waiting in pending for f in waiting.values()):
            future.cancel()
