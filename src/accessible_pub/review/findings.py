"""What the easy-read rules found, in plain words, next to the sentence each finding is about.

The rules are those of `accessible-pub check` (readability.py), run on the whole file so that
a finding about one idea (an explanation further down, the same thing called two names) is
seen; each finding is then put beside the sentence, explanation or idea its line belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..readability.gate import check_easy_read_text
from ..config import CheckSettings
from ..model import Finding
from ..text import words
from .desk import Draft

WHOLE_TEXT_RULES = {"ER2", "ER16", "FRE", "GRADE"}
IDEA_RULES = {"ER12"}


@dataclass(frozen=True)
class Said:
    """One finding as a reviewer reads it."""

    words: str
    must_fix: bool  # the rule calls it an error: sign-off needs a reason while it stays
    rule: str


@dataclass
class Findings:
    whole_text: list[Said] = field(default_factory=list)
    ideas: dict[int, list[Said]] = field(default_factory=dict)
    # (idea, "sentence" or "explanation", position) -> findings
    lines: dict[tuple[int, str, int], list[Said]] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        every = [*self.whole_text, *(s for v in self.ideas.values() for s in v)]
        every += [s for v in self.lines.values() for s in v]
        return sum(s.must_fix for s in every)


def _number(message: str) -> str:
    m = re.search(r"\d+(?:\.\d+)?", message)
    return m[0] if m else ""


def in_plain_words(finding: Finding, sentence: str = "") -> str:
    """A rule's finding said so that a reviewer with a learning disability can act on it."""
    rule, text = finding.rule, finding.text
    if rule == "ER1":
        return (
            f"This sentence is long: {len(words(sentence)) or _number(finding.message)} words. Can it be two?"
        )
    if rule == "ER2":
        return f"The sentences are {_number(finding.message)} words long on average. Make some shorter."
    if rule == "ER3":
        return "This sentence has a semicolon ( ; ). Can it be two sentences?"
    if rule == "ER4":
        return f"“{text}” may not say who does it. Can you say who does what?"
    if rule == "ER5":
        swap = re.match(r"say '([^']+)'", finding.suggestion)
        hint = f" Maybe say “{swap[1]}”." if swap else " Use an easier word, or explain it."
        return f"“{text}” may be a hard word.{hint}"
    if rule == "ER6":
        return f"“{text}” is explained further on. Explain it here, where it is first used."
    if rule == "ER7":
        return f"“{text}” is a short way of writing some words. Write the words out."
    if rule == "ER8":
        if "capitals" in finding.message:
            return f"“{text}” is in capital letters. Write it in small letters."
        return "Some words are slanted or underlined. Use bold instead."
    if rule == "ER9":
        if "percent" in finding.message:
            return "Percentages are hard to understand. Say “1 in 4” or “most people”."
        if "large" in finding.message:
            return f"“{text}” is a very big number. Can you say it another way?"
        return f"Write “{text}” as a number, like 3."
    if rule == "ER10":
        return "This sentence has brackets. Can you say that part in its own sentence?"
    if rule == "ER11":
        pair = re.findall(r"'([^']+)'", finding.message)
        if len(pair) == 2:
            return f"“{pair[0]}” and “{pair[1]}” may mean the same thing. Use one word each time."
    if rule == "ER12":
        return f"This idea has {_number(finding.message)} sentences. Can it be two ideas?"
    if rule == "ER13":
        return "This line has more than one sentence. Put each sentence on its own line."
    if rule == "ER16":
        return f"This would be about {_number(finding.message)} pages. That is long. Can some parts go?"
    if rule in ("FRE", "GRADE"):
        return "The text may be hard to read. Use shorter words and shorter sentences."
    return finding.message


def find(draft: Draft, settings: CheckSettings) -> Findings:
    """The findings of the rules for the whole file, placed beside what they are about."""
    result, _ = check_easy_read_text(draft.text, settings)
    where: dict[int, tuple[int, str, int]] = {}
    for index, row in enumerate(draft.rows):
        for offset, (role, position) in enumerate(row.roles):
            where[row.start + offset + 1] = (index, role, position)  # findings count lines from 1
    out = Findings()
    for finding in result.findings:
        place = where.get(finding.line)
        if finding.rule in WHOLE_TEXT_RULES or place is None:
            out.whole_text.append(Said(in_plain_words(finding), finding.severity == "error", finding.rule))
            continue
        index, role, position = place
        row = draft.rows[index]
        sentence = row.idea.sentences[position] if role == "sentence" else ""
        said = Said(in_plain_words(finding, sentence), finding.severity == "error", finding.rule)
        if finding.rule in IDEA_RULES or role == "other":
            out.ideas.setdefault(index, []).append(said)
        else:
            out.lines.setdefault((index, role, position), []).append(said)
    return out
