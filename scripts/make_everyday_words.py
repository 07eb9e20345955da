"""Write src/accessible_pub/data/everyday_words.tsv.gz: hard words and an everyday word of the
same sense and part of speech, from WordNet 3.0 (Debian's `wordnet-base`) ranked by wordfreq.

    .venv/bin/python scripts/make_everyday_words.py [/usr/share/wordnet]

NLTK's WordNet reader costs about 8 s and 280 MB to load, so the build never reads WordNet: this
script does, once, at development time, straight from WordNet's index and data files.

A word is hard here when its Zipf frequency is under 3.5 (the check's threshold), or under 4.0
and at CEFR level C1 or above for that part of speech by `cefrpy` (a development-time tool:
`pip install cefrpy`; skipped when it is not installed). Its everyday word must be safe in
every sense a reader could meet it in, so one of:

- a synonym in *every* WordNet sense the word has for that part of speech ('utilise' -> 'use';
  'agenda' has senses with no shared synonym and gets none); or
- a synonym in its only sense, or in a first sense that SemCor's tagged counts (`cntlist.rev`)
  show is dominant: at least 5 tagged uses, 80 % of all, and at most 3 senses
  ('ameliorate' -> 'improve'; 'candidate' has two senses near evenly used and gets none).

The everyday word must have that sense as its own first, most frequent one ('besotted' ->
'tight' is out), be mostly used as that part of speech, by sense count and by tagged count
('earmark' -> 'appropriate' is out: 'appropriate' is mostly an adjective; 'trite' -> 'stock' is
out), not be a comparative or superlative ('superlative' -> 'greatest' is out), be a single word,
Zipf at least 4.0 and at least 1.5 above the hard word (1.0 for a rare word's only sense), and
not a spelling variant or a rude word.
Run it again after upgrading wordfreq. WordNet 3.0 licence: see /usr/share/doc/wordnet-base/copyright.
"""

from __future__ import annotations

import gzip
import re
import sys
from collections.abc import Callable
from pathlib import Path

from wordfreq import zipf_frequency

OUT = Path(__file__).resolve().parent.parent / "src" / "accessible_pub" / "data" / "everyday_words.tsv.gz"
MEANINGS = OUT.parent / "word_meanings.tsv.gz"
POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# slang or rude in their everyday sense, whatever WordNet's first sense says
NEVER = frozenset(
    {
        "pussy", "cop", "screw", "ass", "tight", "punk", "bitch", "dick", "cock", "shit", "piss",
        "fucking", "fuck", "bloody", "damn", "bastard", "crap", "nuts", "bang", "knock", "pot",
        "dope", "stoned", "queer", "gay", "retarded", "crazy", "mad", "nigger", "whore", "booze",
        # words whose place in a sentence differs from the word they would replace
        "however", "despite", "though", "although", "whereas", "nothing", "said",
        # gendered, or American where the festival writes British English
        "man", "men", "chairman", "check", "gray",
        # everyday in another sense than the one they would stand for ('proverb' -> 'saw')
        "saw", "dear", "pretty", "master", "mobile", "trey", "sub", "john", "jerry", "rip",
    }
)  # fmt: skip
# read by hand (bench/easyread_words.py --show): right by WordNet, wrong as English readers use them
DENY = frozenset(
    {
        ("populate", "live"),  # 'populate a list'
        ("campaigner", "candidate"),
        ("campaigner", ""),  # no meaning either: WordNet's first sense is a politician
        ("rector", "minister"),
        ("curate", "minister"),
        ("prima", "leading"),
        ("swain", "boyfriend"),
        ("earmark", "appropriate"),
        ("affectionately", "dear"),
        ("requisite", "necessary"),  # the noun
        ("cognition", "knowledge"),
        ("commercialism", "commerce"),  # 'appropriate' is read as the adjective
        ("liaise", "intermediate"),
        ("arbitrate", "intermediate"),
        ("unrecorded", "live"),
        ("documental", "documentary"),
        ("initiatory", "initiative"),
        ("nonsubjective", "objective"),
        ("enwrapped", "intent"),
        ("drumhead", "summary"),
        ("embolden", "cheer"),
        ("conflate", "mix"),
        ("fencesitter", "independent"),
        ("decriminalise", "legitimate"),
        ("decriminalize", "legitimate"),
        ("legalise", "legitimate"),
    }
)
HARD, HARD_CEFR, EVERYDAY, GAIN, GAIN_ONE_SENSE = 3.5, 4.0, 4.0, 1.5, 1.0
SS_TYPE = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
DOMINANT_SHARE, DOMINANT_COUNT, DOMINANT_SENSES = 0.8, 5, 3


