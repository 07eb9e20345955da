"""Cutting a long sentence where its dependency parse says a clause ends (easy-read rule 3).

Each cut makes two whole sentences: the clause that is taken out gets a subject again (the
noun it hung on, repeated by name, or 'This' for what the main clause said) and a finite verb in
the main clause's tense (verb forms from `verbs.py`). The cuts, most useful first:

- a clause joined by 'and', 'but' or 'so' with a subject of its own, or sharing the first one's
  ('She sang and danced' -> 'She sang. She danced.');
- 'because' and 'although' clauses ('X because Y' -> 'X. This is because Y.');
- a relative clause on a noun ('a company that makes games' -> 'a company. The company makes
  games.'), an apposition ('Parks, an activist, said' -> 'Parks said. Parks was an activist.');
- a participle phrase at the end, whose subject is the main clause's ('The storm hit the coast,
  killing 10 people' -> '... The storm killed 10 people.').

Returns None when no cut fits; the caller's gate decides whether a cut is kept.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from ..text import in_quotation
from .parse import parse
from .verbs import base_form, inflect, is_only_verb, is_verb_form

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_RELATIVE_SUBJECT = frozenset({"who", "which", "that"})


def _text(doc: Doc, indexes: Iterable[int]) -> str:
    """The words at `indexes` as a sentence: no loose commas, a capital, a full stop."""
    chosen = sorted(set(indexes))
    text = "".join(
        doc[i].text + (doc[i].whitespace_ or (" " if n < len(chosen) - 1 and chosen[n + 1] != i + 1 else ""))
        for n, i in enumerate(chosen)
    ).strip()
    text = text.strip(",;:–—- ").rstrip(".!?").strip(",;:–—- ")
    text = re.sub(r"\s*,(?:\s*,)+", ",", " ".join(text.split()))
    # a piece that starts inside a quotation ('..., but, once that passed, we were ... news."')
    # opens it again; otherwise a mark left alone is dropped or closed (`_balanced_quotes`)
    inside = bool(chosen) and sum(t.text in ('"', "“", "”") for t in doc[: chosen[0]]) % 2 == 1
    if inside and text.count('"') % 2 and not text.startswith('"'):
        text = '"' + text
    text = _balanced_quotes(text).strip(",;:–—- ").rstrip(".!?").strip(",;:–—- ")
    if not text:
        return ""
    if re.search(r'[.!?]"$', text):  # '... good news."' has its stop inside
        return text[0].upper() + text[1:]
    if text.startswith('"') and text.endswith('"') and text.count('"') == 2:
        return text[0] + text[1].upper() + text[2:-1] + '."'  # a whole quotation: the stop goes inside
    return text[0].upper() + text[1:] + "."


def _balanced_quotes(text: str) -> str:
    """A cut through a quotation leaves one mark of the pair on each side: the piece that got
    the opening mark closes the quotation at its end, the one left with a closing mark drops it
    ('... goaltender ".' -> '... goaltender', 'is "adjudged ... position' -> '... position"')."""
    if text.count('"') % 2 == 0:
        return text
    last = text.rfind('"')
    # an opening mark stands before a word ('is "adjudged'), a closing one after ('"change",')
    opens = (last == 0 or text[last - 1] in " ([") and last + 1 < len(text) and text[last + 1].isalnum()
    if opens:
        return text + '"'
    return (text[:last].rstrip() + text[last + 1 :]).strip()


def _subtree(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def _whole_run(doc: Doc, inner: set[int]) -> bool:
    end = max(inner)
    after = doc[end + 1] if end + 1 < len(doc) else None
    return len(inner) == end - min(inner) + 1 and (after is None or after.is_punct or after.dep_ == "cc")


def _without(doc: Doc, inner: set[int]) -> set[int]:
    """The sentence less a clause and the commas or dashes that set it off."""
    start, end = min(inner), max(inner)
    closing = set()
    opened = sum(doc[i].text in ('"', "“") for i in inner) - sum(doc[i].text == "”" for i in inner)
    while opened % 2 and end + 1 < len(doc) and doc[end + 1].tag_ == "''" and end + 1 not in inner:
        end += 1  # 'promoting a policy of "change",': the closing mark goes with the clause
        closing.add(end)
    inner = inner | closing
    around = {i for i in (start - 1, end + 1) if 0 <= i < len(doc) and doc[i].text in (",", "–", "—", "-")}
    if start - 1 not in around:  # 'while he welcomed the tourists who came, Kashmir ...': that comma
        around.discard(end + 1)  # is not one of a pair around the clause, it ends the one before
    if end + 1 < len(doc) and doc[end + 1].is_punct and doc[end + 1].text not in (",", "–", "—", "-"):
        around.discard(end + 1)
    return {t.i for t in doc} - inner - around


def _is_past(verb: Token) -> bool:
    finite = (
        verb if verb.tag_ in _FINITE else next((c for c in verb.children if c.dep_.startswith("aux")), verb)
    )
    return finite.tag_ == "VBD" or finite.lower_ in ("was", "were", "had", "did")


def _finite(verb: Token) -> bool:
    return verb.tag_ in _FINITE or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in verb.children
    )


def _noun_phrase(noun: Token, *, leave_out: set[int]) -> list[int]:
    """The noun with all the words before it that belong to it: 'a German Social Democratic
    politician', 'anti-Qing Dynasty sympathizers' (dropping any of them changes who is meant)."""
    return [i for i in range(noun.left_edge.i, noun.i + 1) if i not in leave_out]


def _nameable(doc: Doc, noun: Token) -> bool:
    """The noun can be named again on its own: not one item of a list ('Strengths, ..., and
    Threats involved in' is not about threats), and its phrase starts where a phrase can ('6,300
    hp electric locomotives': the parse may hang '6,300' elsewhere, leaving 'hp electric ...')."""
    if noun.dep_ == "conj" or any(c.dep_ == "conj" for c in noun.children):
        return False
    start = noun.left_edge.i
    before = doc[start - 1] if start > 0 else None
    if before is None or before.text in ("/", "-") or before.pos_ == "SYM":
        return before is None
    return not ((before.like_num or before.pos_ == "NUM") and before.dep_ != "pobj")  # 'In 1997 Ignacio ...'


def _in_a_list(token: Token) -> bool:
    """The word is inside an item of a list: 'health, beauty, absence of offensive odor, ...'."""
    return any(
        a.dep_ == "conj" or any(c.dep_ == "conj" for c in a.children)
        for a in [token, *token.ancestors][:4]
        if a.pos_ in ("NOUN", "PROPN")
    )


def _named(doc: Doc, noun: Token, *, leave_out: set[int]) -> str:
    """How to name the noun again in a sentence of its own: 'a company' -> 'The company'."""
    words = [
        doc[i] for i in _noun_phrase(noun, leave_out=leave_out) + _of_phrase(doc, noun, leave_out=leave_out)
    ]

    def joined(chosen: list[Token]) -> str:  # as written: "League's", not "League 's"
        return "".join(w.text_with_ws for w in chosen[:-1]) + chosen[-1].text if chosen else ""

    if words[0].lower_ in ("a", "an", "some", "any", "another"):
        return "The " + joined(words[1:])
    if (
        words[0].tag_ in ("NNP", "NNPS", "PRP$", "DT", "CD")
        or words[0].lower_ == "the"
        or noun.tag_ in ("NNP", "NNPS")
    ):
        text = joined(words)
        return text[:1].upper() + text[1:]  # it opens a sentence: 'the Battle' -> 'The Battle'
    if (
        words[0].is_punct
        or words[0].pos_ not in ("NOUN", "ADJ", "PROPN", "VERB", "NUM")
        or words[0].lower_ in ("more", "less", "fewer", "most", "many", "several", "few", "other")
    ):
        text = joined(words)  # no 'The' before what is not the noun's own word: 'The, floating
        return text[:1].upper() + text[1:]  # drums', 'The In the film', 'The more than 500 cameras'
    if noun.tag_ == "NNS" and noun.dep_ in ("nsubj", "nsubjpass"):
        # a bare plural subject says something of them all: 'social media, which can ...' is 'Social
        # media can ...'; one after a verb or 'of' is some of them ('a suite of software applications
        # designed to ...' is 'The software applications are designed ...', not all software)
        text = joined(words)
        return text[:1].upper() + text[1:]
    return "The " + joined(words)


def _of_phrase(doc: Doc, noun: Token, *, leave_out: set[int]) -> list[int]:
    """A short 'of' phrase right after a noun names it too: 'the Battle of France', not 'the Battle'."""
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == noun.i + 1), None)
    if of is None:
        return []
    words = sorted(_subtree(of))
    if len(words) > 4 or words != list(range(words[0], words[-1] + 1)) or set(words) & leave_out:
        return []
    return [] if any(doc[i].is_punct for i in words) else words


