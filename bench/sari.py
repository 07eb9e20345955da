"""SARI (Xu et al. 2016) as EASSE's `corpus_sari` computes it, written out here.

EASSE (feralvam/easse) is the reference implementation: every sentence, system output and
reference is lowercased and split with sacreBLEU's '13a' tokenizer; n-grams of order 1..4 are
counted per sentence; the add, keep and delete counts are summed over the corpus (micro
averaging); precision and recall are averaged over the four orders before F1 is taken; the
deletion score is an F1 too (EASSE's default). SARI is the mean of the three, times 100.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

NGRAM_ORDER = 4

# sacreBLEU's 13a (mteval-v13a) rules, in order
_13A = (
    (re.compile(r"([\{-\~\[-\` -\&\(-\+\:-\@\/])"), r" \1 "),  # punctuation apart
    (re.compile(r"([^0-9])([\.,])"), r"\1 \2 "),  # a period or comma, unless after a digit
    (re.compile(r"([\.,])([^0-9])"), r" \1 \2"),  # ... or before one
    (re.compile(r"([0-9])(-)"), r"\1 \2 "),  # a dash after a digit
)


def tokenize_13a(line: str) -> str:
    line = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ")
    if "&" in line:
        line = line.replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    line = f" {line} "
    for pattern, repl in _13A:
        line = pattern.sub(repl, line)
    return " ".join(line.split())


def normalize(sentence: str) -> str:
    return tokenize_13a(sentence.lower())


def _ngrams(sentence: str) -> list[Counter[str]]:
    tokens = sentence.split()
    return [
        Counter(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
        for n in range(1, NGRAM_ORDER + 1)
    ]


def _times(counts: Counter[str], factor: int) -> Counter[str]:
    return Counter({k: v * factor for k, v in counts.items()})


@dataclass
class _Counts:
    """Per n-gram order: what the system got right, what it did, what the references did."""

    correct: list[float] = field(default_factory=lambda: [0.0] * NGRAM_ORDER)
    system: list[float] = field(default_factory=lambda: [0.0] * NGRAM_ORDER)
    reference: list[float] = field(default_factory=lambda: [0.0] * NGRAM_ORDER)

    def f1(self) -> float:
        precision = sum(c / s if s else 0.0 for c, s in zip(self.correct, self.system)) / NGRAM_ORDER
        recall = sum(c / r if r else 0.0 for c, r in zip(self.correct, self.reference)) / NGRAM_ORDER
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class Sari:
    add: float
    keep: float
    delete: float

    @property
    def score(self) -> float:
        return (self.add + self.keep + self.delete) / 3


def corpus_sari(
    orig_sents: Sequence[str], sys_sents: Sequence[str], refs_sents: Sequence[Sequence[str]]
) -> Sari:
    """`refs_sents[k][i]` is the k-th reference of sentence i (EASSE's layout: one list per file)."""
    add, keep, delete = _Counts(), _Counts(), _Counts()
    for i, (orig_raw, sys_raw) in enumerate(zip(orig_sents, sys_sents, strict=True)):
        orig = _ngrams(normalize(orig_raw))
        out = _ngrams(normalize(sys_raw))
        refs_raw = [refs[i] for refs in refs_sents]
        refs: list[Counter[str]] = [Counter() for _ in range(NGRAM_ORDER)]
        for ref in refs_raw:
            for n, counts in enumerate(_ngrams(normalize(ref))):
                refs[n] += counts
        k = len(refs_raw)
        for n in range(NGRAM_ORDER):
            # add: binary, n-grams new to the output and in some reference
            added = set(out[n]) - set(orig[n])
            ref_added = set(refs[n]) - set(orig[n])
            add.system[n] += len(added)
            add.reference[n] += len(ref_added)
            add.correct[n] += len(added & set(refs[n]))
            # keep and delete: weighted by how many references did the same
            orig_k, out_k = _times(orig[n], k), _times(out[n], k)
            kept, ref_kept = orig_k & out_k, orig_k & refs[n]
            keep.system[n] += sum(kept.values())
            keep.reference[n] += sum(ref_kept.values())
            keep.correct[n] += sum((kept & ref_kept).values())
            deleted, ref_deleted = orig_k - out_k, orig_k - refs[n]
            delete.system[n] += sum(deleted.values())
            delete.reference[n] += sum(ref_deleted.values())
            delete.correct[n] += sum((deleted & ref_deleted).values())
    return Sari(100 * add.f1(), 100 * keep.f1(), 100 * delete.f1())
