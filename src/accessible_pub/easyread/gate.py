"""Do no harm: every sentence the generator writes must be at least as sound as the one it came from.

A rewrite is checked on its dependency parse (`parse.py`): a finite verb with a subject (or a
question or instruction where the original was one), a capital first, no word left hanging
('... was conceived and.'), subject and verb that agree ('I are'), a/an by sound, an opening
pronoun or 'this/these' with something to point back to, names with their capitals and numbers
as written. Only problems the original did not have count: a heading-like fragment stays one.
When a rewrite fails, the caller undoes it for that sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .parse import parse, parse_all
from .transforms import article_for
from .verbs import base_form, is_verb_form

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_HANGING = frozenset({"DT", "CC", "PRP$", "WDT", "WP", "WP$", "POS"})
_POINTS_BACK = frozenset({"it", "they", "he", "she", "this", "these", "that", "those", "him", "her", "them"})
_PLURAL_BACK = frozenset({"they", "these", "those", "them"})
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
# words that wait for a clause or a word after them: no English sentence ends on one
_NEVER_LAST = frozenset(
    {"whereas", "because", "although", "though", "unless", "whether", "if", "and", "or", "but", "than"}
)


def _finite_form(verb: Token) -> Token | None:
    if verb.tag_ in _FINITE:
        return verb
    return next((c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE), None)


def _disagrees(subject: Token, verb: Token) -> bool:
    """'I are', 'they is', 'the children was': only clear cases, never a collective noun."""
    word, form = subject.lower_, verb.lower_
    if any(c.dep_ == "conj" for c in subject.children):
        return False
    if word == "i":
        return form in ("is", "are", "were", "has", "does")
    if word in ("you", "we", "they"):
        return verb.tag_ == "VBZ" or form == "was"
    if word in ("he", "she", "it"):
        return form in ("are", "were", "have", "do")
    if subject.tag_ in ("NNS", "NNPS"):
        return verb.tag_ == "VBZ" or form == "was"
    return False


def _has_clause(root: Token) -> bool:
    subjects = [c for c in root.children if c.dep_ in _SUBJECTS]
    if (
        subjects
        and all(c.i > root.i for c in subjects)
        and root.pos_ == "VERB"
        and not (  # '"Yes," said John.' (the parse has no lemmas); 'Said John.' alone is no sentence
            base_form(root.text) in _SAYING and any(t.text in ",\"”'’" for t in root.doc[: root.i])
        )
    ):
        return False  # 'But regained strength at 2:00 a.m. EDT': a subject after its verb is a misread
    return _finite_form(root) is not None and bool(subjects)


# verbs that may come before who said it: '"Yes," said John.'
_SAYING = frozenset(
    "say add tell ask write explain note reply insist admit claim warn recall agree suggest conclude".split()
)


def _verb_read_as_noun(doc: Doc) -> bool:
    """The small parser reads some verbs as nouns after a long subject ('The idea that everyone is
    on their own excuses this.'): put a verb that is never a noun in its place and parse again."""
    for token in doc:
        # only right before its object ('... excuses this'): 'the number of players ever ...' is no verb
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if after is None or after.tag_ not in ("DT", "PRP", "PRP$"):
            continue
        if token.tag_ in ("NNS", "NN") and token.i > 1 and is_verb_form(token.text, "VBZ"):
            text = doc[: token.i].text_with_ws + "makes" + token.whitespace_ + doc[token.i + 1 :].text
            if all(_has_clause(s.root) for s in parse(text).sents):
                return True
    return False


def _clause_problems(doc: Doc) -> set[str]:
    found: set[str] = set()
    for sentence in doc.sents:
        root = sentence.root
        question = sentence.text.rstrip().endswith("?")
        opened = any(  # 'In geology, when an intrusion cuts across rock.': the when-clause is all there is
            c.dep_ == "advmod" and c.lower_ in ("when", "whenever") and c.i < root.i for c in root.children
        )
        if (opened or any(c.dep_ == "mark" for c in root.children)) and not question:
            found.add("no main clause")  # 'Even if a contribution violates the rule.'
            continue
        if _has_clause(root) or (not sentence.text.rstrip().endswith("?") and _verb_read_as_noun(doc)):
            continue
        if sentence.text.rstrip().endswith("?"):
            found.add("question")
        elif root.tag_ == "VB" and not any(c.dep_ in _SUBJECTS for c in root.children):
            found.add("instruction")
        else:
            found.add("no verb with a subject")
    return found


def problems(doc: Doc, *, before: Doc | None = None) -> frozenset[str]:
    """What is wrong with a sentence as English (names of problems, empty when none)."""
    found = _clause_problems(doc)
    opening = doc.text.lstrip("\"'“‘([ ")
    if opening[:1].islower():  # '2 members ...' starts well enough
        found.add("no capital")
    words = [t for t in doc if not t.is_punct and not t.is_space]
    # a sentence that ends on a word waiting for more: '... was conceived and.', '... of the.',
    # '... after he.' ('... excuses this.' is fine). Its own name: the original's 'and' without a
    # second half somewhere inside must not excuse a cut that ends on one.
    last = words[-1] if words else None
    if last is not None and last.tag_ in _HANGING and (last.tag_ != "DT" or last.dep_ == "det"):
        found.add("ends on a word left hanging")
    if last is not None and len(words) > 1 and last.lower_ in ("he", "she", "they", "we", "i"):
        found.add("ends on a word left hanging")
    if last is not None and len(words) > 1 and last.lower_ in _NEVER_LAST:
        found.add("ends on a word left hanging")  # '... edible food annually, whereas.'
    if (
        last is not None
        and last.lower_ in ("so", "then", "as", "like", "including", "such")
        and last.i > 0
        and doc[last.i - 1].text == ","
    ):
        found.add("ends on a word left hanging")  # '... all 6 numbers match, so.'
    if (
        last is not None
        and last.lower_ in ("have", "has", "had", "be", "been")
        and all(c.dep_ in ("aux", "neg", "advmod") for c in last.children)
        and last.dep_ != "ROOT"
    ):
        found.add("ends on a word left hanging")  # '... food production will need to have.'

    if (
        last is not None
        and last.tag_ == "IN"
        and not list(last.children)
        and last.head.pos_ in ("NOUN", "NUM", "PRON")
    ):
        found.add("ends on a word left hanging")  # '... all but one of.'
    for token in doc:
        if token.dep_ == "det" and (
            (token.lower_ in ("these", "those") and token.head.tag_ in ("NN", "NNP"))
            or (token.lower_ in ("this", "that") and token.head.tag_ in ("NNS", "NNPS"))
        ):
            found.add("subject and verb disagree")  # 'These case ...'
        first_word = bool(words) and token.i == words[0].i  # 'But it ...' leans on the sentence before
        if token.dep_ == "cc" and not first_word and not any(c.dep_ == "conj" for c in token.head.children):
            found.add("a word left hanging")
        if token.dep_ in ("nsubj", "nsubjpass") and (verb := _finite_form(token.head)) is not None:
            if _disagrees(token, verb):
                found.add("subject and verb disagree")
        if token.lower_ in ("a", "an") and token.i + 1 < len(doc):
            wanted = article_for(doc[token.i + 1].text)
            if wanted is not None and wanted != token.lower_:
                found.add("a/an")
    text = doc.text
    if text.count('"') % 2 or text.count("(") != text.count(")") or text.count("“") != text.count("”"):
        found.add("a quote or bracket left open")  # a cut through a quotation: 'goaltender ".'
    if words:
        first = words[0]
        if first.lower_ in ("this", "these", "that", "those") and len(words) > 1:
            if words[1].tag_ in ("DT", "PRP$"):
                found.add("broken opening")
        if first.lower_ in _POINTS_BACK and not _has_referent(first.lower_, before):
            found.add("nothing to point back to")
    return frozenset(found)


def _has_referent(pronoun: str, before: Doc | None) -> bool:
    if before is None:
        return False
    if pronoun in _PLURAL_BACK:
        return any(
            t.tag_ in ("NNS", "NNPS") or t.lower_ in ("they", "we", "them", "and", "both") for t in before
        )
    return any(t.pos_ in ("NOUN", "PROPN", "PRON") or t.tag_ == "VBG" for t in before)


# a capital on one of these inside a sentence is a title's ('novel The Hobbit'), not a name's:
# 'But the story ...' after a cut has lost nothing
_NEVER_NAMES = frozenset({"the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by"})


def _names(text: str) -> set[str]:
    """Capitalised words that do not open a sentence: names, as the writer wrote them."""
    found: set[str] = set()
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        for i, word in enumerate(re.findall(r"[A-Za-z][\w'’-]*", sentence)):
            if i and word[0].isupper() and not word.isupper() and word.lower() not in _NEVER_NAMES:
                found.add(word)
    return found


def lost_marks(pieces: Sequence[str], original: str, *, digits: str) -> set[str]:
    """Names that lost their capitals, numbers not written as in the original ('10 Boom')."""
    found: set[str] = set()
    names = {n.lower(): n for n in _names(original)}
    for piece in pieces:
        for word in re.findall(r"[A-Za-z][\w'’-]*", piece):
            if word.lower() in names and word[0].islower() and names[word.lower()][0].isupper():
                if not _is_common_too(word, original):
                    found.add("a name lost its capital")
    allowed = set(_NUMBER.findall(original)) | set(_NUMBER.findall(digits))
    if any(n not in allowed for piece in pieces for n in _NUMBER.findall(piece)):
        found.add("a number not as written")
    return found


def _is_common_too(word: str, original: str) -> bool:
    """The writer used the word in lower case too ('the Park' ... 'a park')."""
    return re.search(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", original) is not None


def accepts(pieces: Sequence[str], original: str, *, digits: str = "", before: str | None = None) -> bool:
    """True when no piece has a problem the original sentence did not have."""
    return refusal(pieces, original, digits=digits, before=before) is None


def refusal(
    pieces: Sequence[str], original: str, *, digits: str = "", before: str | None = None
) -> str | None:
    """Why the gate refuses a rewrite (the first problem found), None when it accepts it."""
    docs = parse_all([original, *pieces] + ([before] if before else []))
    original_doc, piece_docs = docs[0], docs[1 : 1 + len(pieces)]
    before_doc = docs[-1] if before else None
    allowed = problems(original_doc, before=before_doc)
    in_original = {t.lower_ for t in original_doc}
    previous = before_doc
    # a fragment the writer wrote ('History The district ...') may stay one, but a cut must not
    # make more of them: 'Skeletal remains ... unearthed in Switzerland.' from a whole sentence
    fragments = _fragments(original_doc)
    # and a problem the writer's sentence had goes to one piece at most: a cut that leaves a
    # second piece ending on 'and, since December 2013.' is a new problem, not the old one
    sentences = max(1, len(list(original_doc.sents)))
    seen: dict[str, int] = {}
    for doc in piece_docs:
        found = problems(doc, before=previous)
        if len(doc) and doc[0].lower_ in in_original:  # the writer's own 'it', not one a cut made
            found -= {"nothing to point back to"}
        if not found <= allowed:
            return sorted(found - allowed)[0]
        for problem in found - {"nothing to point back to"}:
            seen[problem] = seen.get(problem, 0) + 1
            if seen[problem] > sentences:
                return problem + " (more often)"
        fragments -= _fragments(doc)
        if fragments < 0:
            return "more fragments"
        previous = doc
    lost = lost_marks(pieces, original, digits=digits)
    return sorted(lost)[0] if lost else None


_FRAGMENT = frozenset({"no verb with a subject", "no main clause"})


def _fragments(doc: Doc) -> int:
    """How many of the sentences in `doc` have no main clause."""
    return sum(bool(_clause_problems(sentence.as_doc()) & _FRAGMENT) for sentence in doc.sents)


def sentence_passes(sentence: str) -> bool:
    """A sentence on its own: a finite verb with a subject, a capital, nothing hanging."""
    return not (problems(parse(sentence)) - {"nothing to point back to"})