def _be(past: bool, plural: bool) -> str:
    return ("were" if plural else "was") if past else ("are" if plural else "is")


def _plural(noun: Token) -> bool:
    return noun.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in noun.children)


# what a verb has of its own besides its subject: without one, a first verb cut off from
# 'and <verb> <object>' may have lost its object too
_OWN_WORDS = frozenset({"dobj", "prep", "xcomp", "ccomp", "acomp", "attr", "oprd", "dative", "prt", "agent"})


def _coordinated(doc: Doc) -> Iterator[list[str]]:
    if re.search(r"\bnot only\b", doc.text, re.IGNORECASE):
        return  # 'Not only does it X, but Y', 'it is not only possible, but imperative': one thought
    for verb in doc:
        if verb.dep_ != "conj" or verb.head.pos_ not in ("VERB", "AUX") or verb.pos_ not in ("VERB", "AUX"):
            continue
        head = verb.head
        cc = next((c for c in head.children if c.dep_ == "cc" and head.i < c.i < verb.i), None)
        before = min(_subtree(verb)) - 1
        if cc is None and before > head.i and doc[before].dep_ == "cc":
            cc = doc[
                before
            ]  # 'saw the effect that led to its naming, and explained ...': 'and' hangs on 'led'
        second = _subtree(verb) | _trailing(doc, head, verb)
        first = {t.i for t in doc} - second - ({cc.i} if cc else set())
        own_subject = any(c.dep_ in _SUBJECTS for c in verb.children)
        if not _whole_run(doc, second) or any(i > min(second) and not doc[i].is_punct for i in first):
            continue  # the second clause must be one run of words that ends the sentence
        if cc is None and doc[min(second) - 1].text not in (",", ";", ":", "–", "—"):
            continue  # nothing joins them: the parse took a noun for a verb ('Skeletal remains ... indicate')
        opener = ""
        if cc is not None and cc.lower_ in ("but", "so", "yet"):
            opener = cc.text.capitalize() + " "
        elif cc is not None and cc.lower_ != "and":
            continue
        if own_subject:
            rest = _text(doc, second)
            quote = '"' if rest.startswith('"') else ""  # 'but, once that passed, we ...' in a quotation
            rest = rest[len(quote) :]
            yield [
                _text(doc, first),
                quote
                + opener
                + (rest[0].lower() + rest[1:] if opener and not _keeps_capital(doc, verb) else rest),
            ]
            continue
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if not any(c.dep_ in _OWN_WORDS for c in head.children) and any(
            c.dep_ == "dobj" for c in verb.children
        ):
            continue  # 'the book continues and develops many of the themes': the object is both verbs'
        borrowed = _borrowed_auxiliaries(doc, head, verb)
        if (
            subject is None
            or not (_finite(verb) or borrowed)
            or not _finite(head)
            or not _whole_run(doc, second)
        ):
            continue  # 'is a place to meet ... and share' is not two clauses
        if head.dep_ not in ("ROOT", "conj") or cc is None:
            continue  # a shared subject with no 'and' between: the parse took a participle for a verb
        if not borrowed and _is_past(verb) != _is_past(head) and not _surely_a_verb(verb):
            continue  # 'included 4 years ... and then spells with ...': 'spells' is a noun there
        if sum(doc[i].text == "," for i in range(subject.i + 1, head.i)) % 2:
            continue  # 'The unrest escalated as a crowd set fires, smashed ... and painted': one
            # comma after the subject closes no aside, so the parse has the wrong subject
        subject_words = _subject_words(doc, subject)
        if not subject_words:
            continue
        name = "".join(doc[i].text_with_ws for i in subject_words).strip()
        if doc[subject_words[0]].i == 0 and not _keeps_capital(doc, doc[0]):
            name = name[0].lower() + name[1:] if opener else name
        rest = _text(doc, second)
        rest = rest[0].lower() + rest[1:] if not _keeps_capital(doc, verb) else rest
        yield [_text(doc, first), f"{opener}{name} {borrowed}{rest}"]


_NAMING_VERBS = frozenset(
    {"voted", "named", "elected", "called", "appointed", "crowned", "declared", "ranked", "dubbed"}
    | {"considered", "titled", "renamed", "chosen", "made", "listed", "designated", "nicknamed"}
)


def _borrowed_auxiliaries(doc: Doc, head: Token, verb: Token) -> str:
    """'It was discovered in 2000 and given a name' -> 'was ': the second verb shares the first
    one's auxiliaries ('was', 'has been', 'will'), which a sentence of its own must say again.
    Empty when the second verb has its own, or the first has a 'not' (which may not reach it)."""
    auxiliaries = [c for c in head.children if c.dep_ in ("aux", "auxpass") and c.i < head.i]
    if not auxiliaries or any(c.dep_ in ("aux", "auxpass", "neg") for c in verb.children):
        return ""
    if any(c.dep_ == "neg" for c in head.children) or auxiliaries[0].lower_ == "to":
        return ""
    passive = any(c.dep_ == "auxpass" for c in head.children)
    # the parser tags a participle sharing 'was' as a past tense ('was built ... and once voted
    # Sweden's most beautiful building'), and an active past as well ('was discovered ... and
    # received the designation'): the tag cannot tell them apart, but only verbs that name what
    # something is keep a noun after them in the passive
    participle = verb.tag_ == "VBN" or (verb.tag_ == "VBD" and passive and verb.lower_ in _NAMING_VERBS)
    if not (participle or verb.tag_ == "VB" and auxiliaries[0].tag_ == "MD"):
        return ""
    return "".join(a.text + " " for a in auxiliaries)


