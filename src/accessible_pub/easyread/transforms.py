"""Small pure text transformations: the simplifier is a list of these, driven by data.

Each `str -> str` function does one thing and is tested on its own. Splitting long
sentences is the one step that turns one sentence into several.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

import pysbd

from .data import WordData
from .verbs import base_form, inflect, is_only_verb, is_verb_form

Transform = Callable[[str, WordData], str]

_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


_local = threading.local()


def _segmenter() -> pysbd.Segmenter:
    """One per thread: a pysbd Segmenter keeps the text it is working on."""
    if not hasattr(_local, "segmenter"):
        _local.segmenter = pysbd.Segmenter(language="en", clean=False)
    return _local.segmenter


# pysbd's passes take time in the square of the text's length (60 s on 275 KB), so a long
# paragraph goes to it in pieces of about _PIECE characters, cut where a sentence surely ends;
# text with no such place is cut at a space: a "sentence" is never longer than _PIECE.
_PIECE = 1500
# a stop after a word of 4+ letters, then a capital: not 'Dr. Smith', 'e.g. Tom', '2 p.m. On'
_SURE_END = re.compile(r"(?<=[a-z]{4}[.!?])[\"'”’)\]]* (?=[\"'“‘(\[]?[A-Z])")


def _pieces(text: str) -> list[str]:
    """`text` cut into pieces of at most _PIECE characters, each ending a sentence if it can."""
    pieces: list[str] = []
    while len(text) > _PIECE:
        window = text[:_PIECE]
        ends = [m.end() for m in _SURE_END.finditer(window, _PIECE // 3)]
        cut = ends[-1] if ends else window.rfind(" ") + 1 or _PIECE
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; handles abbreviations like 'e.g.', 'Dr.' and '2 p.m.'."""
    text = " ".join(text.split())
    if not text:
        return []
    segment = _segmenter().segment
    pieces = [p.strip() for piece in _pieces(text) for p in segment(piece)]
    return [p for p in pieces if p]


_LINK_MARKUP = re.compile(r"\[([^\]]+)\]\([^)\s]+\)")


def word_count(text: str) -> int:
    """Words as a reader meets them: a link counts by its words, not its address."""
    return len(_WORD.findall(_LINK_MARKUP.sub(r"\1", text)))


def _match_case(original: str, replacement: str) -> str:
    if not replacement:
        return replacement
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


_DO_SO_WHILE = re.compile(r"\b(should|must|can|could|will|would) do so while (\w+ing)\b", re.IGNORECASE)


def do_so_while(text: str, data: WordData) -> str:
    """'it should do so while resisting X' -> 'it should also resist X' (one action, not two)."""
    return _DO_SO_WHILE.sub(lambda m: f"{m[1]} also {base_form(m[2])}", text)


# ---- one-sentence transforms ---------------------------------------------------------------


def plain_quotes(text: str, data: WordData) -> str:
    """Curly quotes to plain ones; quote marks around a phrase are kept as double quotes."""
    text = re.sub(r"(?<=\w)[’'](?=\w)", "'", text)  # apostrophes inside words
    text = re.sub(r"[‘’]([^‘’]+)[’]", r'"\1"', text)
    text = re.sub(r"[“”]", '"', text)
    return text.replace("’", "'").replace("‘", "'")


def drop_brackets(text: str, data: WordData) -> str:
    """Bracketed asides and citations ('(see p. 4)', '[12]') are dropped."""
    text = re.sub(r"\s*\[[^\]]{0,40}\]", "", text)
    text = re.sub(r"\s*\([^()]*\)", "", text)
    return text


_ASIDE = re.compile(
    r",\s*(?:equally|however|of course|anyway|in fact|indeed|therefore|though|too),(?=\s)",
    re.IGNORECASE,
)


def drop_asides(text: str, data: WordData) -> str:
    """Connective asides between commas ('but, equally, it ...') only slow a reader down."""
    return _ASIDE.sub("", text)


def expand_abbreviations(text: str, data: WordData) -> str:
    for short, long in data.abbreviations:
        text = re.sub(rf"(?<!\w){re.escape(short)}(?=\s|$|,)", long, text)
    return text


def plain_phrases(text: str, data: WordData) -> str:
    for pattern, plain in data.phrases:
        text = pattern.sub(lambda m, p=plain: _match_case(m[0], p), text)
    return text


def plain_words(text: str, data: WordData) -> str:
    def swap(m: re.Match[str]) -> str:
        plain = data.plain_words.get(m[0].lower())
        return _match_case(m[0], plain) if plain is not None else m[0]

    return _WORD.sub(swap, text)


def numbers_as_digits(text: str, data: WordData) -> str:
    for pattern, digits in data.numbers:
        text = pattern.sub(digits, text)
    return text


def spell_out_acronyms(text: str, data: WordData) -> str:
    def swap(m: re.Match[str]) -> str:
        return data.acronyms.get(m[0], m[0])

    return re.sub(r"\b[A-Z][A-Z&]{1,5}\b", swap, text)