def synsets(folder: Path, pos: str, *, keep_case: bool = False) -> dict[str, list[str]]:
    """offset -> the words of that synset (lower case unless `keep_case`, '_' for a space)."""
    found: dict[str, list[str]] = {}
    for line in (folder / f"data.{POS[pos]}").read_text(encoding="utf-8").splitlines():
        if line.startswith("  "):
            continue
        parts = line.split()
        count = int(parts[3], 16)
        words = [parts[4 + 2 * i].split("(")[0] for i in range(count)]
        words = words if keep_case else [w.lower() for w in words]
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


def tagged_counts(folder: Path) -> dict[tuple[str, str], dict[int, int]]:
    """(pos, lemma) -> {sense number: SemCor tagged count}, from `cntlist.rev`."""
    found: dict[tuple[str, str], dict[int, int]] = {}
    for line in (folder / "cntlist.rev").read_text(encoding="utf-8").splitlines():
        key, number, count = line.split()
        lemma, _, rest = key.partition("%")
        pos = SS_TYPE[rest[0]]
        senses = found.setdefault((pos, lemma.lower()), {})
        senses[int(number)] = senses.get(int(number), 0) + int(count)
    return found


def cefr_levels() -> Callable[[str, str], float | None]:
    """(pos, word) -> CEFR level 1-6, or None (not known, or no cefrpy installed)."""
    try:
        from cefrpy import CEFRAnalyzer
    except ImportError:
        print("cefrpy is not installed: hard words by frequency only")
        return lambda pos, word: None
    analyzer = CEFRAnalyzer()
    tags = {"n": "NN", "v": "VB", "a": "JJ", "r": "RB"}

    def level(pos: str, word: str) -> float | None:
        try:
            return analyzer.get_word_pos_level_float(word, tags[pos])
        except IndexError:  # cefrpy 1.0.3 fails on some words it does not hold
            return None

    return level


def _comparative(word: str, adjectives: dict[str, list[str]]) -> bool:
    """'greatest', 'bigger': a form of another adjective, which needs 'the' or 'than'."""
    stems = {
        word[:-3],
        word[:-2],
        word[:-4],
        word[:-3] + "e",
        word[:-2] + "e",
        word[:-3] + "y",
        word[:-2] + "y",
    }
    return word.endswith(("est", "er")) and any(s in adjectives for s in stems if len(s) > 2)


def _variant(a: str, b: str) -> bool:
    """'utilise'/'utilize', 'colour'/'color': the same word spelt another way."""
    norm = lambda w: w.replace("ise", "ize").replace("our", "or").replace("re", "er")  # noqa: E731
    return norm(a) == norm(b) or a.startswith(b) or b.startswith(a)


