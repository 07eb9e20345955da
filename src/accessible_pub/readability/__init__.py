"""Readability, one package: scores (`scores.py`, textstat offline), the easy-read rules a
program can check (`rules.py`), and the gate that checks files and writes its report in text,
JSON, GitHub annotations or JUnit XML (`gate.py`, behind `accessible-pub check`).

Sentences are split by us, not by textstat: textstat drops sentences of two words or fewer and
reads an unpunctuated list as one sentence (see shared/guides/easy-read.md), so each line or
bullet of easy-read text is one sentence here.
"""

from __future__ import annotations

from ..model import Finding, Scores
from .rules import RULE_IDS, RULES, CheckResult, Line, check_lines
from .scores import hard_words, score, syllables, zipf

__all__ = [
    "RULES",
    "RULE_IDS",
    "CheckResult",
    "Finding",
    "Line",
    "Scores",
    "check_lines",
    "hard_words",
    "score",
    "syllables",
    "zipf",
]
