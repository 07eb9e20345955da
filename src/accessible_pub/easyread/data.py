"""The word lists and glossary behind the simplifier, read from data files once.

Package data lives in `accessible_pub/data/`. A festival can add its own entries in its
content folder (`plain-words.tsv`, `phrases.tsv`, `glossary.toml`, `initials.tsv`, ...); those win.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

from ..errors import ConfigError
from ..text import whole_word

DATA = files("accessible_pub") / "data"


def _read_tsv(text: str, source: str) -> list[tuple[str, str]]:
    pairs = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) != 2:
            raise ConfigError(f"{source}, line {number}: expected two columns separated by a tab")
        pairs.append((parts[0].strip(), parts[1].strip()))
    return pairs


@dataclass(frozen=True)
class GlossaryEntry:
    word: str
    forms: tuple[str, ...]
    meaning: str

    @property
    def all_forms(self) -> tuple[str, ...]:
        return (self.word, *self.forms)


@dataclass(frozen=True)
class WordData:
    plain_words: dict[str, str]
    phrases: tuple[tuple[re.Pattern[str], str], ...]
    numbers: tuple[tuple[re.Pattern[str], str], ...]
    acronyms: dict[str, str]
    abbreviations: tuple[tuple[str, str], ...]
    glossary: tuple[GlossaryEntry, ...]
    # well-known initials kept as written and explained where first used ('UK' -> 'the United Kingdom')
    initials: dict[str, str] = field(default_factory=dict)

    def glossary_entry(self, word: str) -> GlossaryEntry | None:
        key = word.lower()
        return next((e for e in self.glossary if key in (f.lower() for f in e.all_forms)), None)

    @property
    def glossary_forms(self) -> tuple[str, ...]:
        return tuple(form for entry in self.glossary for form in entry.all_forms)


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(whole_word(phrase), re.IGNORECASE)


def _glossary(text: str, source: str) -> list[GlossaryEntry]:
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML ({exc})") from exc
    entries = []
    for word, body in table.items():
        if not isinstance(body, dict) or not isinstance(body.get("meaning"), str):
            raise ConfigError(f"{source}: [{word}] needs a 'meaning = \"...\"' line")
        forms = body.get("forms", [])
        entries.append(GlossaryEntry(word, tuple(str(f) for f in forms), body["meaning"].strip()))
    return entries


def _refuse_outside(path: Path, folder: Path) -> None:
    """A word list linked to a file outside the content folder would publish that file's
    words in every easy read: refused like a post."""
    from ..content import real_file_inside

    problem = real_file_inside(path, folder)
    if problem:
        raise ConfigError(f"{path}: {problem}")


@cache
def word_data(extra_dir: Path | None = None) -> WordData:
    """Package lists, plus a content folder's own lists when it has them."""

    def sources(name: str) -> list[tuple[str, str]]:
        found = [((DATA / name).read_text(encoding="utf-8"), f"accessible_pub/data/{name}")]
        if extra_dir is not None:
            local = extra_dir / name.replace("_", "-")
            if local.is_symlink() or local.exists():
                _refuse_outside(local, extra_dir)
                found.append((local.read_text(encoding="utf-8"), str(local)))
        return found

    plain: dict[str, str] = {}
    for text, src in sources("plain_words.tsv"):
        plain.update((h.lower(), p) for h, p in _read_tsv(text, src))
    phrase_pairs: dict[str, str] = {}
    for text, src in sources("phrases.tsv"):
        phrase_pairs.update((h.lower(), p) for h, p in _read_tsv(text, src))
    # multi-word entries of the plain word list behave like phrases
    phrase_pairs.update({h: p for h, p in plain.items() if " " in h})
    phrases = tuple(
        (_phrase_pattern(h), p) for h, p in sorted(phrase_pairs.items(), key=lambda kv: -len(kv[0]))
    )
    numbers = tuple(
        (_phrase_pattern(w), d)
        for text, src in sources("number_words.tsv")
        for w, d in sorted(_read_tsv(text, src), key=lambda kv: -len(kv[0]))
    )
    acronyms = {a: m for text, src in sources("acronyms.tsv") for a, m in _read_tsv(text, src)}
    abbreviations = tuple(p for text, src in sources("abbreviations.tsv") for p in _read_tsv(text, src))
    initials = {a: m for text, src in sources("initials.tsv") for a, m in _read_tsv(text, src)}
    glossary: dict[str, GlossaryEntry] = {}
    for text, src in sources("glossary.toml"):
        glossary.update((e.word.lower(), e) for e in _glossary(text, src))
    return WordData(
        plain_words={h: p for h, p in plain.items() if " " not in h},
        phrases=phrases,
        numbers=numbers,
        acronyms=acronyms,
        abbreviations=abbreviations,
        glossary=tuple(glossary.values()),
        initials={a: m for a, m in initials.items() if a not in acronyms},  # spelled out wins
    )
