"""Write src/accessible_pub/data/everyday_words.tsv.gz: hard words and an everyday word of the
same sense and part of speech, from WordNet 3.0 (Debian's `wordnet-base`) ranked by wordfreq.

    .venv/bin/python scripts/make_everyday_words.py [/usr/share/wordnet]

NLTK's WordNet reader costs about 8 s and 280 MB to load, so the build never reads WordNet: this
script does, once, at development time, straight from WordNet's index and data files.

A word is hard here when its Zipf frequency is under 3.0 (rarer than the check's 3.5: a swap must
be safe more than it must be frequent). Its everyday word
must be a synonym in *every* WordNet sense the word has for that part of speech (so no sense can
go wrong: 'utilise' -> 'use'; 'agenda' has senses with no shared synonym and gets none), have
that sense as its own first, most frequent one ('besotted' -> 'tight' is out), be mostly used
as that part of speech ('trite' -> 'stock' is out), be a single word, Zipf at least 4.0 and at
least 1.5 above the hard word, and not a spelling variant.
Run it again after upgrading wordfreq. WordNet 3.0 licence: see /usr/share/doc/wordnet-base/copyright.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from wordfreq import zipf_frequency

OUT = Path(__file__).resolve().parent.parent / "src" / "accessible_pub" / "data" / "everyday_words.tsv.gz"
POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# slang or rude in their everyday sense, whatever WordNet's first sense says
NEVER = frozenset({"pussy", "cop", "screw", "ass", "tight", "punk", "bitch", "dick", "cock", "shit", "piss"})
HARD, EVERYDAY, GAIN = 3.0, 4.0, 1.5  # only clearly rare words, for clearly common ones


def synsets(folder: Path, pos: str) -> dict[str, list[str]]:
    """offset -> the words of that synset (lower case, '_' for a space)."""
    found: dict[str, list[str]] = {}
    for line in (folder / f"data.{POS[pos]}").read_text(encoding="utf-8").splitlines():
        if line.startswith("  "):
            continue
        parts = line.split()
        count = int(parts[3], 16)
        words = [parts[4 + 2 * i].lower().split("(")[0] for i in range(count)]
        found[parts[0]] = words
    return found


def index(folder: Path, pos: str) -> dict[str, list[str]]:
    """lemma -> its synset offsets, most frequent sense first."""
    found: dict[str, list[str]] = {}
    for line in (folder / f"index.{POS[pos]}").read_text(encoding="utf-8").splitlines():
        if line.startswith("  "):
            continue
        parts = line.split()
        senses = int(parts[2])
        found[parts[0]] = parts[-senses:]
    return found


def _variant(a: str, b: str) -> bool:
    """'utilise'/'utilize', 'colour'/'color': the same word spelt another way."""
    norm = lambda w: w.replace("ise", "ize").replace("our", "or").replace("re", "er")  # noqa: E731
    return norm(a) == norm(b) or a.startswith(b) or b.startswith(a)


def everyday(folder: Path) -> list[tuple[str, str, str]]:
    rows = []
    every = {pos: index(folder, pos) for pos in POS}

    def mainly(word: str, pos: str) -> bool:
        """The word has at least half as many senses as this part of speech as any other
        ('shot' is a noun)."""
        counts = {p: len(every[p].get(word, [])) for p in POS}
        return 2 * counts[pos] >= max(counts.values())

    for pos in POS:
        sets = synsets(folder, pos)
        senses = index(folder, pos)
        for lemma, offsets in senses.items():
            if not lemma.isalpha() or not lemma.islower():
                continue
            zipf = zipf_frequency(lemma, "en")
            if zipf >= HARD:
                continue
            shared = set(sets[offsets[0]])
            for offset in offsets[1:]:
                shared &= set(sets[offset])
            candidates = [
                (zipf_frequency(w, "en"), w)
                for w in shared
                # the everyday word's own first sense must be this one ('tight' for 'besotted' is not)
                if w != lemma
                and w not in NEVER
                and w.isalpha()
                and len(w) >= 3
                and not _variant(w, lemma)
                and senses.get(w, [""])[0] in offsets
                and mainly(w, pos)
                # verbs go wrong most ('clamber' -> 'skin'): a verb's everyday word is mostly a verb,
                # or one of the commonest words of English ('use')
                and (
                    pos != "v"
                    or len(every["v"].get(w, [])) >= len(every["n"].get(w, []))
                    or zipf_frequency(w, "en") >= 5.5
                )
            ]
            best = max(candidates, default=None)
            if best and best[0] >= max(EVERYDAY, zipf + GAIN):
                rows.append((pos, lemma, best[1]))
    return sorted(rows)


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/wordnet")
    rows = everyday(folder)
    text = "# pos\thard word\teveryday word (WordNet 3.0 synonyms in every sense, ranked by wordfreq)\n"
    text += "".join(f"{p}\t{w}\t{e}\n" for p, w, e in rows)
    OUT.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    print(f"{len(rows)} words -> {OUT}")


if __name__ == "__main__":
    main()
