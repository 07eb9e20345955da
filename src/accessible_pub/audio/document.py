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


# Raised when what a stored document holds changes: 2 = figures measured on the MP3, the rate
# tuned per document.
DOCUMENT_FORMAT = 2


def _document_key(
    lines: Sequence[Line], settings: AudioSettings, tags: Tags, pronunciations: Mapping[str, str] | None
) -> str:
    # these never change the sound
    sound = dataclasses.replace(settings, gtts_timeout_s=0, gtts_retries=0, listen_check=False)
    return fingerprint(
        f"audio-{DOCUMENT_FORMAT}", engine_identity(settings.engine), sound, lines, tags, pronunciations or {}
    )


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
        result = render(
            lines, engine, settings, sentence_cache, tags=tags, pronunciations=pronunciations, pending=pending
        )
    except (EngineUnavailable, SynthesisError) as exc:
        if not settings.fallback or settings.fallback == settings.engine:
            raise
        fallback = engine_for(settings.fallback, settings)
        result = render(lines, fallback, settings, sentence_cache, tags=tags, pronunciations=pronunciations)
        result.fallback_reason = str(exc)
        return result  # a fallback is retried next time, not remembered
    _store(documents, key, result)
    return result


class PostAudio:
    """A post's documents on their way to audio.

    `add` hands a document's uncached sentences to the speech threads at once, so the post's
    own audio is spoken while its easy read is still being written, and the easy read is
    spoken while the post's audio is assembled: a single post keeps every core busy. `results`
    gives each document's audio in the order added. Leaving the `with` block after a failure
    cancels the sentences no document will now collect.
    """

    def __init__(
        self,
        settings: AudioSettings,
        sentence_cache: SentenceCache,
        *,
        pronunciations: Mapping[str, str] | None = None,
    ) -> None:
        self.settings, self.sentence_cache = settings, sentence_cache
        self.pronunciations = pronunciations or {}
        self._documents: list[tuple[Sequence[Line], Tags, Pending]] = []

    def add(self, lines: Sequence[Line], tags: Tags) -> None:
        pending: Pending = {}
        key, stored = (
            _document_key(lines, self.settings, tags, self.pronunciations),
            _documents(self.sentence_cache),
        )
        if not (stored.has(key, ".mp3") and stored.has(key, ".json")):  # `results` reads it when it is there
            try:
                engine = engine_for(self.settings.engine, self.settings)
                pending = start_speaking(
                    lines,
                    engine,
                    self.sentence_cache,
                    rate_preset=self.settings.rate,
                    pronunciations=self.pronunciations,
                    # this post's own: its documents are collected or cancelled together
                    in_flight={k: f for _, _, earlier in self._documents for k, f in earlier.items()},
                )
            except EngineUnavailable:
                pass  # `results` says so, or falls back
        self._documents.append((lines, tags, pending))

    def results(self) -> list[AudioResult]:
        return [
            speak(
                lines,
                self.settings,
                self.sentence_cache,
                tags=tags,
                pronunciations=self.pronunciations,
                pending=pending,
            )
            for lines, tags, pending in self._documents
        ]

    def __enter__(self) -> PostAudio:
        return self

    def __exit__(self, *exc: object) -> None:
        for future in (f for _, _, pending in self._documents for f in pending.values()):
            future.cancel()  # does nothing to a sentence already spoken