def everyday(folder: Path) -> list[tuple[str, str, str]]:
    rows = []
    every = {pos: index(folder, pos) for pos in POS}
    counts = tagged_counts(folder)
    levels = cefr_levels()
    # a word the project's own plain-word list calls hard is no everyday word ('provide')
    plain_list = OUT.parent / "plain_words.tsv"
    listed_hard = {
        line.split("\t")[0].lower()
        for line in plain_list.read_text(encoding="utf-8").splitlines()
        if "\t" in line
    }

    def verb_form(word: str) -> bool:
        """'howling', 'clustering', 'stoned': read as the verb's form, whatever WordNet lists."""
        stems = {word[:-3], word[:-3] + "e", word[:-4], word[:-2], word[:-1], word[:-2] + "e"}
        return word.endswith(("ing", "ed")) and any(s in every["v"] for s in stems if len(s) > 2)

    def mainly(word: str, pos: str, *, by_use: bool) -> bool:
        """The word has at least half as many senses as this part of speech as any other
        ('shot' is a noun), and with `by_use` at least half as many tagged uses too."""
        senses = {p: len(every[p].get(word, [])) for p in POS}
        uses = {p: sum(counts.get((p, word), {}).values()) for p in POS}
        by_sense = 2 * senses[pos] >= max(senses.values())
        return by_sense and (not by_use or 2 * uses[pos] >= max(uses.values()))

    def hard(lemma: str, pos: str, zipf: float) -> bool:
        level = levels(pos, lemma)
        return zipf < HARD or (zipf < HARD_CEFR and level is not None and level >= 5)

    for pos in POS:
        sets = synsets(folder, pos)
        # the words each synset writes in lower case ('china' the porcelain, not 'China' the country)
        lowercase = {
            o: {w for w in ws if w.islower()} for o, ws in synsets(folder, pos, keep_case=True).items()
        }
        senses = index(folder, pos)
        for lemma, offsets in senses.items():
            if not lemma.isalpha() or not lemma.islower():
                continue
            zipf = zipf_frequency(lemma, "en")
            if len(lemma) < 4 or not hard(lemma, pos, zipf):
                continue
            # 'abashed' -> 'embarrassed' is one participle for another; 'howling' -> 'wonderful' is not
            participle = pos != "v" and verb_form(lemma)
            shared = set(sets[offsets[0]])
            for offset in offsets[1:]:
                shared &= set(sets[offset])
            # every sense shares the word, or the first sense is the only one a reader meets
            tagged = counts.get((pos, lemma), {})
            first_share = tagged.get(1, 0) / max(1, sum(tagged.values()))
            dominant = len(offsets) == 1 or (
                len(offsets) <= DOMINANT_SENSES
                and tagged.get(1, 0) >= DOMINANT_COUNT
                and first_share >= DOMINANT_SHARE
            )
            pool = set(sets[offsets[0]]) if dominant else shared
            gain = GAIN_ONE_SENSE if len(offsets) == 1 else GAIN
            candidates = [
                (zipf_frequency(w, "en"), w)
                for w in pool
                # the everyday word's own first sense must be this one ('tight' for 'besotted' is not)
                if w != lemma
                and w not in NEVER
                and w not in listed_hard
                and (lemma, w) not in DENY
                and w.isalpha()
                and w in lowercase[offsets[0] if dominant else offsets[-1]]
                and (not participle or (verb_form(w) and w[-2:] == lemma[-2:]))
                and len(w) >= 3
                and not set(w) <= set("ivxlcdm")  # 'tercet' -> 'iii'
                # a word that SemCor never tagged in this part of speech is not read in it
                and (len(offsets) == 1 or sum(counts.get((pos, w), {}).values()) > 0)
                and not _variant(w, lemma)
                and senses.get(w, [""])[0] in (offsets if w in shared else offsets[:1])
                # a word swapped in one sense only must be read in this part of speech most
                and mainly(w, pos, by_use=w not in shared)
                and not (pos == "a" and _comparative(w, every["a"]))
                # verbs go wrong most ('clamber' -> 'skin'): a verb's everyday word is mostly a verb,
                # or one of the commonest words of English ('use')
                and (
                    pos != "v"
                    or len(every["v"].get(w, [])) >= len(every["n"].get(w, []))
                    or zipf_frequency(w, "en") >= 5.5
                )
            ]
            best = max(candidates, default=None)
            if best and best[0] >= max(EVERYDAY, zipf + (GAIN if best[1] in shared else gain)):
                rows.append((pos, lemma, best[1]))
    return sorted(rows)


