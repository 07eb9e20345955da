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

from .parse import parse
from .verbs import base_form, inflect

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
    stop = "" if re.search(r'[.!?]"$', text) else "."  # '... good news."' has its stop inside
    return text[0].upper() + text[1:] + stop


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
    words = [doc[i] for i in _noun_phrase(noun, leave_out=leave_out)]

    def joined(chosen: list[Token]) -> str:  # as written: "League's", not "League 's"
        return "".join(w.text_with_ws for w in chosen[:-1]) + chosen[-1].text if chosen else ""

    if words[0].lower_ in ("a", "an", "some", "any", "another"):
        return "The " + joined(words[1:])
    if words[0].tag_ in ("NNP", "NNPS", "PRP$", "DT", "CD") or words[0].lower_ == "the":
        return joined(words)
    if noun.tag_ in ("NNP", "NNPS"):
        return joined(words)
    return "The " + joined(words)


def _be(past: bool, plural: bool) -> str:
    return ("were" if plural else "was") if past else ("are" if plural else "is")


def _plural(noun: Token) -> bool:
    return noun.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in noun.children)


def _coordinated(doc: Doc) -> Iterator[list[str]]:
    if doc.text.lstrip("\"“‘' ").lower().startswith("not only"):
        return  # 'Not only does it X, but Y': the first half is no sentence on its own
    for verb in doc:
        if verb.dep_ != "conj" or verb.head.pos_ not in ("VERB", "AUX") or verb.pos_ not in ("VERB", "AUX"):
            continue
        head = verb.head
        cc = next((c for c in head.children if c.dep_ == "cc" and head.i < c.i < verb.i), None)
        second = _subtree(verb)
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
        if subject is None or not _finite(verb) or not _finite(head) or not _whole_run(doc, second):
            continue
        if _is_past(verb) != _is_past(head) or head.dep_ not in ("ROOT", "conj"):
            continue  # 'is a place to meet ... and share' is not two clauses
        subject_words = sorted(_subtree(subject))
        if len(subject_words) > 5:
            continue
        name = "".join(doc[i].text_with_ws for i in subject_words).strip()
        if doc[subject_words[0]].i == 0 and not _keeps_capital(doc, doc[0]):
            name = name[0].lower() + name[1:] if opener else name
        rest = _text(doc, second)
        yield [
            _text(doc, first),
            f"{opener}{name} {rest[0].lower() + rest[1:] if not _keeps_capital(doc, verb) else rest}",
        ]


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
        inner = _subtree(clause)
        body = inner - {mark.i}
        main = {t.i for t in doc} - inner
        past = _is_past(clause.head)
        lead = _CLAUSE_MARKS[mark.lower_].format(be="was" if past else "is")
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
                link + (rest if _keeps_capital(doc, doc[min(main)]) else rest[0].lower() + rest[1:]),
            ]
        else:
            yield [_text(doc, main), lead + said]


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
        leading = min(inner) == words[0] and min(inner) < clause.head.i
        if not leading and not (max(inner) == words[-1] and min(inner) > clause.head.i):
            continue  # only a clause that opens or ends the sentence moves cleanly
        if not _whole_run(doc, inner):
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
        if noun.dep_ == "pobj" and noun.head.lower_ in ("with", "without"):
            continue  # 'with freshwater species declining by 76%' says how much, not which species
        if any(c.dep_ in ("neg", "nsubj", "nsubjpass", "agent") for c in verb.children):
            continue  # 'without help excused by X': the parse often hangs a 'by' phrase on the wrong noun
        be = _be(_is_past(root), _plural(noun))
        rest = _text(doc, inner - {verb.i})
        if not rest:
            continue
        rest = rest if _keeps_capital(doc, doc[verb.i + 1]) else rest[0].lower() + rest[1:]
        name = _named(doc, noun, leave_out=inner)
        yield [_text(doc, _without(doc, inner)), f"{name} {be} {verb.text} {rest}"]


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
        near is head
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
        pronoun = pronoun or where
        if pronoun is None or pronoun.i != min(_subtree(clause)):
            continue
        noun = _antecedent(doc, clause, pronoun)
        inner = _subtree(clause)
        # the clause must follow its noun ('people who ...', 'Leeds, which ...') and be one run
        # of words ending the sentence or before a comma: otherwise the parse may have it wrong
        if noun.pos_ not in ("NOUN", "PROPN") or not _whole_run(doc, inner) or not _nameable(doc, noun):
            continue
        if doc[pronoun.i - 1].text != "," and any(a.dep_ == "attr" for a in [noun, *noun.ancestors][:3]):
            continue  # 'X is a facility which sells fuel', 'a genre of music which emerged': 'X is a facility.'
        defining = doc[pronoun.i - 1].text != "," and pronoun.lower_ in ("who", "that")
        if defining and noun.pos_ == "NOUN" and all(c.dep_ in ("relcl", "punct") for c in noun.children):
            continue  # 'bring back people who are left out': the clause says which people
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
        name = _named(doc, noun, leave_out=inner)
        if pronoun.lower_ == "which" and (after_clause or (noun is not clause.head and _plural(noun))):
            # '... the ways people treat each other.' + 'These hold people ...'; '... a mix of
            # powers.' + 'These badly limit choices.': what they are about ends the sentence before
            name = "These" if _plural(noun) else "This"
        rest = _text(doc, inner - {pronoun.i})
        if pronoun is where:  # 'the conditions where people choose' -> 'People choose in the conditions.'
            place = name if _keeps_capital(doc, noun) else name[0].lower() + name[1:]
            yield [_text(doc, _without(doc, inner)), f"{rest.rstrip('.')} in {place}."]
            continue
        yield [
            _text(doc, _without(doc, inner)),
            f"{name} {rest[0].lower() + rest[1:] if not _keeps_capital(doc, doc[pronoun.i + 1]) else rest}",
        ]


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
        if after is None or after.is_sent_end and noun.dep_ == "pobj":
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
        inner = _subtree(verb)
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
        if perfect is not None and verb.head.tag_ == "VBN":  # 'have released X, selling Y': 'have sold Y'
            forms = tuple(f"{perfect.lower_} {form}" for form in inflect(base_form(verb.text), "VBN"))
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


