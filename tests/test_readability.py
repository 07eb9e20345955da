from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from accessible_pub.config import CheckSettings
from accessible_pub.readability import Line, check_lines, hard_words, score

OFFLINE_PROBE = textwrap.dedent(
    """
    import socket, sys
    calls = []
    def refuse(*args, **kwargs):
        calls.append(args)
        raise OSError("network used")
    socket.socket.connect = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    import nltk
    nltk.download = lambda *a, **k: calls.append(("nltk.download", a)) or False
    from accessible_pub.readability import score
    s = score(["Co-production involves a redistribution of power.", "We listen to people."])
    assert not calls, calls
    assert 0 < s.flesch_reading_ease < 100, s
    print("OK", s.flesch_reading_ease, s.flesch_kincaid_grade)
    """
)


def test_scores_never_touch_the_network(tmp_path: Path):
    """textstat >= 0.7.10 would download NLTK's cmudict; with no network every score raised."""
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "no-nltk-data"), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", OFFLINE_PROBE], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK")


def test_easy_text_scores_better_than_hard_text():
    hard = score([
        "Co-production involves a redistribution of power, which necessitates institutional reform.",
        "Policy initiatives constitute progress towards self-determining citizenship.",
    ])
    easy = score(["We share power.", "People choose their own support.", "This is a good change."])
    assert easy.flesch_reading_ease > hard.flesch_reading_ease + 40
    assert easy.flesch_kincaid_grade < hard.flesch_kincaid_grade - 5


def test_masking_explained_words_raises_the_score():
    sentences = ["Co-production means people and staff decide things together.",
                 "Personalisation is good for people."]
    raw = score(sentences)
    masked = score(sentences, explained=["co-production", "personalisation"])
    assert masked.masked_flesch_reading_ease > raw.masked_flesch_reading_ease
    assert masked.flesch_reading_ease == raw.flesch_reading_ease


def test_short_sentences_are_counted_not_dropped():
    s = score(["We listen.", "We help.", "We care."])
    assert s.sentences == 3 and s.words_per_sentence == 2.0


def test_smog_only_with_thirty_sentences():
    assert score(["We meet today."] * 29).smog is None
    assert score(["We meet today."] * 30).smog is not None


def test_hard_words_join_hyphens_and_skip_names():
    found = hard_words("Coproduction needs a co-production mindset in Meanwood.",
                       threshold=3.5, allowed=frozenset())
    assert "Coproduction" in found and "co-production" in found
    assert "Meanwood" not in found


def _rules(*sentences: str, **settings: object) -> set[str]:
    lines = [Line(i + 1, s, 0) for i, s in enumerate(sentences)]
    return {f.rule for f in check_lines(lines, CheckSettings(**settings)).errors}


def test_each_rule_fails_on_its_own_fixture():
    long = " ".join(["word"] * 21) + "."
    assert "ER1" in _rules(long)
    fourteen = "We meet every week at the garden and grow food for the whole street."
    assert "ER2" not in _rules(fourteen, fourteen, "We all share it.")
    assert "ER2" in _rules(fourteen, fourteen, fourteen)
    assert "ER3" in _rules("We meet; we talk.")
    assert "ER10" in _rules("We meet (on Tuesdays).")
    assert "ER5" in _rules("The agenda was obfuscated.")
    assert "ER8" in _rules("Please COME TO THE MEETING today.")
    assert "ER8" in _rules("This is *really* good.")


def test_clean_easy_read_passes():
    assert _rules("We meet on Tuesday.", "We grow food together.", "Everyone is welcome.") == set()


def test_explained_words_are_not_hard():
    lines = [Line(1, "Co-production is how we work.", 0)]
    result = check_lines(lines, CheckSettings(), explained=["co-production"])
    assert not [f for f in result.findings if f.rule == "ER5"]