def _verb_list(doc: Doc) -> Iterator[list[str]]:
    """Three or more verbs sharing a subject: 'In 1840, Singh invaded Baltistan, captured the Raja
    of Skardu, and annexed his country.' -> 'In 1840, Singh invaded Baltistan.' + 'Singh captured
    the Raja of Skardu.' + 'Singh annexed his country.' (cut one by one, the middle one would be
    joined to the first by a comma alone, which the parse cannot tell from an aside)."""
    for top in doc:
        if top.dep_ != "ROOT" or top.pos_ not in ("VERB", "AUX") or not _finite(top):
            continue
        subject = next((c for c in top.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        verbs = _verb_conjuncts(top)
        if subject is None or len(verbs) < 2 or doc.text.lstrip("\"“‘' ").lower().startswith("not only"):
            continue
        spans = [_subtree(v) - {i for w in verbs if w.head == v for i in _subtree(w)} for v in verbs]
        spans = [_trimmed(doc, span) for span in spans]
        if any(not span or len(span) != max(span) - min(span) + 1 for span in spans):
            continue
        gaps = [i for i in range(min(spans[0]), len(doc)) if not any(i in span for span in spans)]
        if any(not (doc[i].is_punct or doc[i].dep_ == "cc") for i in gaps):
            continue  # the verbs and their words must run to the end of the sentence
        if [doc[i].lower_ for i in gaps if doc[i].dep_ == "cc"] != ["and"] or doc[
            min(spans[-1]) - 1
        ].lower_ != "and":
            continue  # one 'and', before the last verb
        borrowed = [_borrowed_auxiliaries(doc, top, v) for v in verbs]
        if any(
            not (_finite(v) or b or _past_tagged_participle(top, v))
            or any(c.dep_ in _SUBJECTS for c in v.children)
            for v, b in zip(verbs, borrowed)
        ):
            continue
        if any(doc[i].text == "," for i in range(subject.i + 1, top.i)):
            continue  # 'Some of his actions, now termed X, were ... and remain': 'termed' is no main verb
        words = _subject_words(doc, subject)
        if not words:
            continue
        name = "".join(doc[i].text_with_ws for i in words).strip()
        name = name[0].upper() + name[1:]
        first = _text(doc, range(0, min(spans[0])))
        rest = [_lower_first(doc, _text(doc, span), doc[min(span)]) for span in spans]
        yield [first, *(f"{name} {b}{r}" for b, r in zip(borrowed, rest))]


def _past_tagged_participle(top: Token, verb: Token) -> bool:
    """'The tornado destroyed 20 homes, ..., injured one person': the parser tags 'injured' VBN,
    but after a plain past with no auxiliary it is the same past tense."""
    plain_past = top.tag_ == "VBD" and not any(c.dep_ in ("aux", "auxpass") for c in top.children)
    own_auxiliary = any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    return plain_past and verb.tag_ == "VBN" and is_verb_form(verb.text, "VBD") and not own_auxiliary


def _trimmed(doc: Doc, span: set[int]) -> set[int]:
    """A verb's words without the commas and 'and' at their end (they join it to the next)."""
    span = set(span)
    while span and (doc[max(span)].is_punct or doc[max(span)].dep_ == "cc"):
        span.discard(max(span))
    return span


def _verb_conjuncts(top: Token) -> list[Token]:
    """The verbs joined to a verb, in order (the parser chains them or fans them out)."""
    found: list[Token] = []
    waiting = [top]
    while waiting:
        for child in waiting.pop().children:
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
                found.append(child)
                waiting.append(child)
    return sorted(found, key=lambda t: t.i)


def _surely_a_verb(verb: Token) -> bool:
    """A finite verb the parse cannot have mistaken for a noun: an auxiliary ('is expected'),
    or a word that is only ever a verb ('sits')."""
    finite = _finite_word(verb)
    if finite is None:
        return False
    # a regular past with a verb's own words after it ('also served as', 'endorsed John
    # McCain') is no noun the parse mistook for a verb; 'a hall and pillared forecourt' has none
    regular_past = (
        finite.i == verb.i
        and verb.tag_ == "VBD"
        and verb.lower_.endswith("ed")
        and is_verb_form(verb.text, "VBD")
        and any(
            c.dep_ in ("prep", "prt", "agent", "dative")
            or c.dep_ == "dobj"
            and any(d.dep_ in ("det", "poss", "nummod", "compound") for d in c.children)
            or c.dep_ == "dobj"
            and c.pos_ in ("PROPN", "PRON")
            for c in verb.children
            if c.i > verb.i
        )
    )
    return finite.pos_ == "AUX" or finite.i != verb.i or regular_past or is_only_verb(verb.text)


def _finite_word(verb: Token) -> Token | None:
    if verb.tag_ in _FINITE:
        return verb
    return next((c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE), None)


def _trailing(doc: Doc, head: Token, verb: Token) -> set[int]:
    """Words after a second clause that the small parser hung on the first clause's verb: they
    end the sentence, so they belong to the second ('has a population of 25,000 and is expected
    to become a centre ... of Gwadar located 80 km to the east': 'located' hangs on 'has')."""
    end = max(_subtree(verb))
    found: set[int] = set()
    for child in head.children:
        if child.i > end and child.dep_ not in ("punct", "cc", "conj"):
            found |= _subtree(child)
    if not found or min(found) != end + 1 or max(found) != len(doc) - 1 - int(doc[-1].is_punct):
        return set()
    return found


_ASIDES = frozenset({"appos", "relcl", "acl", "punct", "advmod"})
_MAX_SUBJECT_WORDS = 6


def _subject_words(doc: Doc, subject: Token) -> list[int]:
    """The subject to repeat in a second sentence, without the asides that describe it:
    'Victoria Island, or Kitlineq,' -> 'Victoria Island'; a phrase after it only when it is
    too long to repeat ('The Feast of the Sacred Heart' stays whole: 'of' phrases always do).
    Empty when it is still too long, or not one run of words."""
    words = _subtree(subject)
    for child in subject.children:
        alias = child.dep_ == "conj" and any(
            c.lower_ == "or" and doc[c.i - 1].text == "," for c in subject.children
        )
        if child.i > subject.i and (
            child.dep_ in _ASIDES or alias or child.dep_ == "cc" and child.lower_ == "or"
        ):
            words -= _subtree(child)
    for child in subject.children:
        if (
            len(words) > _MAX_SUBJECT_WORDS
            and child.dep_ == "prep"
            and child.lower_ != "of"
            and child.i > subject.i
        ):
            words -= _subtree(child)
    chosen = sorted(words)
    if not chosen or len(chosen) > _MAX_SUBJECT_WORDS or chosen != list(range(chosen[0], chosen[-1] + 1)):
        return []
    if any(doc[i].is_punct for i in chosen):
        return []
    return chosen


def _keeps_capital(doc: Doc, token: Token) -> bool:
    first = next(iter(token.subtree))
    return first.tag_ in ("NNP", "NNPS") or first.text == "I"


_CLAUSE_MARKS = {
    "because": "This {be} because ",
    "although": "But ",
    "though": "But ",
    "while": "",  # 'X, while Y' sets two facts side by side: 'X. Y.'
    "whereas": "",
}


def _adverbial(doc: Doc) -> Iterator[list[str]]:
    for clause in doc:
        if clause.dep_ != "advcl":
            continue
        mark = next((c for c in clause.children if c.dep_ == "mark"), None)
        if (
            mark is None
            or mark.lower_ not in _CLAUSE_MARKS
            or not any(c.dep_ in _SUBJECTS for c in clause.children)
        ):
            continue
        if mark.i > 0 and doc[mark.i - 1].lower_ in ("even", "as"):
            continue  # 'Even though X, Y': the cut left 'Even X.'
        inner = _subtree(clause)
        body = inner - {mark.i}
        main = {t.i for t in doc} - inner
        past = _is_past(clause.head)
        lead = _CLAUSE_MARKS[mark.lower_].format(be="was" if past else "is")
        if lead.startswith("This") and _quoted(doc, min(inner)):
            continue  # '"... the rarer creatures because, by their rarity, we are not ..."'
        said = _text(doc, body)
        if lead:
            said = said if _keeps_capital(doc, clause) else said[0].lower() + said[1:]
        elif min(inner) > clause.head.i and doc[min(inner) - 1].text != ",":
            continue  # 'X while Y' without a comma is about time: 'while' means 'during
        words = [t.i for t in doc if not t.is_punct]
        if clause.head.dep_ != "ROOT" or not words or not (min(inner) == words[0] or max(inner) == words[-1]):
            continue  # a clause inside another ('he said, adding that while Y, X'): moving it garbles both
        if min(inner) < clause.head.i:  # 'Because Y, X' -> 'Y. So X.' ; 'Although Y, X' -> 'Y. But X.'
            first = _text(doc, body)
            rest = _text(doc, main)
            if mark.lower_ in ("while", "whereas") and any(c.tag_ == "VBG" for c in [clause]):
                continue  # 'While walking home, ...'
            link = "So " if mark.lower_ == "because" else "But "
            yield [
                first,
                link + _lower_first(doc, rest, doc[min(i for i in main if not doc[i].is_punct)]),
            ]
        else:
            yield [_text(doc, main), lead + said]


def _quoted(doc: Doc, i: int) -> bool:
    """Token `i` is inside a quotation: words a cut adds there ('This is because', 'Then')
    would be put in the speaker's mouth, or, left outside the marks, read as the writer's."""
    return in_quotation(doc[:i].text)


def _lower_first(doc: Doc, text: str, first: Token) -> str:
    return text if _keeps_capital(doc, first) else text[0].lower() + text[1:]


def _time_clause(doc: Doc) -> Iterator[list[str]]:
    """Time clauses, told in the order things happened (easy-read writers do this):
    'When Y, X' / 'X when Y' -> 'X. This was when Y.'; 'After Y, X' / 'X after Y' -> 'Y. Then X.';
    'Before Y, X' / 'X before Y' -> 'X. Then Y.'"""
    words = [t.i for t in doc if not t.is_punct]
    for clause in doc:
        if clause.dep_ != "advcl" or clause.head.dep_ != "ROOT" or not _finite(clause):
            continue
        inner = _subtree(clause)
        mark = next(
            (
                c
                for c in clause.children
                if (c.dep_ == "mark" and c.lower_ in ("after", "before"))
                or (c.dep_ == "advmod" and c.lower_ == "when")
            ),
            None,
        )
        if mark is None or mark.i != min(inner) or not any(c.dep_ in _SUBJECTS for c in clause.children):
            continue
        if mark.lower_ in ("after", "before") and not (_is_past(clause) and _is_past(clause.head)):
            continue  # 'After she has finished her career, James plans ...' is about a time still to come
        leading = min(inner) == words[0] and min(inner) < clause.head.i
        if not leading and not (max(inner) == words[-1] and min(inner) > clause.head.i):
            continue  # only a clause that opens or ends the sentence moves cleanly
        if not _whole_run(doc, inner) or _quoted(doc, min(inner)):
            continue
        body = inner - {mark.i}
        main = {t.i for t in doc} - inner
        said, rest = _text(doc, body), _text(doc, main)
        if not said or not rest:
            continue
        first_main = doc[min(i for i in main if not doc[i].is_punct)]
        if mark.lower_ == "when":
            be = "was" if _is_past(clause.head) else "is"
            yield [rest, f"This {be} when {_lower_first(doc, said, doc[min(body)])}"]
        elif mark.lower_ == "after":
            yield [said, "Then " + _lower_first(doc, rest, first_main)]
        else:
            yield [rest, "Then " + _lower_first(doc, said, doc[min(body)])]


def _reduced_relative(doc: Doc) -> Iterator[list[str]]:
    """'a cordon around a stadium hosting a Cup match between Nigeria and Tahiti' -> '... around a
    stadium.' + 'The stadium was hosting a Cup match ...'; 'under a 1996 act aimed at preserving
    the language' -> '... under a 1996 act.' + 'The act was aimed at preserving the language.'
    A participle phrase with no comma that ends the sentence, on a noun after the main verb."""
    words = [t.i for t in doc if not t.is_punct]
    root = doc[words[-1]].sent.root if words else None
    for verb in doc:
        if verb.dep_ != "acl" or verb.tag_ not in ("VBG", "VBN") or verb.head.pos_ not in ("NOUN", "PROPN"):
            continue
        inner = _subtree(verb)
        noun = verb.head
        if min(inner) != verb.i or verb.i != noun.i + 1 or max(inner) != words[-1] or root is None:
            continue
        if noun.i < root.i or len(inner) < 3 or not _whole_run(doc, inner) or not _finite(root):
            continue
        if not _nameable(doc, noun):
            continue
        if any(doc[k].lower_ == "by" and any(c.tag_ == "VBG" for c in doc[k].children) for k in inner):
            continue  # 'to reduce uncertainty surrounding X by raising Y': raising reduces, not surrounds
        if noun.dep_ == "pobj" and noun.head.lower_ in ("with", "without"):
            continue  # 'with freshwater species declining by 76%' says how much, not which species
        if any(doc[i].lower_ == "being" for i in inner):
            continue  # 'the possibility of communications made within the US being collected': the
            # noun is what 'being collected' is about, and the phrase is no description of it
        if any(c.dep_ == "poss" or c.lower_ in ("the", *_EVERY) for c in noun.children):
            continue  # 'First Fleet is the name given to the ships', 'not ... any person located in
            # the US': which name, which people goes with the phrase
        if any(c.dep_ in ("neg", "nsubj", "nsubjpass", "agent") for c in verb.children):
            continue  # 'without help excused by X': the parse often hangs a 'by' phrase on the wrong noun
        be = _be(_is_past(root) or _told_as_past(doc, inner), _plural(noun))  # "relocated ... in the 1940s"
        rest = _text(doc, inner - {verb.i})
        if not rest:
            continue
        rest = rest if _keeps_capital(doc, doc[verb.i + 1]) else rest[0].lower() + rest[1:]
        name = _named(doc, noun, leave_out=inner)
        said = f"{be} {verb.text}"
        if (
            verb.lower_ in _STATES
        ):  # 'sections containing X' -> 'The sections contain X', not 'are containing'
            past, plural = _is_past(root), _plural(noun)
            forms = (
                inflect(base_form(verb.text), "VBD")
                if past
                else (() if plural else inflect(base_form(verb.text), "VBZ"))
            )
            said = forms[0] if forms else base_form(verb.text)
        yield [_text(doc, _without(doc, inner)), f"{name} {said} {rest}"]


_EVERY = ("any", "no", "every", "each", "all")
# after a comma, what the whole event before did, not its subject: 'went down with an injury,
# forcing Warner to play' (the injury forced him, not the player)
_CAUSING = frozenset({"forcing", "prompting", "resulting", "sparking", "triggering"})
# nouns that say little until a defining clause says which: 'in a form that recalls X'
_LIGHT_NOUNS = frozenset(
    "form way party person one thing place kind type manner sort situation point case group".split()
    + "amount number level part role fact idea means parties persons things places ways kinds".split()
)
# what a number did, not what a thing is: after a comma they describe the clause before
_CHANGES = frozenset(
    {"fall", "rise", "drop", "increase", "decrease", "decline", "jump", "gain", "loss", "cut"}
)
# 'the highest number of tigers, followed by X and Y': the order of the places, not the number
_ORDERING = frozenset({"followed", "preceded", "trailed", "succeeded", "ranked"})

# verbs of being and having, never said in the '-ing' form of a sentence: 'is containing'
_STATES = frozenset(
    {"containing", "including", "consisting", "comprising", "having", "belonging", "involving", "owning"}
    | {"resembling", "lacking", "needing", "meaning", "costing", "weighing", "depending", "measuring"}
)


def _according_to(doc: Doc) -> Iterator[list[str]]:
    """'X is drawing to a close, according to the promoter Harvey Goldsmith.' -> 'X is drawing to
    a close.' + 'The promoter Harvey Goldsmith says this.' (the source of a claim, said as a sentence)."""
    words = [t.i for t in doc if not t.is_punct]
    for according in doc:
        if according.lower_ != "according" or according.head.dep_ != "ROOT" or not words:
            continue
        to = next((c for c in according.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        inner = _subtree(according)
        if source is None or not _whole_run(doc, inner):
            continue
        if max(_subtree(source)) != max(i for i in inner if not doc[i].is_punct):
            continue  # 'according to analysis firm Socialbakers': the parse has 'analysis' alone
        at_end = max(inner) == words[-1] and according.i > 0 and doc[according.i - 1].text == ","
        at_start = according.i == words[0] and max(inner) + 1 < len(doc) and doc[max(inner) + 1].text == ","
        if not (at_end or at_start):
            continue
        who = _text(doc, _subtree(source)).rstrip(".")  # opens its sentence: a capital either way
        says = "said" if _is_past(doc[according.head.i]) else "says"
        rest = _text(doc, _without(doc, inner))
        if at_start and not _keeps_capital(doc, doc[max(inner) + 2]):
            rest = rest[0].upper() + rest[1:]
        yield [rest, f"{who} {says} this."]


_REPORTING = frozenset(
    {"say", "says", "said", "add", "adds", "added", "explain", "explains", "explained", "warn", "warns"}
    | {"warned", "claim", "claims", "claimed", "argue", "argues", "argued", "write", "writes", "wrote"}
)
_QUOTES = frozenset({'"', "“", "”"})
# what a speaker's name may have with it, to be said again as the subject of 'said this'
_PLAIN_NOUN_PARTS = frozenset(
    {"compound", "det", "amod", "poss", "nummod", "punct", "appos", "relcl", "prep", "case", "cc", "conj"}
)


def _reported(doc: Doc) -> Iterator[list[str]]:
    """'X, the document says.' -> 'X.' + 'The document says this.'; '"X," he said.' -> '"X."' +
    'He said this.' (who said it, as a short sentence after what they said: news text does
    this in most long sentences, and the words said stay as they were)."""
    words = [t.i for t in doc if not t.is_punct]
    root = doc[words[-1]].sent.root if words else None
    if root is None or root.lower_ not in _REPORTING or not _finite(root):
        return
    said = next((c for c in root.children if c.dep_ == "ccomp" and c.i < root.i), None)
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    # what else the verb has comes after it and its subject: '..., Lansdorp said, in an interview'
    extra = [c for c in root.children if c.dep_ in ("prep", "npadvmod", "advmod") and c.i > root.i]
    if (
        said is None
        or subject is None
        or any(c.dep_ not in ("ccomp", "nsubj", "punct", "aux") for c in root.children if c not in extra)
    ):
        return
    inner = {i for i in _subtree(said) if doc[i].text not in _QUOTES}
    quoted = doc[0].text in _QUOTES
    if min(inner) != int(quoted) or len(inner) != max(inner) - min(inner) + 1:
        return
    who = sorted(_subtree(subject))
    between = [doc[i] for i in range(max(inner) + 1, min(root.i, who[0]))]
    tail = sorted(i for c in extra for i in _subtree(c))
    if any(not t.is_punct for t in between) or who != list(range(who[0], who[-1] + 1)):
        return
    if any(c.dep_ not in _PLAIN_NOUN_PARTS for c in subject.children):
        return  # 'Iguchi, who has worked ..., most recently developing X, says': no sentence to make of it
    if max(max(who), root.i, *tail) != words[-1] or tail and min(tail) < max(max(who), root.i):
        return
    text = _text(doc, inner)
    if doc[max(inner)].text == "?" or any(t.text == "?" for t in between):
        text = text[:-1] + "?"  # '"... but why not?", Redzepi has said.'
    if quoted or any(t.text in _QUOTES for t in between):  # it stays a quotation
        text = '"' + text.strip('"') + '"'
    # a long subject ('Oscar José Santos, a 19-year old who was ...') is cut again after this
    name = _text(doc, who).rstrip(".") + ("," if any(doc[i].is_punct for i in who) else "")
    verb = " ".join([c.text for c in root.children if c.dep_ == "aux"] + [root.text])
    where = " " + _lower_first(doc, _text(doc, tail), doc[tail[0]]).rstrip(".") if tail else ""
    yield [text, f"{name[0].upper() + name[1:]} {verb} this{where}."]


# not 'since': 'Since 1990, X has grown' is no 'This is since 1990.'
_TIME_PREPOSITIONS = frozenset({"during", "after", "before", "until", "throughout"})
_PLACE_OR_TIME = frozenset({"in", "on", "at"})
_TIME_NOUNS = frozenset(
    {"year", "years", "century", "centuries", "decade", "decades", "season", "seasons", "war", "period"}
    | {"time", "age", "week", "weeks", "month", "months", "day", "days", "morning", "evening", "night"}
    | {"summer", "winter", "spring", "autumn", "fall", "end", "beginning", "start", "middle", "era"}
)
_MONTH_NAMES = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october"}
    | {"november", "december"}
)


def _opening_time(doc: Doc) -> Iterator[list[str]]:
    """'In 1934, Dupré succeeded Widor as organist.' -> 'Dupré succeeded Widor as organist.' +
    'This was in 1934.' (a time or, in a story told in the past, a place that opens the sentence
    before a comma: easy-read writers say when it was after what happened)."""
    words = [t.i for t in doc if not t.is_punct]
    if not words:
        return
    first, root = doc[words[0]], doc[words[0]].sent.root
    if first.dep_ != "prep" or first.head != root or not _finite(root):
        return
    if not any(c.dep_ in _SUBJECTS for c in root.children):
        return
    inner = _subtree(first)
    end = max(inner)
    if min(inner) != first.i or end + 1 >= len(doc) or doc[end + 1].text != "," or not _whole_run(doc, inner):
        return
    noun = next((c for c in first.children if c.dep_ == "pobj"), None)
    if noun is None or len([i for i in inner if not doc[i].is_punct]) < 2 or len(inner) > 8:
        return
    if any(doc[i].is_punct and doc[i].text not in ("–", "-") for i in inner) or any(
        t.text in _QUOTES for t in doc
    ):
        return  # 'In São Paulo, which had seen ...,' is more than when; in a quotation it is not ours to add
    said = {t.lower_ for t in doc[min(inner) : end + 1]}
    timely = (
        noun.tag_ == "CD"
        or bool(said & _TIME_NOUNS)
        or bool(said & _MONTH_NAMES)
        or any(re.fullmatch(r"1\d{3}s?|20\d{2}s?", doc[i].text) for i in inner)
    )
    past = _is_past(root)
    if any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in root.children):
        return  # 'In the last month, X has lost ...' is no 'This is in the last month.'
    if first.lower_ in _TIME_PREPOSITIONS:
        timely = timely or noun.pos_ in ("NOUN", "PROPN")
    elif first.lower_ not in _PLACE_OR_TIME or not (timely or past and noun.tag_ in ("NNP", "NNPS")):
        return  # 'In addition, ...', 'In the list below, ...': not when or where it happened
    rest = _text(doc, _without(doc, inner))
    phrase = _text(doc, inner).rstrip(".")
    phrase = phrase if _keeps_capital(doc, first) else phrase[0].lower() + phrase[1:]
    yield [rest, f"This {'was' if past else 'is'} {phrase}."]


def _purpose(doc: Doc) -> Iterator[list[str]]:
    """'To avoid X, the key space is made large.' -> 'The key space is made large.' + 'This is to
    avoid X.' (a 'to' clause opening the sentence, before a comma)."""
    words = [t.i for t in doc if not t.is_punct]
    for verb in doc:
        if verb.dep_ != "advcl" or verb.tag_ != "VB" or verb.head.dep_ != "ROOT" or not words:
            continue
        to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        inner = _subtree(verb)
        if to is None or to.i != words[0] or min(inner) != to.i or not _whole_run(doc, inner):
            continue
        if _quoted(doc, to.i):
            continue
        if max(inner) + 1 >= len(doc) or doc[max(inner) + 1].text != ",":
            continue
        be = "was" if _is_past(verb.head) else "is"
        said = _text(doc, inner)
        yield [_text(doc, _without(doc, inner)), f"This {be} {said[0].lower() + said[1:]}"]


def _by_doing(doc: Doc) -> Iterator[list[str]]:
    """'Napier gained control of the region by forcing an agreement with the Amirs' -> 'Napier gained
    control of the region.' + 'Napier did this by forcing an agreement with the Amirs.' (the
    subject by name, the tense of the main verb: the string rule's 'It does this' was often wrong)."""
    words = [t.i for t in doc if not t.is_punct]
    for by in doc:
        if by.lower_ != "by" or by.dep_ != "prep" or by.head.dep_ != "ROOT":
            continue
        doing = next((c for c in by.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None)
        inner = _subtree(by)
        if doing is None or max(inner) != words[-1] or not _whole_run(doc, inner) or by.i < by.head.i:
            continue
        if _quoted(doc, by.i):
            continue
        subject = next((c for c in by.head.children if c.dep_ == "nsubj"), None)
        if subject is None or len(_subtree(subject)) > 5 or not _finite(by.head):
            continue
        name = "".join(doc[i].text_with_ws for i in sorted(_subtree(subject))).strip()
        if subject.tag_ == "PRP" and subject.lower_ != "i":
            name = name.lower()
        plural = _plural(subject) or subject.lower_ in ("i", "you", "we", "they")
        does = "did" if _is_past(by.head) else ("do" if plural else "does")
        rest = _text(doc, inner - {by.i})
        if not rest:
            continue
        name = name[0].upper() + name[1:]
        yield [_text(doc, _without(doc, inner)), f"{name} {does} this by {rest[0].lower() + rest[1:]}"]


def _antecedent(doc: Doc, clause: Token, pronoun: Token) -> Token:
    """The noun a relative clause is about. The parse hangs it on the head of 'a mix of powers
    which badly limit choices' (mix); the noun right before the pronoun is meant when the verb
    agrees with it and not with the head ('limit': more than one)."""
    head = clause.head
    near = doc[pronoun.i - 1] if pronoun.i > 0 else head
    if (
        near == head
        or near.dep_ != "pobj"
        or near.i not in _subtree(head)
        or near.pos_ not in ("NOUN", "PROPN")
    ):
        return head
    finite = (
        clause
        if clause.tag_ in _FINITE
        else next((c for c in clause.children if c.dep_.startswith("aux")), clause)
    )
    says_plural = finite.tag_ == "VBP" or finite.lower_ in ("are", "were")
    says_one = finite.tag_ == "VBZ" or finite.lower_ == "was"
    if (says_plural and _plural(near) and not _plural(head)) or (
        says_one and not _plural(near) and _plural(head)
    ):
        return near
    return head


def _relative(doc: Doc) -> Iterator[list[str]]:
    for clause in doc:
        if clause.dep_ != "relcl" or not _finite(clause):
            continue
        pronoun = next(
            (
                c
                for c in clause.children
                if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _RELATIVE_SUBJECT
            ),
            None,
        )
        where = next((c for c in clause.children if c.dep_ == "advmod" and c.lower_ == "where"), None)
        whose = next(
            (p for c in clause.children if c.dep_ in _SUBJECTS for p in c.children if p.lower_ == "whose"),
            None,
        )
        pronoun = pronoun or where or whose
        if pronoun is None or pronoun.i != min(_subtree(clause)):
            continue
        noun = _antecedent(doc, clause, pronoun)
        inner = _subtree(clause)
        # the clause must follow its noun ('people who ...', 'Leeds, which ...') and be one run
        # of words ending the sentence or before a comma: otherwise the parse may have it wrong
        if noun.pos_ not in ("NOUN", "PROPN") or not _whole_run(doc, inner) or not _nameable(doc, noun):
            continue
        if (
            doc[pronoun.i - 1].text != ","
            and noun.dep_ == "pobj"
            and any(a.dep_ == "attr" for a in list(noun.ancestors)[:2])
        ):
            continue  # 'Grime is a genre of urban music which emerged': grime emerged, not all music
        defining = doc[pronoun.i - 1].text != "," and pronoun.lower_ in ("who", "that")
        if defining and noun.lower_ in _LIGHT_NOUNS and any(c.lower_ in ("a", "an") for c in noun.children):
            continue  # 'a signature for a party who does not possess the key', 'built in a form that
            # recalls teepees': 'a party', 'a form' alone say nothing; the clause says which
        if defining and noun.pos_ == "NOUN" and not any(c.dep_ in ("det", "poss") for c in noun.children):
            continue  # 'bring back people who are left out', 'Tantric sects that do not engage in
            # these practices': the clause says which people, which sects
        cleft = noun.dep_ == "attr" and pronoun.lower_ in ("who", "that") and doc[pronoun.i - 1].text != ","
        if cleft and any(c.lower_ == "it" and c.dep_ in _SUBJECTS for c in noun.head.children):
            continue  # 'It was Mathew Morris who first uncovered the body': the clause is the news
        between = set(range(noun.i + 1, pronoun.i))
        after_clause = any(  # 'the ways people treat each other which hold people ...'
            c.dep_ == "relcl" and c is not clause and _subtree(c) == between for c in noun.children
        )
        if not after_clause and (
            pronoun.i - noun.i not in (1, 2) or (pronoun.i - noun.i == 2 and doc[noun.i + 1].text != ",")
        ):
            continue
        if _number_clash(noun, clause):
            continue  # 'stamps from that time that were also in the bottle': not the time
        follows = doc[max(inner) + 2] if max(inner) + 2 < len(doc) else None
        if (
            follows is not None
            and doc[max(inner) + 1].text == ","
            and (
                follows.tag_ == "VBG"
                or follows.pos_ == "ADV"
                and any(t.tag_ == "VBG" for t in doc[follows.i + 1 : follows.i + 3])
            )
        ):
            continue  # 'says Iguchi, who has worked there for 20 years, most recently developing an
            # app': without the clause, 'says Iguchi most recently developing an app'
        if any(c.lower_ in _EVERY for c in noun.children):
            continue  # 'there is no town water which can be brought in': there is town water
        if (
            doc[pronoun.i - 1].text == ","
            and pronoun.lower_ in ("which", "who")
            and noun == clause.head
            and noun.dep_ == "pobj"
            and noun.head.head.pos_ in ("NOUN", "PROPN")
            and noun.head.head.dep_ == "pobj"
            and noun.head.head.head.head.pos_ in ("NOUN", "PROPN")
        ):
            continue  # 'a school for deaf students in Hartford, which later became known as the
            # American School': after two phrases on nouns the clause may be about any of the
            # three, and the parse guesses
        if noun.dep_ in ("appos", "npadvmod") and pronoun.i == noun.i + 1:
            continue  # '..., a fact that may have ...': 'a fact.' alone would say nothing
        name = _named(doc, noun, leave_out=inner)
        if (
            pronoun.i == noun.i + 1
            and pronoun is not where
            and any(c.dep_ == "poss" or c.lower_ == "the" for c in noun.children)
        ):
            # 'the goaltender who is adjudged the best', 'the person who offered him the part':
            # which one it is goes with the clause ('The person offered ...' says nothing)
            continue
        if (
            pronoun.lower_ == "which"
            and clause.lower_ in _SAYS_WHAT_FOLLOWS
            and doc[pronoun.i - 1].text == ","
        ):
            name = (
                "This"  # 'It is an F-type asteroid, which means ...': what the clause said, not the asteroid
            )
        if pronoun.lower_ == "which" and (after_clause or (noun != clause.head and _plural(noun))):
            # '... the ways people treat each other.' + 'These hold people ...'; '... a mix of
            # powers.' + 'These badly limit choices.': what they are about ends the sentence before
            name = "These" if _plural(noun) else "This"
        rest = _text(doc, inner - {pronoun.i})
        if (
            pronoun is whose
        ):  # 'Moro, Steck's partner, whose language provoked it' -> "Moro's language provoked it."
            owner = noun.head if noun.dep_ == "appos" else noun
            name = _named(doc, owner, leave_out=inner | _subtree(noun) if owner is not noun else inner)
            owned = "'" if name.endswith("s") else "'s"
            yield [
                _text(doc, _without(doc, inner)),
                f"{name}{owned} {_lower_first(doc, rest, doc[pronoun.i + 1])}",
            ]
            continue
        if pronoun is where and any(c.lower_ in ("a", "an") for c in noun.children):
            continue  # 'We still have a situation where X': 'We still have a situation.' says nothing
        if pronoun is where:  # 'the conditions where people choose' -> 'People choose in the conditions.'
            place = name if _keeps_capital(doc, noun) else name[0].lower() + name[1:]
            if noun.tag_ == "NNS" and not place.lower().startswith(("the ", "these ", "those ")):
                place = "these " + place  # 'in situations where a toddler would ...': in these situations
            yield [_text(doc, _without(doc, inner)), f"{rest.rstrip('.')} in {place}."]
            continue
        yield [
            _text(doc, _without(doc, inner)),
            f"{name} {rest[0].lower() + rest[1:] if not _keeps_capital(doc, doc[pronoun.i + 1]) else rest}",
        ]


# verbs that, after ', which', are about the whole clause before
_SAYS_WHAT_FOLLOWS = frozenset({"means", "meant", "led", "leads", "caused", "causes", "resulted", "results"})


def _number_clash(noun: Token, verb: Token) -> bool:
    """A relative clause's verb that cannot agree with the noun it hangs on: the parse has the
    wrong noun ('a time that were')."""
    finite = _finite_word(verb)
    if finite is None or any(c.dep_ == "conj" for c in noun.children):
        return False
    if noun.tag_ == "NN":
        return finite.lower_ in ("are", "were", "have") or finite.tag_ == "VBP"
    if noun.tag_ == "NNS":
        return finite.tag_ == "VBZ" or finite.lower_ == "was"
    return False


def _apposition(doc: Doc) -> Iterator[list[str]]:
    for appos in doc:
        if (
            appos.dep_ != "appos"
            or appos.pos_ not in ("NOUN", "PROPN")
            or appos.head.pos_ not in ("NOUN", "PROPN")
        ):
            continue
        inner = _subtree(appos)
        start, end = min(inner), max(inner)
        # ', an activist,' between commas (or ending the sentence), right after its noun: not
        # an item of a list ('people, share experiences and ...')
        if (
            start < 2
            or doc[start - 1].text != ","
            or max(i for i in _subtree(appos.head) - inner if not doc[i].is_punct) != start - 2
        ):
            continue
        after = doc[end + 1] if end + 1 < len(doc) else None
        if not _whole_run(doc, inner) or (after is not None and after.text != "," and not after.is_sent_end):
            continue
        if doc[start].pos_ not in ("DET", "NOUN", "PROPN", "ADJ", "PRON"):
            continue  # '(8 July 1836 2 July 1914)' is not a description
        if any(doc[i].tag_ in ("WDT", "WP", "WP$") for i in inner):
            continue  # ', whose son James, then 18, died ...' is a relative clause the parse misread
        if appos.lower_.removesuffix("s") in _CHANGES or any(doc[i].text == "%" for i in inner):
            continue  # 'has lost 6m US visitors, a 4% fall': the fall is the losing, not the visitors
        if appos.pos_ == "PROPN" and appos.head.pos_ == "PROPN" and doc[start].pos_ == "PROPN":
            continue  # 'Washington, D. C.', 'Gouda, South Africa', 'Henry Homeyer, ..., New York Times'
        if not _nameable(doc, appos.head) or _in_a_list(appos.head):
            continue
        if any(doc[i].dep_ == "cc" for i in inner) or (
            after is not None
            and after.text == ","
            and end + 2 < len(doc)
            and doc[end + 2].pos_ in ("DET", "NOUN", "PROPN")
        ):
            continue  # a list: 'a team of four, an Alien, a Human, an Android, and a Psionic'
        noun = appos.head
        left = noun.left_edge.i
        if left > 0 and doc[left - 1].pos_ == "PROPN" and doc[left - 1].text[:1].isupper():
            continue  # 'baptized Pablo Diego José ... Crispiniano de la Santísima Trinidad, a series of
            # names': the parse has the name's tail, and the description is of the whole name
        if any(c.dep_ == "cc" for c in noun.children):
            continue  # 'the origins of life and, of equal importance, our place': a list, not a description
        # a person's role ('with Cathy Casserly, chief executive of Creative Commons') may end it
        role = noun.pos_ == "PROPN" and any(c.dep_ == "compound" for c in noun.children)
        role = (
            role and appos.pos_ == "NOUN" and not any(c.dep_ == "det" for c in appos.children)
        )  # not 'Arkansas'
        if after is None or after.is_sent_end and noun.dep_ == "pobj" and not role:
            continue  # '... 59 seats in Parliament, a substantial margin over ...' is about the seats
        root = doc[noun.i].sent.root
        name = _named(doc, noun, leave_out=inner)
        said = _text(doc, inner).rstrip(".")
        said = said if _keeps_capital(doc, appos) else said[0].lower() + said[1:]
        yield [_text(doc, _without(doc, inner)), f"{name} {_be(_is_past(root), _plural(noun))} {said}."]


def _participle(doc: Doc) -> Iterator[list[str]]:
    for verb in doc:
        if (
            verb.dep_ != "advcl"
            or verb.tag_ != "VBG"
            or any(c.dep_ in _SUBJECTS or c.dep_ in ("mark", "neg") for c in verb.children)
        ):
            continue
        if verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ in ("it", "them", "this"):
            continue  # 'received a 2.79 rating, making it the highest': 'it' is the whole first clause
        if verb.lower_ in _CAUSING:
            continue  # 'Leinart went down with an injury, forcing Warner to play': the injury forced
        if verb.head.dep_ not in ("ROOT", "conj"):
            continue  # 'cutting trees ..., harvesting more fish than the oceans can restock, pumping
            # water': the parse hangs 'pumping' on 'restock', and the oceans pump nothing
        inner = _subtree(verb)
        if any(c.dep_ == "conj" and c.tag_ == "VBG" for c in verb.children):
            continue  # 'increasing its value by 86% and taking 29th place': one tense for two verbs
        if (
            min(inner) != verb.i
            or verb.i < verb.head.i
            or doc[verb.i - 1].text != ","
            or not _whole_run(doc, inner)
        ):
            continue
        # the phrase's subject is the main clause's: 'He left, quoting Doctorow' -> 'He quoted Doctorow.'
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if subject is None or len(_subtree(subject)) > 5:
            continue
        past = _is_past(verb.head)
        plural = _plural(subject) or subject.lower_ in ("i", "you", "we", "they")
        perfect = next(
            (c for c in verb.head.children if c.dep_ == "aux" and c.lower_ in ("have", "has")), None
        )
        modal = next((c for c in verb.head.children if c.dep_ == "aux" and c.tag_ == "MD"), None)
        if perfect is not None and verb.head.tag_ == "VBN":  # 'have released X, selling Y': 'have sold Y'
            forms = tuple(f"{perfect.lower_} {form}" for form in inflect(base_form(verb.text), "VBN"))
        elif modal is not None and verb.head.tag_ == "VB":  # 'would return, introducing': 'would introduce'
            forms = (f"{modal.lower_} {base_form(verb.text)}",)
        elif past:
            forms = inflect(base_form(verb.text), "VBD")
        else:
            forms = (base_form(verb.text),) if plural else inflect(base_form(verb.text), "VBZ")
        if not forms or verb.i + 1 >= len(doc):
            continue
        name = "".join(doc[i].text_with_ws for i in sorted(_subtree(subject))).strip()
        if subject.i == 0 and not _keeps_capital(doc, subject):
            name = name[0].upper() + name[1:]
        rest = _text(doc, inner - {verb.i})
        rest = rest[0].lower() + rest[1:] if rest and not _keeps_capital(doc, doc[verb.i + 1]) else rest
        yield [_text(doc, _without(doc, inner)), f"{name} {forms[0]} {rest}".rstrip() if rest else ""]


def _noun_participle(doc: Doc) -> Iterator[list[str]]:
    """'the Garban family, originating from the village' -> '... The Garban family originated
    from the village.' (a participle phrase on a noun, after a comma, ending the sentence)."""
    for verb in doc:
        if verb.dep_ != "acl" or verb.tag_ != "VBG" or verb.head.pos_ not in ("NOUN", "PROPN"):
            continue
        inner = _subtree(verb)
        if min(inner) != verb.i or doc[verb.i - 1].text != "," or not _whole_run(doc, inner):
            continue
        if any(c.dep_ in ("neg", "nsubj") for c in verb.children):
            continue
        noun = verb.head
        past = _is_past(noun.sent.root)
        tag = "VBD" if past else "VBZ"
        forms = inflect(base_form(verb.text), tag)
        if not forms:
            continue
        form = forms[0]
        if not past and _plural(noun):
            form = base_form(verb.text)
        rest = _text(doc, inner - {verb.i})
        rest = rest[0].lower() + rest[1:] if rest and not _keeps_capital(doc, doc[verb.i + 1]) else rest
        name = _named(doc, noun, leave_out=inner)
        yield [_text(doc, _without(doc, inner)), f"{name} {form} {rest}" if rest else ""]


def _described(doc: Doc) -> Iterator[list[str]]:
    """A past-participle phrase set off by commas on a noun, said as a sentence of its own:
    'The Socratic Method, named after the philosopher Socrates, is a form of inquiry' -> 'The
    Socratic Method is a form of inquiry.' + 'The Socratic Method is named after the philosopher
    Socrates.'; '..., also known as the Fall of France, ...' the same way."""
    words = [t.i for t in doc if not t.is_punct]
    for verb in doc:
        if verb.dep_ != "acl" or verb.tag_ != "VBN" or verb.head.pos_ not in ("NOUN", "PROPN") or not words:
            continue
        if verb.lower_ in _ORDERING:
            continue  # 'has the highest number of tigers, followed by X': X follows the park, not the number
        inner = _subtree(verb)
        start, end = min(inner), max(inner)
        if start < 2 or doc[start - 1].text != "," or verb.i < verb.head.i or not _whole_run(doc, inner):
            continue
        if any(doc[i].dep_ != "advmod" for i in range(start, verb.i)):
            continue  # only 'also known as' may come before the participle
        if end != words[-1] and (doc[end + 1].text != "," or verb.head.dep_ not in ("nsubj", "nsubjpass")):
            continue  # an aside between commas on the subject ('The study, made by X, was'), or the end
        after = [t for t in doc[end + 2 : end + 5] if not t.is_punct and t.pos_ != "ADV"]
        if (
            end + 2 < len(doc)
            and doc[end + 2].dep_ == "cc"
            and after[1:2]
            and after[1].tag_ in ("VBN", "VBD")
        ):
            continue  # 'bent by scoliosis, and twisted further': the parser split a pair of participles
        if (
            any(c.dep_ in ("neg", "nsubj", "nsubjpass", "mark", "conj") for c in verb.children)
            or len(inner) < 3
        ):
            continue  # 'bent by scoliosis, and twisted further': both or neither
        noun = verb.head
        if noun.dep_ in ("pobj", "conj"):
            continue  # '... by a panel of 41 writers, coupled with a fan poll': the parser often
            # hangs it on the nearest noun, not the one it is about; 'A or B, named ...': which?
        root = noun.sent.root
        if not _finite(root):
            continue
        name = _named(doc, noun, leave_out=inner)
        if noun.dep_ == "attr" and root.lower_ in (
            "is",
            "are",
            "was",
            "were",
        ):  # 'X is a book of the Bible, seen as ...': X is
            subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
            words = _subject_words(doc, subject) if subject is not None else []
            if not words:
                continue
            name = _text(doc, words).rstrip(".")
            noun = subject if subject is not None else noun
        said = _text(doc, inner).rstrip(".")
        said = said if _keeps_capital(doc, doc[start]) else said[0].lower() + said[1:]
        past = _is_past(root) or _told_as_past(doc, inner)
        yield [_text(doc, _without(doc, inner)), f"{name} {_be(past, _plural(noun))} {said}."]


_PAST_WORDS = frozenset({"formerly", "originally", "once", "previously", "later", "then"})


def _told_as_past(doc: Doc, inner: set[int]) -> bool:
    """A participle aside about something that happened ('released on April 14, 1980', 'formerly
    known as'): 'was', whatever the main clause's tense ('Iron Maiden is the debut album')."""
    return any(doc[i].lower_ in _PAST_WORDS or re.fullmatch(r"1\d{3}s?|20[01]\d", doc[i].text) for i in inner)


def _with_absolute(doc: Doc) -> Iterator[list[str]]:
    """', with the conference champions proceeding to the Finals' -> 'The conference champions
    proceed to the Finals.'; ', with the scientists first housed in a laboratory' -> 'The
    scientists were first housed in a laboratory.' (a 'with' phrase that ends the sentence)."""
    words = [t.i for t in doc if not t.is_punct]
    for with_ in doc:
        if with_.lower_ != "with" or with_.dep_ != "prep" or with_.i < 2 or doc[with_.i - 1].text != ",":
            continue
        noun, verb = _with_subject_and_verb(with_)
        inner = _subtree(with_)
        if noun is None or verb is None or not words or max(inner) != words[-1] or not _whole_run(doc, inner):
            continue
        if any(c.dep_ in ("neg", "mark", "aux", "auxpass") for c in verb.children):
            continue
        root = doc[with_.i].sent.root
        if not _finite(root) or with_.head != root:
            continue
        # the noun with its own words, not the participle's: 'the scientists behind it'
        subject = sorted(i for i in _subtree(noun) if i < verb.i and i not in _subtree(verb) - _subtree(noun))
        if (
            not subject
            or subject != list(range(subject[0], subject[-1] + 1))
            or len(subject) > _MAX_SUBJECT_WORDS
        ):
            continue
        if subject[0] != with_.i + 1 or any(doc[i].is_punct for i in subject):
            continue
        modifiers = list(range(subject[-1] + 1, verb.i))  # 'first housed'
        if any(doc[i].pos_ != "ADV" for i in modifiers):
            continue
        rest_words = inner - {with_.i, verb.i} - set(subject) - set(modifiers)
        if not rest_words or min(rest_words) < verb.i:
            continue
        # 'has been under development, with the scientists first housed': that was in the past
        past = _is_past(root) or any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in root.children)
        plural = _plural(noun)
        between = "".join(doc[i].text_with_ws for i in modifiers)
        if verb.lower_ == "being":
            form = _be(past, plural)
        elif verb.tag_ == "VBN":
            form, between = f"{_be(past, plural)} {between}{verb.text}", ""
        elif past:
            form = next(iter(inflect(base_form(verb.text), "VBD")), "")
        else:
            form = base_form(verb.text) if plural else next(iter(inflect(base_form(verb.text), "VBZ")), "")
        if not form:
            continue
        rest = _lower_first(doc, _text(doc, rest_words), doc[min(rest_words)])
        named = _text(doc, subject).rstrip(".")
        yield [_text(doc, _without(doc, inner)), f"{named} {between}{form} {rest}"]


def _with_subject_and_verb(with_: Token) -> tuple[Token | None, Token | None]:
    """The noun and the participle of 'with X doing Y': the parser has the participle either
    hang on the noun (pobj + acl) or take the noun as its subject (pcomp + nsubj)."""
    for child in with_.children:
        if child.dep_ == "pobj" and child.pos_ in ("NOUN", "PROPN"):
            verb = next((c for c in child.children if c.dep_ == "acl" and c.tag_ in ("VBG", "VBN")), None)
            return (child, verb) if verb is not None and verb.i > child.i else (None, None)
        if child.dep_ == "pcomp" and child.tag_ in ("VBG", "VBN"):
            noun = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            ok = noun is not None and noun.pos_ in ("NOUN", "PROPN") and noun.i < child.i
            return (noun, child) if ok else (None, None)
    return None, None


_CUTS = (
    _reported,  # who said it first: the words said are then cut as a sentence of their own
    _verb_list,
    _coordinated,
    _adverbial,
    _time_clause,
    _relative,
    _apposition,
    _participle,
    _noun_participle,
    _described,
    _with_absolute,
    _by_doing,
    _reduced_relative,
    _according_to,
    _purpose,
    _opening_time,  # last: it adds a sentence and says nothing new
)


_MAX_ITEM_WORDS = 8


def _conjuncts(first: Token) -> list[Token]:
    """A noun and all the nouns joined to it, in order: the parser chains them ('A, B and C':
    C hangs on B) or fans them out (several hang on one), often both in a long list."""
    found = [first]
    waiting = [first]
    while waiting:  # a tree: each token is reached once
        item = waiting.pop()
        for child in item.children:
            if child.dep_ == "conj" and child.pos_ == first.pos_:
                found.append(child)
                waiting.append(child)
    return sorted(found, key=lambda t: t.i)


def list_items(sentence: str, *, max_words: int) -> tuple[str, list[str]] | None:
    """A list that ends a long sentence, as bullets (easy-read rule 13): 'The group visited
    Leeds, York, Bradford and Sheffield.' -> ('The group visited:', ['Leeds', 'York', ...]).
    Only three or more short items that are one run of words to the end of the sentence, after
    words that have a verb with its subject; None otherwise."""
    doc = parse(sentence)
    words = [t.i for t in doc if not t.is_punct]
    if len(list(doc.sents)) > 1 or not words:
        return None
    for first in doc:
        if first.dep_ not in ("dobj", "pobj", "attr") or first.pos_ not in ("NOUN", "PROPN"):
            continue
        chain = _conjuncts(first)
        if len(chain) < 3 or (word_count(sentence) <= max_words and len(chain) < 4):
            continue
        spans = []
        for item in chain:
            own = _subtree(item) - {i for c in item.children if c in chain for i in _subtree(c)}
            own = {i for i in own if not (doc[i].is_punct or doc[i].dep_ == "cc" and doc[i].head == item)}
            spans.append(own)
        covered = set().union(*spans)
        start = min(covered)
        if max(covered) != words[-1] or not _whole_run(doc, _subtree(first)):
            continue
        if any(not s or len(s) != max(s) - min(s) + 1 or len(s) > _MAX_ITEM_WORDS for s in spans):
            continue
        if _quoted(doc, start):
            continue  # a list someone said stays in their words and marks
        lead = _text(doc, range(0, start)).rstrip(".")
        if not lead or not any(doc[i].dep_ in _SUBJECTS for i in range(start)) or len(lead.split()) < 2:
            continue
        if (
            start > 1
            and doc[start - 1].pos_ == "ADP"
            and doc[start - 2].text[:1].isupper()
            and all(len(span) == 1 and doc[min(span)].text[:1].isupper() for span in spans)
        ):
            continue  # 'the Department for Culture, Media and Sport' is one name, not a list
        if any(doc[min(span)].lower_ in ("both", "either", "neither") for span in spans):
            continue  # 'a composer of sacred music, both masses and motets': one thing, then its kinds
        items = [_text(doc, span).rstrip(".") for span in spans]
        items = [
            i if _keeps_capital(doc, doc[min(s)]) else i[0].lower() + i[1:] for i, s in zip(items, spans)
        ]
        return lead + ":", items
    return None


def _cleft(doc: Doc) -> list[str]:
    """The words of a cleft, 'it was X that was Y', which a cut must keep in one piece: 'It was
    the mismanagement of the crowd by the police, commanded by X, that was the prime cause' is
    one claim ('X was the prime cause' says another). Empty when there is none."""
    for be in doc:
        it = next((c for c in be.children if c.lower_ == "it" and c.dep_ in _SUBJECTS), None)
        if be.lower_ not in ("is", "was", "'s", "’s") or it is None:  # the parse has no lemmas
            continue
        for attr in (c for c in be.children if c.dep_ == "attr"):
            for clause in attr.subtree:
                inner = _subtree(clause)
                if clause.dep_ == "relcl" and doc[min(inner)].lower_ in ("that", "who"):
                    return _words(doc[i].text for i in range(it.i, max(inner) + 1))
    return []


def _words(texts: Iterable[str]) -> list[str]:
    return [w.lower() for t in texts for w in re.findall(r"\w+", t)]


def _keeps_together(pieces: list[str], words: list[str]) -> bool:
    """Some piece says `words` in one run."""
    n = len(words)
    return any(
        found[i : i + n] == words
        for found in (_words([p]) for p in pieces)
        for i in range(len(found) - n + 1)
    )


def _lost_parse(doc: Doc) -> bool:
    """A parse that cannot be right, whose cuts would not be either: a clause given a noun for
    its verb ('is that some resentment towards a child that is not yours might occur' gave 'The
    child is not yours might happen.'), or a main verb with a word that makes it a side clause
    ('convection organized into bands, and as its winds approached hurricane strength, an eye
    developed': 'approached' was the main verb, and 'The hurricane strength was an eye.')."""
    return any(
        t.dep_ == "mark"
        and (
            (t.lower_ == "that" and t.head.pos_ in ("NOUN", "PROPN") and t.head.dep_ == "ccomp")
            or (t.head.dep_ == "ROOT" and t.lower_ != "that")
        )
        for t in doc
    )


def clause_cuts(sentence: str) -> Iterator[list[str]]:
    """Every cut the parse allows, most useful first; each a list of two sentences."""
    doc = parse(sentence)
    if len(list(doc.sents)) > 1 or _lost_parse(doc):
        return
    cleft = _cleft(doc)
    quoted = {t.lower_ for t in doc if not t.is_punct and _quoted(doc, t.i)}
    for cuts in _CUTS:
        for pieces in cuts(doc):
            if all(p.strip(". ") and len(p.split()) >= 3 for p in pieces) and (
                not cleft or _keeps_together(pieces, cleft)
            ):
                if quoted and any(_said_without_marks(p, quoted) for p in pieces):
                    continue  # '"Humans are cutting trees ..., harvesting more fish ...," he said'
                    # gave 'Humans harvest more fish ...' with no marks: the speaker's words as ours
                yield pieces


def _said_without_marks(piece: str, quoted: set[str]) -> bool:
    """A piece with no quote marks whose words are mostly from inside a quotation."""
    if any(q in piece for q in _QUOTES):
        return False
    words = _words([piece])[1:]  # the first may be one the cut added ('Humans harvest ...')
    return len(words) >= 3 and sum(w in quoted for w in words) >= 0.7 * len(words)


def word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*", text))


def split_clauses(sentence: str, *, max_words: int, check: Callable[[list[str], str], bool]) -> list[str]:
    """Cut a long sentence at its clauses until each piece has at most `max_words` words or
    no cut is left. A loop, not recursion: every cut makes shorter pieces, there are never more
    cuts than words, and `check` (the gate) may refuse a cut, when the next one is tried."""
    done: list[str] = []
    waiting = deque([sentence])
    cuts, bound = 0, word_count(sentence)
    while waiting:
        current = waiting.popleft()
        size = word_count(current)
        if size <= max_words or cuts >= bound or "](" in current:  # link markup: the string rules cut it
            done.append(current)
            continue
        for pieces in clause_cuts(current):
            if all(word_count(p) < size for p in pieces) and check(pieces, current):
                waiting.extendleft(reversed(pieces))
                cuts += 1
                break
        else:
            done.append(current)
    return done