_CUTS = (
    _coordinated,
    _adverbial,
    _time_clause,
    _relative,
    _apposition,
    _participle,
    _noun_participle,
    _by_doing,
    _reduced_relative,
    _according_to,
    _purpose,
)


_MAX_ITEM_WORDS = 8


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
        chain = [first]
        while nxt := next((c for c in chain[-1].children if c.dep_ == "conj" and c.pos_ == first.pos_), None):
            chain.append(nxt)
        if len(chain) < 3 or (word_count(sentence) <= max_words and len(chain) < 4):
            continue
        spans = []
        for k, item in enumerate(chain):
            own = _subtree(item) - (_subtree(chain[k + 1]) if k + 1 < len(chain) else set())
            own = {i for i in own if not (doc[i].is_punct or doc[i].dep_ == "cc" and doc[i].head == item)}
            spans.append(own)
        covered = set().union(*spans)
        start = min(covered)
        if max(covered) != words[-1] or not _whole_run(doc, _subtree(first)):
            continue
        if any(not s or len(s) != max(s) - min(s) + 1 or len(s) > _MAX_ITEM_WORDS for s in spans):
            continue
        lead = _text(doc, range(0, start)).rstrip(".")
        if not lead or not any(doc[i].dep_ in _SUBJECTS for i in range(start)) or len(lead.split()) < 2:
            continue
        items = [_text(doc, span).rstrip(".") for span in spans]
        items = [
            i if _keeps_capital(doc, doc[min(s)]) else i[0].lower() + i[1:] for i, s in zip(items, spans)
        ]
        return lead + ":", items
    return None


def clause_cuts(sentence: str) -> Iterator[list[str]]:
    """Every cut the parse allows, most useful first; each a list of two sentences."""
    doc = parse(sentence)
    if len(list(doc.sents)) > 1:
        return
    for cuts in _CUTS:
        for pieces in cuts(doc):
            if all(p.strip(". ") and len(p.split()) >= 3 for p in pieces):
                yield pieces


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
