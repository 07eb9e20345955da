"""The benchmark's SARI, checked on cases worked out by hand (bench/sari.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from sari import corpus_sari, tokenize_13a  # noqa: E402


def test_13a_splits_punctuation_but_not_decimals():
    assert (
        tokenize_13a("Hello, world. It costs 3.50 (approx)!") == "Hello , world . It costs 3.50 ( approx ) !"
    )
    assert tokenize_13a("1990-1995 and well-known") == "1990 - 1995 and well-known"


def test_one_reference_by_hand():
    # unigrams: add {c} right (P=R=1); keep {a} right (1, 1); delete {b} right (1, 1)
    # bigrams: add {"a c"} right (1, 1); nothing kept (0, 0); delete {"a b"} right (1, 1)
    # 3- and 4-grams: none. Averages over 4 orders: add 0.5/0.5, keep 0.25/0.25, delete 0.5/0.5
    sari = corpus_sari(["a b"], ["a c"], [["a c"]])
    assert sari.add == pytest.approx(50.0)
    assert sari.keep == pytest.approx(25.0)
    assert sari.delete == pytest.approx(50.0)
    assert sari.score == pytest.approx(125 / 3)


def test_two_references_weight_keep_and_delete_by_how_many_agree():
    # k = 2 references, "a" and "a b". Unigrams: kept a x2 of ref-kept {a:2, b:1} -> P 2/2, R 2/3;
    # deleted b x2 of ref-deleted {b:1} -> P 1/2, R 1/1. Bigram "a b": kept by one reference
    # (R 0/1), deleted x2 of 1 -> P 1/2, R 1/1. Nothing added anywhere -> add 0.
    # keep: P = 1/4, R = (2/3)/4 -> F1 0.2; delete: P = 1/4, R = 2/4 -> F1 1/3
    sari = corpus_sari(["a b"], ["a"], [["a"], ["a b"]])
    assert sari.add == 0.0
    assert sari.keep == pytest.approx(20.0)
    assert sari.delete == pytest.approx(100 / 3)
    assert sari.score == pytest.approx((20.0 + 100 / 3) / 3)


def test_case_and_punctuation_spacing_do_not_count():
    assert corpus_sari(["The cat sat."], ["the cat sat ."], [["The cat sat."]]) == corpus_sari(
        ["The cat sat."], ["The cat sat."], [["The cat sat."]]
    )


def test_counts_are_summed_over_the_corpus_before_scoring():
    # micro averaging: two sentences scored together differ from the mean of their scores
    pair = corpus_sari(["a b", "c d e"], ["a c", "c d e"], [["a c", "c e"]]).score
    one = corpus_sari(["a b"], ["a c"], [["a c"]]).score
    two = corpus_sari(["c d e"], ["c d e"], [["c e"]]).score
    assert pair != pytest.approx((one + two) / 2)
