"""The easy-read rules a program can check (the numbers are the guide's rule numbers).

Scores are reported, rules gate. Each rule reads the lines of a text and gives findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..config import CheckSettings
from ..model import Finding, Scores
from ..text import whole_word, words
from .scores import hard_words, join_hyphens, names_in, score

if TYPE_CHECKING:
    from ..easyread.data import WordData

# ---------------------------------------------------------------------------------------------
# Rules (the numbers are the guide's rule numbers)


@dataclass(frozen=True)
class Line:
    """One sentence of a checked text and where it stands in its file."""

    number: int
    text: str
    paragraph: int
    column: int = 1


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    scores: Scores | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


_ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")
_NUMBER_WORDS = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|hundred|thousand|million)\b",
    re.IGNORECASE,
)
_BIG_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3}){2,}\b|\b\d{7,}\b|\bmillions?\b|\bbillions?\b", re.IGNORECASE)
_EMPHASIS = re.compile(r"(?<![*\w])([*_])(?!\1)[^*_\n]+?\1(?![*\w])|<(?:i|em|u)>")
_CAPS = re.compile(r"\b[A-Z]{2,}(?:\s+[A-Z]{2,}){1,}\b|\b[A-Z]{6,}\b")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")
_DEFINES = r"\s*,?\s*(?:means|is short for|stands for)"
# A heuristic for the passive voice (rule 4 is only partly checkable without a parser).
_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?(\w+(?:ed|en)|made|done|given|taken|seen|"
    r"held|run|paid|told|left|brought|kept)\b(?:\s+by\b)?",
    re.IGNORECASE,
)
_NOT_PARTICIPLES = {
    "need",
    "used",
    "interested",
    "worried",
    "tired",
    "married",
    "open",
    "often",
    "even",
    "ten",
    "seven",
    "eleven",
    "kitchen",
    "garden",
    "children",
    "women",
    "men",
    "listen",
}
IDEAS_PER_PAGE = 5  # an easy-read page holds about five picture-and-words rows


@dataclass(frozen=True)
class _Context:
    settings: CheckSettings
    allowed: frozenset[str]
    explained: tuple[str, ...]
    plain_words: Mapping[str, str]  # hard word -> everyday word (the festival's list included)


def _finding(
    rule: str, severity: str, line: Line, message: str, text: str = "", suggestion: str = ""
) -> Finding:
    column = line.column + max(0, line.text.find(text)) if text else line.column
    return Finding(rule, severity, line.number, column, message, text, suggestion)


def _split_hint(sentence: str, max_words: int) -> str:
    from ..easyread.transforms import split_long

    pieces = split_long(sentence, max_words=max_words)
    if len(pieces) > 1:
        return "split it: " + " / ".join(pieces)
    return "split it into two sentences, one idea each"


def rule_sentence_length(lines: Sequence[Line], ctx: _Context) -> Iterable[Finding]:
    """Rule 1: at most 15 words a sentence (warning), over 20 is an error."""
    s = ctx.settings
    for line in lines:
        n = len(words(line.text))
        if n > s.sentence_words_error:
            yield _finding(
                "ER1",
                "error",
                line,
                f"sentence has {n} words (at most {s.sentence_words_error})",
                line.text,
                _split_hint(line.text, s.sentence_words_warn),
            )
        elif n > s.sentence_words_warn:
            yield _finding(
                "ER1",
                "warning",
                line,
                f"sentence has {n} words (aim for {s.sentence_words_warn} or fewer)",
                line.text,
                _split_hint(line.text, s.sentence_words_warn),
            )


def rule_mean_length(lines: Sequence[Line], ctx: _Context) -> Iterable[Finding]:
    """Rule 2: the whole text averages 12 words a sentence or fewer."""
    counts = [len(words(line.text)) for line in lines if words(line.text)]
    if counts and (mean := sum(counts) / len(counts)) > ctx.settings.mean_sentence_words:
        yield _finding(
            "ER2",
            "error",
            lines[0],
            f"sentences average {mean:.1f} words (at most {ctx.settings.mean_sentence_words:g})",
            suggestion="split the longest sentences",
        )


def rule_semicolons(lines: Sequence[Line], ctx: _Context) -> Iterable[Finding]:
    """Rules 3 and 10: one idea a sentence, so no semicolons."""
    for line in lines:
        if ";" in line.text:
            yield _finding(
                "ER3", "error", line, "semicolon: one idea a sentence", ";", "end the sentence there"
            )


def rule_passive(lines: Sequence[Line], ctx: _Context) -> Iterable[Finding]:
    """Rule 4 (heuristic): active voice. Flags 'is/was ... -ed (by)' for a person to judge."""
    for line in lines:
        for m in _PASSIVE.finditer(line.text):
            if m[1].lower() not in _NOT_PARTICIPLES:
                yield _finding(
                    "ER4",
                    "warning",
                    line,
                    "this may be passive: say who does what",
                    m[0],
                    "for example 'staff run the group', not 'the group is run by staff'",
                )
                break


def rule_hard_words(lines: Sequence[Line], ctx: _Context) -> Iterable[Finding]:
    """Rule 5: no hard word (rare in everyday English) left unexplained."""
    plain = ctx.plain_words
    for line in lines:
        for word in hard_words(line.text, threshold=ctx.settings.hard_word_zipf, allowed=ctx.allowed):
            swap = plain.get(word.lower())
            hint = (
                f"say '{swap}'"
                if swap
                else f"use an everyday word, or explain it: **{word.lower()}** means ..."
            )
            yield _finding("ER5", "error", line, f"hard word '{word}' is not explained", word, hint)


def rule_explained_where_used(lines: Sequence[Line], ctx: _Context) -> Iterable[Finding]:
    """Rule 6: a hard word that stays is explained where it is first used (same or next idea)."""
    for word in ctx.explained:
        pattern = re.compile(whole_word(word), re.IGNORECASE)
        uses = [
            line
            for line in lines
            if pattern.search(line.text)
            and not re.match(rf"{re.escape(word)}\s+means\b", line.text, re.IGNORECASE)
        ]
        explanation = next(
            (line for line in lines if re.match(rf"{re.escape(word)}\s+means\b", line.text, re.IGNORECASE)),
            None,
        )
        if uses and explanation and explanation.paragraph > uses[0].paragraph + 1:
            yield _finding(
                "ER6",
                "warning",
                uses[0],
                f"'{word}' is explained later, not where it is first used",
                word,
                f"move '{word} means ...' next to this sentence",
            )


def rule_acronyms(lines: Sequence[Line], ctx: _Context) -> Iterable[Finding]:
    """Rule 7: no initials, or spelled out the first time."""
    defined: set[str] = set()
    for index, line in enumerate(lines):
        postcodes = " ".join(_POSTCODE.findall(line.text))
        # spelled out in the sentence, or in an explanation line right after it ('GP means ...'),
        # as the easy-read generator and the guide's word boxes put them
        nearby = line.text + (" " + lines[index + 1].text if index + 1 < len(lines) else "")
        for acronym in _ACRONYM.findall(line.text):
            if (
                acronym in defined
                or acronym in ctx.explained
                or acronym in postcodes
                or acronym in {"OK", "TV"}
            ):
                continue
            defined.add(acronym)
            if not re.search(rf"\b{acronym}{_DEFINES}", nearby):
                yield _finding(
                    "ER7",
                    "warning",
                    line,
                    f"'{acronym}': spell out initials the first time",
                    acronym,
                    f"write the words, or add '{acronym} means ...'",
                )


def rule_emphasis(lines: Sequence[Line], ctx: _Context) -> Iterable[Finding]:
    """Rule 8: no italics, underlining or block capitals; bold for emphasis."""
    for line in lines:
        if m := _EMPHASIS.search(line.text):
            yield _finding(
                "ER8", "error", line, "italics or underline: use bold for emphasis", m[0], "use **bold**"
            )
        for run in _CAPS.findall(line.text):
            if not _POSTCODE.fullmatch(run) and not _ACRONYM.fullmatch(run):
                yield _finding(
                    "ER8", "error", line, "block capitals are hard to read", run, "write it in lower case"
                )


def rule_numbers(lines: Sequence[Line], ctx: _Context) -> Iterable[Finding]:
    """Rule 9: numbers as digits; avoid percentages and very large numbers."""
    for line in lines:
        if m := _NUMBER_WORDS.search(line.text):
            yield _finding("ER9", "warning", line, f"write '{m[0]}' as digits", m[0])
        if "%" in line.text or re.search(r"\bper ?cent\b", line.text, re.IGNORECASE):
            yield _finding(
                "ER9",
                "warning",
                line,
                "avoid percentages",
                "%" if "%" in line.text else "percent",
                "say '1 in 4' or 'most people'",
            )
        if m := _BIG_NUMBER.search(line.text):
            yield _finding(
                "ER9",
                "warning",
                line,
                "very large numbers are hard to picture",
                m[0],
                "say 'a lot of money' or compare it with something",
            )


def rule_brackets(lines: Sequence[Line], ctx: _Context) -> Iterable[Finding]:
    """Rule 10: simple punctuation, no brackets."""
    for line in lines:
        if m := re.search(r"[()\[\]{}]", line.text):
            yield _finding(
                "ER10",
                "error",
                line,
                "brackets make a sentence harder to follow",
                m[0],
                "say it in its own sentence",
            )


def rule_consistent_words(lines: Sequence[Line], ctx: _Context) -> Iterable[Finding]:
    """Rule 11 (partly): the same word for the same thing. Flags a plain word and the hard word it
    replaces used in one text ('help' and 'assistance')."""
    plain = ctx.plain_words
    seen: dict[str, Line] = {}
    for line in lines:
        for word in words(line.text):
            seen.setdefault(word.lower(), line)
    for hard, easy in plain.items():
        if hard in seen and easy in seen and hard != easy:
            line = seen[hard]
            yield _finding(
                "ER11",
                "warning",
                line,
                f"'{hard}' and '{easy}' may mean the same thing here",
                hard,
                f"use '{easy}' all through",
            )


def rule_paragraphs(lines: Sequence[Line], ctx: _Context) -> Iterable[Finding]:
    """Rule 12: short paragraphs, at most 5 sentences."""
    groups: dict[int, list[Line]] = {}
    for line in lines:
        groups.setdefault(line.paragraph, []).append(line)
    for group in groups.values():
        if len(group) > ctx.settings.paragraph_sentences:
            yield _finding(
                "ER12",
                "warning",
                group[0],
                f"paragraph has {len(group)} sentences (at most {ctx.settings.paragraph_sentences})",
                suggestion="start a new idea with a blank line",
            )


def rule_one_sentence_a_line(lines: Sequence[Line], ctx: _Context) -> Iterable[Finding]:
    """Rule 13: one sentence a line (lists as bullets)."""
    from ..easyread.transforms import split_sentences

    maybe_two = re.compile(r"[.!?][\"')]?\s+[\"'(]?[A-Z0-9]")
    for line in lines:
        # pysbd is thorough but slow: ask it only when a stop is followed by a new sentence's start
        if maybe_two.search(line.text) and len(split_sentences(line.text)) > 1:
            yield _finding(
                "ER13",
                "error",
                line,
                "more than one sentence on this line",
                line.text,
                "put each sentence on its own line",
            )


def rule_length(lines: Sequence[Line], ctx: _Context) -> Iterable[Finding]:
    """Rule 16: at most 20-24 pages (estimated from the number of ideas)."""
    ideas = len({line.paragraph for line in lines})
    pages = -(-ideas // IDEAS_PER_PAGE)
    if lines and pages > ctx.settings.max_pages:
        yield _finding(
            "ER16",
            "error",
            lines[0],
            f"about {pages} pages (at most {ctx.settings.max_pages})",
            suggestion="split it into two documents, or leave out what readers do not need",
        )


RULE_IDS = (
    "ER1",
    "ER2",
    "ER3",
    "ER4",
    "ER5",
    "ER6",
    "ER7",
    "ER8",
    "ER9",
    "ER10",
    "ER11",
    "ER12",
    "ER13",
    "ER16",
    "FRE",
    "GRADE",
)
RULES = (
    rule_sentence_length,
    rule_mean_length,
    rule_semicolons,
    rule_passive,
    rule_hard_words,
    rule_explained_where_used,
    rule_acronyms,
    rule_emphasis,
    rule_numbers,
    rule_brackets,
    rule_consistent_words,
    rule_paragraphs,
    rule_one_sentence_a_line,
    rule_length,
)


def check_lines(
    lines: Sequence[Line],
    settings: CheckSettings,
    *,
    explained: Iterable[str] = (),
    words: WordData | None = None,
) -> CheckResult:
    """Check sentences against the automatic rules of the easy-read guide (rule ids ER1-ER16).

    `words`: the festival's word lists (default: the package's own)."""
    from ..easyread.data import word_data

    explained = tuple(explained)
    ctx = _Context(
        settings,
        frozenset(join_hyphens(w) for w in (*explained, *settings.allowed_words))
        | names_in(line.text for line in lines),
        explained,
        plain_words=(words or word_data()).plain_words,
    )
    off = set(settings.disabled_rules)
    result = CheckResult()
    for rule in RULES:
        result.findings.extend(f for f in rule(lines, ctx) if f.rule not in off)
    result.scores = score(
        [line.text for line in lines], explained=explained, hard_zipf=settings.hard_word_zipf
    )
    scores = result.scores
    if lines and scores.sentences:
        if scores.masked_flesch_reading_ease < settings.min_masked_fre and "FRE" not in off:
            result.findings.append(
                _finding(
                    "FRE",
                    "warning",
                    lines[0],
                    f"reading ease {scores.masked_flesch_reading_ease:g} with explained words masked "
                    f"(aim for {settings.min_masked_fre:g} or more)",
                    suggestion="use shorter words and sentences",
                )
            )
        if scores.masked_flesch_kincaid_grade > settings.max_masked_grade and "GRADE" not in off:
            result.findings.append(
                _finding(
                    "GRADE",
                    "warning",
                    lines[0],
                    f"grade {scores.masked_flesch_kincaid_grade:g} with explained words masked "
                    f"(aim for {settings.max_masked_grade:g} or less)",
                    suggestion="use shorter words and sentences",
                )
            )
    result.findings.sort(key=lambda f: (f.line, f.column, f.rule))
    return result