def dashes_to_stops(text: str, data: WordData) -> str:
    """A dash between clauses starts a new sentence."""
    return re.sub(r"\s+[–—-]\s+", ". ", text)


def tidy(text: str, data: WordData) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.!?:])", r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r"^[,;:\s]+", "", text)
    text = re.sub(r"\ba ([aeiouAEIOU])", r"an \1", text)
    text = re.sub(r"\ban ([b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z])", r"a \1", text)
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and text[-1] not in '.!?"':
        text = text.rstrip(",;:") + "."
    return text


SENTENCE_TRANSFORMS: tuple[Transform, ...] = (
    plain_quotes,
    drop_brackets,
    drop_asides,
    expand_abbreviations,
    plain_phrases,
    plain_words,
    do_so_while,
    numbers_as_digits,
    spell_out_acronyms,
    dashes_to_stops,
    tidy,
)


def simplify_sentence(text: str, data: WordData) -> str:
    for transform in SENTENCE_TRANSFORMS:
        text = transform(text, data)
    return text


# ---- splitting long sentences --------------------------------------------------------------

_PRONOUNS = ("I", "We", "You", "They", "He", "She", "It")
_AUX = re.compile(
    r"\b(should|must|can|could|will|would|is|are|was|were)\s+((?:be\s+)?(?:about\s+)?)", re.IGNORECASE
)


def _pronoun_for(first: str, verb: str = "") -> str:
    """The pronoun that stands for the subject of `first` in a repaired second piece."""
    opening = first.split()[0] if first.split() else ""
    if opening.capitalize() in _PRONOUNS and opening not in ("it", "It"):
        return opening.capitalize() if opening != "i" else "I"
    return "They" if verb.lower() in ("are", "were") else "It"


# A repair gets (first piece, second piece, the word after the cut) and returns the second
# piece as a whole sentence, or None when the cut would not leave sensible English.
Repair = Callable[[str, str, str], "str | None"]


def _lead(text: str) -> Repair:
    """The second piece starts with `text`: 'because X' -> 'This is because X'."""

    def repair(first: str, second: str, word: str) -> str:
        return text + _lowered(second) if text else second

    return repair


def _lowered(piece: str) -> str:
    return piece if piece.startswith("I ") else piece[:1].lower() + piece[1:]


def _contrast(first: str, second: str, word: str) -> str | None:
    """'X should be about A, not B' -> 'X should be about A.' + 'It should not be about B.'"""
    aux = next(reversed(list(_AUX.finditer(first))), None)  # the verb nearest the cut
    if aux is None or "," in second:  # ', not B,' is an aside inside the sentence, not a contrast
        return None
    return f"{_pronoun_for(first, aux[1])} {aux[1].lower()} not {aux[2]}{second}"


def _but_verb(first: str, second: str, word: str) -> str | None:
    """'X supports A but recognises B' -> 'X supports A.' + 'But it recognises B.'"""
    if not is_only_verb(word):
        return None
    words = first.split()
    verb_at = next((i for i, w in enumerate(words) if i and is_verb_form(w.strip(",."), "VBZ")), None)
    if verb_at is None:
        return None
    subject = words[verb_at - 1]
    return f"But {subject if subject[:1].isupper() and subject not in _PRONOUNS else 'it'} {second}"


def _by_doing(first: str, second: str, word: str) -> str | None:
    """'X risks going back by putting Y' -> 'X risks going back.' + 'It does this by putting Y.'"""
    pronoun = _pronoun_for(first, next((w for w in first.split() if w in ("are", "were")), ""))
    does = "does" if pronoun in ("It", "He", "She") else "do"
    return f"{pronoun} {does} this by {second}"


_BE = frozenset({"be", "is", "are", "was", "were", "been", "being", "get", "gets", "got"})


def _done_by(first: str, second: str, word: str) -> str | None:
    """'leaving people justified by X' -> 'leaving people.' + 'X justifies this.' (active voice)."""
    before = first.split()[-1].lower() if first.split() else ""
    if before in _BE or not is_verb_form(word, "VBN"):
        return None
    agent = second[len(word) + 4 :]  # after '<word> by '
    past = any(
        is_verb_form(w.strip(",."), "VBD") and not is_verb_form(w.strip(",."), "VBN") for w in first.split()
    )
    verb = inflect(base_form(word), "VBD" if past else "VBZ")
    return f"{agent[:1].upper()}{agent[1:]} {verb[0]} this" if verb else None


def _when(first: str, second: str, word: str) -> str | None:
    past = any(is_verb_form(w.strip(",."), "VBD") for w in first.split()[1:])
    return f"This {'was' if past else 'is'} when {second}"


def _relative_that(first: str, second: str, word: str) -> str | None:
    """'a way of thinking that recognises X' -> 'a way of thinking.' + 'It recognises X.'"""
    return f"It {second}" if is_only_verb(word) else None


