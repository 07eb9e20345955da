"""Benchmark: the easy-read generator on English it was not written for.

    .venv/bin/python bench/easyread_eval.py [--limit N] [--save FILE] [--load NAME=FILE ...]

Corpora (see ../shared/corpora/README.md; read in place, never copied into the repository):
ASSET validation (2,000 Wikipedia sentences, 10 human simplifications each) and 40
OneStopEnglish articles with their Elementary rewrites (each paragraph is simplified alone).

Systems: `copy` (the input unchanged), `generator` (this tree's easy-read sentences, as
`make_easy_read` writes a paragraph), the Elementary rewrites (OneStop only) and any outputs
saved earlier with `--save` (e.g. the generator before a change: `--load before=FILE`).

Figures: SARI (bench/sari.py, EASSE's corpus_sari), Flesch-Kincaid grade, words a sentence, % of
sentences over 15 and over 20 words, facts kept (names, numbers, dates of the input found in the
output, counted here independently of the generator's own facts check), % of sentences passing
the generator's do-no-harm gate (when it has one), crashes, seconds per 1,000 input words.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from sari import corpus_sari  # noqa: E402

from accessible_pub.easyread import easy_sentences  # noqa: E402
from accessible_pub.easyread.data import word_data  # noqa: E402
from accessible_pub.easyread.transforms import split_sentences, word_count  # noqa: E402
from accessible_pub.model import Span  # noqa: E402
from accessible_pub.readability import score  # noqa: E402

CORPORA = ROOT.parent.parent / "shared" / "corpora"
if not CORPORA.is_dir():
    CORPORA = Path("/work/shared/corpora")

Output = list[str] | None  # a segment's sentences, or None when the system crashed on it


@dataclass(frozen=True)
class Corpus:
    name: str
    segments: list[str]  # what the system simplifies: a sentence (ASSET) or a paragraph (OneStop)
    refs: list[list[str]]  # refs[k][i]: k-th human simplification of segment i
    documents: list[list[int]]  # segment indexes of each document (OneStop: an article)


def asset(limit: int | None) -> Corpus:
    folder = CORPORA / "asset-valid"
    orig = (folder / "asset.valid.orig").read_text(encoding="utf-8").splitlines()[:limit]
    refs = [
        (folder / f"asset.valid.simp.{k}").read_text(encoding="utf-8").splitlines()[: len(orig)]
        for k in range(10)
    ]
    return Corpus("ASSET validation", orig, refs, [[i] for i in range(len(orig))])


def _paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8-sig")
    return [" ".join(p.split()) for p in text.splitlines() if p.strip()]


def onestop(limit: int | None) -> tuple[Corpus, list[str]]:
    """The Advanced articles by paragraph, and the Elementary rewrite of each article."""
    folder = CORPORA / "onestopenglish-dev"
    segments: list[str] = []
    documents: list[list[int]] = []
    elementary: list[str] = []
    for adv in sorted((folder / "adv").glob("*-adv.txt"))[:limit]:
        ele = folder / "ele" / adv.name.replace("-adv.txt", "-ele.txt")
        paragraphs = _paragraphs(adv)
        documents.append(list(range(len(segments), len(segments) + len(paragraphs))))
        segments += paragraphs
        elementary.append(" ".join(_paragraphs(ele)))
    return Corpus("OneStopEnglish (Advanced -> Elementary)", segments, [], documents), elementary


# ---- systems -------------------------------------------------------------------------------


def copy_system(segment: str) -> list[str]:
    return split_sentences(segment)


def generator_system(segment: str) -> list[str]:
    return easy_sentences((Span(segment),), word_data(), max_words=15)


def run(system: Callable[[str], list[str]], segments: Sequence[str]) -> tuple[list[Output], float]:
    outputs: list[Output] = []
    started = time.perf_counter()
    for segment in segments:
        try:
            outputs.append(system(segment))
        except Exception:  # noqa: BLE001 - a crash is a figure here, not a stop
            outputs.append(None)
    return outputs, time.perf_counter() - started


# ---- figures -------------------------------------------------------------------------------

_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
_FACT = re.compile(rf"\b(?:{_MONTHS})\b|\d+(?:[.,]\d+)*")
_CAP_WORD = re.compile(r"[A-Z][A-Za-z]+(?:['’-][A-Za-z]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-"})


def facts(text: str) -> list[str]:
    """Names (capitalised words not opening a sentence), numbers and month names, as written."""
    text = text.translate(_APOSTROPHES)
    found = [m[0] for m in _FACT.finditer(text)]
    for sentence in split_sentences(text):
        found += [m[0] for m in _CAP_WORD.finditer(sentence) if m.start() > 0 and len(m[0]) > 1]
    return found


def facts_kept(source: str, output: str) -> tuple[int, int]:
    """(kept, total): a fact is kept when the output has the same token, with its capitals
    (a name may open an output sentence)."""
    out = output.translate(_APOSTROPHES)
    have = {m[0] for m in _FACT.finditer(out)} | {m[0] for m in _CAP_WORD.finditer(out)}
    wanted = set(facts(source))
    return len(wanted & have), len(wanted)


def gate_passes(outputs: Sequence[Output]) -> tuple[int, int] | None:
    """(passing, sentences) by the generator's gate, each sentence read after the one before it
    in its segment (the first of a segment may point back to text before it); None without a gate."""
    try:
        from accessible_pub.easyread.gate import problems
        from accessible_pub.easyread.parse import parse_all
    except ImportError:
        return None
    passing = total = 0
    for output in outputs:
        if not output:
            continue
        docs = parse_all(output)
        in_list = False
        for i, doc in enumerate(docs):
            # a bullet item ('Leeds') under a line that opens a list ('The group visited:') is no sentence
            in_list = bool(i) and (output[i - 1].endswith(":") or in_list) and not output[i][-1:] in ".!?"
            if in_list:
                continue
            found = problems(doc, before=docs[i - 1] if i else None)
            if i == 0:
                found -= {"nothing to point back to"}
            passing += not found
            total += 1
    return passing, total


@dataclass(frozen=True)
class Figures:
    sari: float | None
    grade: float
    words_per_sentence: float
    over_15: float
    over_20: float
    facts_kept: float
    gate_pass: float | None
    crashes: int
    seconds_per_1000_words: float | None
    length_ratio: float


def figures(
    corpus: Corpus,
    outputs: Sequence[Output],
    *,
    seconds: float | None,
    refs: list[list[str]] | None = None,
) -> Figures:
    texts = [" ".join(o) if o is not None else "" for o in outputs]
    sentences = [s for o in outputs if o for s in o]
    scores = score(sentences)
    sari = None
    if corpus.refs:
        sari = corpus_sari(corpus.segments, texts, corpus.refs).score
    elif refs:
        docs = [" ".join(corpus.segments[i] for i in d) for d in corpus.documents]
        out_docs = [" ".join(texts[i] for i in d) for d in corpus.documents]
        sari = corpus_sari(docs, out_docs, refs).score
    kept = total = 0
    for segment, text in zip(corpus.segments, texts):
        k, t = facts_kept(segment, text)
        kept, total = kept + k, total + t
    gate = gate_passes(outputs)
    passing = 100 * gate[0] / max(1, gate[1]) if gate else None
    n_in = sum(word_count(s) for s in corpus.segments)
    n = max(1, len(sentences))
    return Figures(
        sari=sari,
        grade=scores.flesch_kincaid_grade,
        words_per_sentence=scores.words_per_sentence,
        over_15=100 * scores.sentences_over_15 / n,
        over_20=100 * scores.sentences_over_20 / n,
        facts_kept=100 * kept / max(1, total),
        gate_pass=passing,
        crashes=sum(o is None for o in outputs),
        seconds_per_1000_words=None if seconds is None else 1000 * seconds / max(1, n_in),
        length_ratio=sum(word_count(t) for t in texts) / max(1, n_in),
    )


_ROWS = (
    ("SARI", "sari", "{:.1f}"),
    ("Flesch-Kincaid grade", "grade", "{:.1f}"),
    ("words a sentence", "words_per_sentence", "{:.1f}"),
    ("% sentences > 15 words", "over_15", "{:.1f}"),
    ("% sentences > 20 words", "over_20", "{:.1f}"),
    ("facts kept %", "facts_kept", "{:.1f}"),
    ("% sentences passing the gate", "gate_pass", "{:.1f}"),
    ("crashes (segments)", "crashes", "{}"),
    ("s per 1,000 words", "seconds_per_1000_words", "{:.3f}"),
    ("output words / input words", "length_ratio", "{:.2f}"),
)


def table(title: str, columns: dict[str, Figures]) -> str:
    width = max(12, *(len(c) + 2 for c in columns))
    lines = [title, f"{'':32}" + "".join(f"{c:>{width}}" for c in columns)]
    for label, attr, fmt in _ROWS:
        cells = []
        for fig in columns.values():
            value = getattr(fig, attr)
            cells.append(f"{'-' if value is None else fmt.format(value):>{width}}")
        lines.append(f"{label:32}" + "".join(cells))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, help="first N ASSET sentences and N OneStop articles")
    parser.add_argument("--save", type=Path, help="write the generator's outputs to this JSON file")
    parser.add_argument("--load", action="append", default=[], help="NAME=FILE: outputs saved earlier")
    parser.add_argument("--show", type=int, default=0, help="print N random generator sentences (seed 15)")
    args = parser.parse_args(argv)

    corpora = {"asset": asset(args.limit)}
    ost, elementary = onestop(args.limit)
    corpora["onestop"] = ost
    saved: dict[str, object] = {}
    loaded = {}
    for item in args.load:
        name, _, path = item.partition("=")
        loaded[name] = json.loads(Path(path).read_text(encoding="utf-8"))
    for key, corpus in corpora.items():
        columns: dict[str, Figures] = {}
        refs = [elementary] if key == "onestop" else None
        copy_out, copy_s = run(copy_system, corpus.segments)
        columns["copy"] = figures(corpus, copy_out, seconds=copy_s, refs=refs)
        for name, data in loaded.items():
            outs = data[key][: len(corpus.segments)]
            columns[name] = figures(corpus, outs, seconds=None, refs=refs)
        generator_system("Warm up the word lists and the segmenter once.")
        gen_out, gen_s = run(generator_system, corpus.segments)
        columns["generator"] = figures(corpus, gen_out, seconds=gen_s, refs=refs)
        saved[key] = gen_out
        if key == "onestop":
            ele_sentences = [split_sentences(doc) for doc in elementary]
            ele_corpus = Corpus(
                corpus.name,
                [" ".join(corpus.segments[i] for i in d) for d in corpus.documents],
                [],
                [[i] for i in range(len(corpus.documents))],
            )
            columns["Elementary"] = figures(ele_corpus, ele_sentences, seconds=None)
        print(table(f"{corpus.name}: {len(corpus.segments)} segments", columns))
        print()
        if args.show:
            import random

            pool = [(seg, s) for seg, o in zip(corpus.segments, gen_out) if o for s in o]
            for _, sentence in random.Random(15).sample(pool, min(args.show, len(pool))):
                print("  *", sentence)
            print()
    if args.save:
        args.save.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
