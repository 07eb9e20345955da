"""Which language a post is in: its `lang` tag checked as BCP 47, and its words checked as English.

The voice, the easy-read rules and the readability scores are for English only, so a post in
another language is refused with a clear message rather than read aloud by the English voice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import PostError
from ..model import Block, BulletList

# BCP 47 (RFC 5646) language tag, well-formed: language[-script][-region][-variant]*[-extension]*.
_TAG = re.compile(
    r"^(?P<lang>[A-Za-z]{2,3}|[A-Za-z]{5,8})"
    r"(?:-(?P<script>[A-Za-z]{4}))?"
    r"(?:-(?P<region>[A-Za-z]{2}|\d{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-x(?:-[A-Za-z0-9]{1,8})+)?$"
)
MAX_TAG = 35  # the longest tag anyone needs is far shorter

NAMES = {
    "ar": "Arabic",
    "bn": "Bengali",
    "cy": "Welsh",
    "de": "German",
    "es": "Spanish",
    "fa": "Persian",
    "fr": "French",
    "ga": "Irish",
    "gd": "Scottish Gaelic",
    "hi": "Hindi",
    "it": "Italian",
    "ku": "Kurdish",
    "nl": "Dutch",
    "pa": "Punjabi",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "so": "Somali",
    "ti": "Tigrinya",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "zh": "Chinese",
}


def language_name(code: str) -> str:
    return NAMES.get(code.lower(), f"'{code}'")


def is_language_tag(text: str) -> bool:
    """A well-formed BCP 47 tag: safe to write into a page, a book or a feed as it is."""
    return len(text) <= MAX_TAG and _TAG.match(text) is not None


def checked_lang(value: object) -> tuple[str, str | None]:
    """A post's `lang` as a tidy BCP 47 tag ('en-gb' -> 'en-GB'), and a warning when it was not one.

    A value that is not a tag (`en"><script>...`) never reaches a page or a book: English is used.
    """
    text = str(value).strip() if value is not None else ""
    if not is_language_tag(text):
        shown = text if len(text) <= 40 else text[:40] + "..."
        return (
            "en",
            f"'lang: {shown}' is not a language tag (write it like en or en-GB); English (en) was used",
        )
    parts = text.split("-")
    tidy = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha() and len(tidy) == 1:
            tidy.append(part.title())  # script: Latn
        elif len(part) == 2 and part.isalpha():
            tidy.append(part.upper())  # region: GB
        else:
            tidy.append(part.lower())
    return "-".join(tidy), None


def post_language(
    path: Path, *, declared: object | None, blocks: Iterable[Block], trusted: bool = True
) -> tuple[str, list[str]]:
    """The post's language tag and any warning about it; a PostError when it is not English.

    A `lang` an editor wrote (front matter) is trusted, so `lang: en` settles a doubt; a page's
    `<html lang>` is the blog template's, not the writer's (trusted=False): the words are looked at too.
    """
    warnings: list[str] = []
    lang = "en"
    if declared is not None and str(declared).strip():
        lang, warning = checked_lang(declared)
        warnings += [warning] if warning else []
        primary = lang.split("-")[0]
        if primary != "en":
            raise PostError(
                path,
                f"the post is marked as {language_name(primary)} (lang: {lang}); the voice and the "
                "easy-read rules are for English only, so it was not built "
                "(translate it, or set lang: en if it is English)",
            )
        if not warning and trusted:
            return lang, warnings
    if found := detected_language(" ".join(_texts(blocks))):
        raise PostError(
            path,
            f"the post seems to be in {language_name(found)}, not English: the voice and the easy-read "
            "rules are for English only, so it was not built (if it is English, add 'lang: en' to it)",
        )
    return lang, warnings


def _texts(blocks: Iterable[Block]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, BulletList):
            yield from block.texts
        else:
            yield block.text


# Words in nearly every English paragraph: a cheap first look, so the language model is only
# loaded (2-3 s) for a post that may not be English.
_COMMON = frozenset(
    "the and of to a in is it that we you i for on was with are be this have at as they not but our"
    " my by from or an all can will there their what so if about who he she me us do".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_WORDS = 12  # below this no one (and no model) can tell a language reliably
CONFIDENT = 0.95


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # the model ships inside the wheel

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detected_language(text: str) -> str | None:
    """The language a text is clearly in when that is not English; None for English or unsure."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return None
    if sum(w in _COMMON for w in words) >= 0.12 * len(words):
        return None  # plainly English: the model is not needed
    code, probability = _identifier().classify(text[:20_000])
    return code if code != "en" and probability >= CONFIDENT else None