# Where a long sentence may be cut, and how the second piece is made whole. Tried in order.
_SPLITS: tuple[tuple[re.Pattern[str], Repair], ...] = (
    (re.compile(r":\s+(?=[a-z])"), _lead("")),
    (re.compile(r",?\s+because\s+(?!of\b)", re.IGNORECASE), _lead("This is because ")),
    (re.compile(r",?\s+because of\s+", re.IGNORECASE), _lead("This is because of ")),
    (re.compile(r",\s+not\s+(?=\w)"), _contrast),
    (re.compile(r",\s+but\s+", re.IGNORECASE), _lead("But ")),
    (re.compile(r",\s+so\s+", re.IGNORECASE), _lead("So ")),
    (
        re.compile(r",\s+and\s+(?=(?:it|they|we|you|he|she|I|this|that|there|people)\b)", re.IGNORECASE),
        _lead(""),
    ),
    (
        re.compile(r"\s+but\s+(?=(?:it|they|we|you|he|she|I|this|that|there|people)\b)", re.IGNORECASE),
        _lead("But "),
    ),
    (re.compile(r"\s+but\s+(?=(\w+)\s)"), _but_verb),
    (re.compile(r",?\s+which\s+(?=(?:\w+ly\s+)?\w+(?:s|ed)\b)", re.IGNORECASE), _lead("This ")),
    (re.compile(r",?\s+which\s+(?!is\b|was\b)", re.IGNORECASE), _lead("These ")),
    (re.compile(r"\s+and\s+(?=(?:it|they|we|you|he|she|I)\s+(?!\w+ing\b))"), _lead("")),
    (re.compile(r",\s+and\s+", re.IGNORECASE), _lead("")),
    (re.compile(r",\s+(?=(?:it|they|we|you|he|she|I|this|that|there)\s)", re.IGNORECASE), _lead("")),
    (re.compile(r"\s+(?=(\w+ed)\s+by\s+\w)"), _done_by),
    (re.compile(r"\s+without\s+(?=\w+ing\b)"), _lead("This happens without ")),
    (re.compile(r"\s+by\s+(?=\w+ing\b)"), _by_doing),
    (re.compile(r"\s+that\s+(?=(\w+)\s)"), _relative_that),
    (re.compile(r"\s+when\s+(?=\w)"), _when),
)
_MIN_PIECE_WORDS = 3


def _finish(piece: str) -> str:
    piece = piece.strip().rstrip(",;:")
    if piece and piece[0].islower():
        piece = piece[0].upper() + piece[1:]
    if piece and piece[-1] not in '.!?"':
        piece += "."
    return piece


_DONE_BY = re.compile(r",\s+(led|run|organised|organized|hosted|chaired|written|made)\s+by\s+(.+?)([.!?]?)$")


def active_tail(sentence: str, *, max_words: int) -> list[str]:
    """'..., led by two members.' -> '...' + 'Two members will lead it.' (active voice, rule 4)."""
    m = _DONE_BY.search(sentence)
    if not m or word_count(sentence) <= max_words or word_count(m[2]) < 2:
        return [sentence]
    first = sentence[: m.start()]
    base = base_form(m[1])
    verb = f"will {base}" if re.search(r"\bwill\b", first) else inflect(base, "VBD")[0]
    return [_finish(first + "."), _finish(f"{m[2]} {verb} it.")]


def split_long(sentence: str, *, max_words: int) -> list[str]:
    """Cut a sentence over `max_words` at its best split point, repairing both pieces.

    Semicolons always end a sentence (easy-read rules 3 and 10), whatever its length.
    """
    end = sentence[-1] if sentence[-1] in ".!?" else "."
    body = sentence.rstrip(".!?")
    if ";" in body:
        pieces = [p for p in re.split(r"\s*;\s*", body) if word_count(p)]
        return [s for p in pieces for s in split_long(_finish(p + end), max_words=max_words)]
    if (words := word_count(sentence)) <= max_words:
        return [sentence]
    if len(pieces := active_tail(sentence, max_words=max_words)) > 1:
        return [s for p in pieces for s in split_long(p, max_words=max_words)]
    for pattern, repair in _SPLITS:
        candidates = []
        for m in pattern.finditer(body):
            first, rest = body[: m.start()], body[m.end() :]
            if word_count(first) < _MIN_PIECE_WORDS or word_count(rest) < _MIN_PIECE_WORDS:
                continue
            second = repair(first, rest, m[1] if m.groups() else "")
            # a repair that gives back as many words as it was given would split for ever
            if second is not None and word_count(second) < words:
                candidates.append((abs(word_count(first) - word_count(second)), m, second))
        if not candidates:
            continue
        _, best, second = min(candidates, key=lambda c: c[0])
        # a question stays a question in its first half: "What about X? This is because of Y."
        first = _finish(body[: best.start()] + ("?" if end == "?" else ""))
        second = _finish(second + ("." if end == "?" else end))
        return split_long(first, max_words=max_words) + split_long(second, max_words=max_words)
    return [sentence]