def glosses(folder: Path, pos: str) -> dict[str, str]:
    """offset -> the synset's definition: the gloss before its examples, brackets taken out."""
    found = {}
    for line in (folder / f"data.{POS[pos]}").read_text(encoding="utf-8").splitlines():
        if line.startswith("  ") or " | " not in line:
            continue
        definition = line.split(" | ", 1)[1].split(";")[0]
        definition = re.sub(r"\([^)]*\)", "", definition)
        found[line.split()[0]] = " ".join(definition.replace('"', "").split())
    return found


MEANING_WORDS = 12  # an explanation is one short sentence
MEANING_HARD, MEANING_EVERYDAY = 4.0, 3.8  # words that may need one; words one may use
# words an explanation may hold though wordfreq rates them under Zipf 3.5
SMALL_WORDS = frozenset({"a", "an", "the", "of", "or", "and", "to", "in", "on", "by", "for", "with", "as"})


def meanings(folder: Path) -> list[tuple[str, str, str]]:
    """(pos, hard lemma, meaning): the WordNet definition of a hard word's only sense or dominant
    sense (as for swaps), when it is short and every word in it is an everyday word (Zipf 3.8 or
    more), and does not lean on the word itself ('nonclassical': 'not classical'). The draft
    marks these explanations as generated, for the reviewer to check first."""
    counts = tagged_counts(folder)
    every = {pos: index(folder, pos) for pos in POS}
    rows = []
    for pos in POS:
        senses = index(folder, pos)
        gloss = glosses(folder, pos)
        for lemma, offsets in senses.items():
            if not lemma.isalpha() or not lemma.islower() or len(lemma) < 4:
                continue
            if zipf_frequency(lemma, "en") >= MEANING_HARD:  # a form ('glaciers') may be rarer
                continue
            tagged = counts.get((pos, lemma), {})
            dominant = len(offsets) == 1 or (
                len(offsets) <= DOMINANT_SENSES
                and tagged.get(1, 0) >= DOMINANT_COUNT
                and tagged.get(1, 0) >= DOMINANT_SHARE * sum(tagged.values())
            )
            # mostly this part of speech, by senses and by tagged uses ('waft' is mostly a verb)
            other_senses = max(len(every[p].get(lemma, [])) for p in POS if p != pos)
            other_uses = max(sum(counts.get((p, lemma), {}).values()) for p in POS if p != pos)
            if other_senses >= len(offsets) or other_uses > sum(tagged.values()):
                continue
            meaning = gloss.get(offsets[0], "")
            words = re.findall(r"[A-Za-z']+", meaning)
            if (
                not dominant
                or not 2 <= len(words) <= MEANING_WORDS
                or not re.fullmatch(r"[a-z][a-z' ,-]*", meaning)
                or any(w[: max(4, len(lemma) - 3)] == lemma[: max(4, len(lemma) - 3)] for w in words)
                or any(len(w) >= 5 and w in lemma for w in words)  # 'nonclassical': 'not classical'
                or any(w not in SMALL_WORDS and zipf_frequency(w, "en") < MEANING_EVERYDAY for w in words)
            ):
                continue
            if (lemma, "") not in DENY:
                rows.append((pos, lemma, meaning.rstrip(" ,")))
    return sorted(rows)


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/wordnet")
    rows = everyday(folder)
    text = "# pos\thard word\teveryday word (WordNet 3.0 synonyms in every sense, ranked by wordfreq)\n"
    text += "".join(f"{p}\t{w}\t{e}\n" for p, w, e in rows)
    OUT.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    print(f"{len(rows)} words -> {OUT}")
    found = meanings(folder)
    text = "# pos\thard word\tmeaning (WordNet 3.0: its only or dominant sense, in everyday words)\n"
    text += "".join(f"{p}\t{w}\t{m}\n" for p, w, m in found)
    MEANINGS.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    print(f"{len(found)} meanings -> {MEANINGS}")


if __name__ == "__main__":
    main()
