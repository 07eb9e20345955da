"""The easy-read version of a post.

`make_easy_read` is the rule-based simplifier: each sentence passes through the small
transforms in `transforms.py`, driven by the word lists in `data/`; long sentences are split;
festival words that must stay are explained where first used. The draft always goes to a
person: an edited `content/<slug>.easy.md` wins over the generator (see `document.py`).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..errors import PostError
from ..model import (
    BulletList,
    Caption,
    EasyBlock,
    EasyHeading,
    EasyRead,
    Explanation,
    Heading,
    Idea,
    Inline,
    Post,
    Span,
)
from .data import WordData, word_data
from .clauses import list_items, split_clauses
from .document import LINK, plain_sentence, read_easy_file, to_markdown
from .everyday import everyday_words, lemma_of, may_have_meaning, meaning_for
from .gate import accepts
from .parse import parse as parse_one
from .parse import parse_all
from .pictures import choose
from .transforms import (
    numbers_as_digits,
    plain_quotes,
    quoted_to_the_end,
    simplify_sentence,
    split_long,
    split_sentences,
    tidy,
    word_count,
)
from ..text import whole_word

MAX_SENTENCES_PER_IDEA = 3
# A sentence that starts like this leans on the one before: it stays in the same idea.
_LEANS_BACK = re.compile(r"^(?:This|These|That|Those|It|They|But|And|So|Then|He|She)\b")


def chunk_ideas(sentences: list[str], *, sources: list[int] | None = None) -> list[list[str]]:
    """Short ideas of about three sentences, never cutting a sentence off from the one it leans on.

    `sources[i]` numbers the writer's sentence that sentence i was cut from: the pieces of one
    sentence stay in one idea ('... tell us when you book.' + 'We will arrange it.' must not be
    parted, 'it' would point at nothing), unless they are more than an idea holds."""
    if sources is not None:
        return _chunk_pieces(sentences, sources)
    ideas: list[list[str]] = []
    for sentence in sentences:
        if not ideas:
            ideas.append([sentence])
        elif len(ideas[-1]) < MAX_SENTENCES_PER_IDEA or (
            _LEANS_BACK.match(sentence) and len(ideas[-1]) < MAX_SENTENCES_PER_IDEA + 1
        ):
            ideas[-1].append(sentence)
        elif _LEANS_BACK.match(sentence) and len(ideas[-1]) > 1:
            ideas.append([ideas[-1].pop(), sentence])  # move the sentence it leans on along
        else:
            ideas.append([sentence])
    return ideas


def _chunk_pieces(sentences: list[str], sources: list[int]) -> list[list[str]]:
    groups: list[list[str]] = []
    for n, (sentence, source) in enumerate(zip(sentences, sources)):
        if n and source == sources[n - 1]:
            groups[-1].append(sentence)
        else:
            groups.append([sentence])
    ideas: list[list[str]] = []
    for group in groups:
        fits = bool(ideas) and len(ideas[-1]) + len(group) <= MAX_SENTENCES_PER_IDEA + (
            1 if _LEANS_BACK.match(group[0]) else 0
        )
        if len(group) > MAX_SENTENCES_PER_IDEA + 1:  # one long sentence cut in many: as before
            ideas.extend(chunk_ideas(group))
        elif fits:
            ideas[-1].extend(group)
        elif _LEANS_BACK.match(group[0]) and ideas and len(ideas[-1]) > 1 and len(group) < 3:
            ideas.append([ideas[-1].pop(), *group])  # move the sentence it leans on along
        else:
            ideas.append(list(group))
    return ideas


# A link stands in the text as one character of the private-use planes (U+F0000 + its number):
# no word rule touches it, and post text cannot forge one because those characters are taken
# out of the text first (so a literal "⟦3⟧" in a post is just text).
_MARKER_BASE = 0xF0000
_MARKERS = re.compile("[\U000f0000-\U0010ffff]")  # both private planes: 131,072 links a paragraph


def _with_placeholders(spans: Inline) -> tuple[str, list[Span]]:
    """Text with each link replaced by a marker the transforms leave alone."""
    links: list[Span] = []
    pieces: list[str] = []
    for span in spans:
        if span.href:
            pieces.append(chr(_MARKER_BASE + len(links)))
            links.append(span)
        else:
            pieces.append(_MARKERS.sub("", span.text))
    return "".join(pieces), links


def _restore(text: str, links: list[Span]) -> str:
    def link(m: re.Match[str]) -> str:
        number = ord(m[0]) - _MARKER_BASE
        return f"[{links[number].text}]({links[number].href})" if number < len(links) else ""

    return _MARKERS.sub(link, text)


# A list or heading mark left at the start of a sentence (scraped text, a dash that ended a
# clause) would make it a bullet or a heading when the easy-read file is read back.
_LINE_MARKS = re.compile(r"^(?:[-*+#>]+\s+)+")


def _cut_is_sound(pieces: list[str], sentence: str, *, data: WordData, links: list[Span]) -> bool:
    """The gate, asked before a long sentence is cut: pieces at least as sound as the whole."""
    whole = plain_sentence(_restore(sentence, links))
    return accepts(
        [plain_sentence(_restore(tidy(p, data), links)) for p in pieces],
        whole,
        digits=numbers_as_digits(whole, data),
    )


def _rewritten(sentence: str, data: WordData, links: list[Span], *, max_words: int | None) -> list[str]:
    """A sentence's plain words, and its cuts when `max_words` is given."""
    out: list[str] = []
    simpler = simplify_sentence(sentence, data)
    # Everyday words go in after the cuts: a swap of several words ('went to', 'set up') can
    # change the parse, and a cut the writer's words allowed is lost. A sentence with a link
    # has its swaps first, while the link is a marker no swap can reach.
    linked = bool(_MARKERS.search(simpler))
    if linked:
        simpler = everyday_words(simpler, data)
    for piece in split_sentences(simpler):  # a dash may make two
        # links go back in before splitting, so their words count towards the length
        whole = _restore(tidy(piece, data), links)
        if max_words:
            check = partial(_cut_is_sound, data=data, links=links)
            cut = [
                p
                for clause in split_clauses(whole, max_words=max_words, check=check)
                for p in split_long(clause, max_words=max_words, check=check)
            ]
        else:  # no cuts, but a semicolon still ends a sentence (rules 3 and 10)
            cut = split_long(whole, max_words=len(whole))
        out.extend(tidy(p if linked else everyday_words(p, data), data) for p in cut)
    return [s for s in out if s.strip(".!? ")]


_AND_OR = re.compile(r"\b(?:and|or)\b")


@dataclass(frozen=True)
class Paragraph:
    sentences: list[str]
    to_check: list[str]  # kept whole: the generator could not make them easy without harm
    sources: list[int] = field(default_factory=list)  # which of the writer's sentences each came from
    # a sentence that ends on a list of three or more ('We visited:'), by its place: the items as bullets
    lists: dict[int, list[str]] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """The sentences as a reader meets them, each list item a line of its own."""
        return [line for n, s in enumerate(self.sentences) for line in (s, *self.lists.get(n, []))]


def easy_paragraph(spans: Inline, data: WordData, *, max_words: int) -> Paragraph:
    """One paragraph's text as short, plain sentences; a rewrite that fails the gate is undone."""
    text, links = _with_placeholders(spans)
    out: list[str] = []
    to_check: list[str] = []
    sources: list[int] = []
    lists: dict[int, list[str]] = {}
    sentences = quoted_to_the_end(split_sentences(text))
    if any(word_count(s) > max_words for s in sentences):  # the gate will ask: parse them in one batch
        parse_all([plain_sentence(_restore(s, links)) for s in sentences])
    for number, sentence in enumerate(sentences):
        original = _restore(sentence, links)
        before = plain_sentence(out[-1]) if out else None
        kept: list[str] | None = None
        for limit in (max_words, None):  # cut and plain words, then plain words only
            pieces = _rewritten(sentence, data, links, max_words=limit)
            if not pieces:
                kept = []
                break
            if pieces == [original] or accepts(
                [plain_sentence(p) for p in pieces],
                plain_sentence(original),
                digits=numbers_as_digits(plain_sentence(original), data),
                before=before,
            ):
                kept = pieces
                break
        if kept is None:  # stays as the writer wrote it, but never with a semicolon (rules 3, 10)
            whole = tidy(plain_quotes(original, data), data)
            kept = [tidy(p, data) for p in split_long(whole, max_words=len(whole))]
        kept = [s for s in (_LINE_MARKS.sub("", p) for p in kept) if s.strip(".!? ")]
        for piece in kept:
            # three items or more: 'A, B and C' (checked before asking the parser, which may not be loaded)
            maybe_list = "](" not in piece and "," in piece and _AND_OR.search(piece)
            bulleted = list_items(piece, max_words=max_words) if maybe_list else None
            if bulleted is not None:
                lists[len(out)] = bulleted[1]
                piece = bulleted[0]
            elif word_count(piece) > max_words:
                to_check.append(piece)
            out.append(piece)
            sources.append(number)
    return Paragraph(out, to_check, sources, lists)


def easy_sentences(spans: Inline, data: WordData, *, max_words: int) -> list[str]:
    """One paragraph's text as short, plain sentences (and list items, each a line)."""
    return easy_paragraph(spans, data, max_words=max_words).lines()


def _bullet(spans: Inline, data: WordData) -> str:
    text, links = _with_placeholders(spans)
    simpler = simplify_sentence(text, data)
    return _restore(simpler, links)


def _glossary_explanations(text: str, data: WordData, seen: set[str]) -> list[Explanation]:
    """The festival glossary's words first used in `text` (the glossary wins over any other)."""
    found: list[Explanation] = []
    for entry in data.glossary:
        if entry.word in seen:
            continue
        for form in entry.all_forms:
            pattern = whole_word(form)
            # a capitalised use inside a sentence is a name ("the Co-Production Festival")
            m = next(
                (
                    m
                    for m in re.finditer(pattern, text, re.IGNORECASE)
                    if not (m[0][0].isupper() and m.start() > 0 and text[m.start() - 2] not in ".!?")
                ),
                None,
            )
            if m:
                found.append(
                    Explanation(word=m[0].lower() if not m[0].isupper() else m[0], meaning=entry.meaning)
                )
                seen.add(entry.word)
                break
    return found


def _initials_explanations(text: str, data: WordData, seen: set[str]) -> list[Explanation]:
    """Well-known initials first used in `text` ('the UK'), with what they mean; never in text
    written in capitals, where 'IT IS' holds no initials."""
    found: list[Explanation] = []
    for m in re.finditer(r"\b[A-Z][A-Z&]{1,5}\b", text):
        initials = m[0]
        if initials in seen or initials not in data.initials or text[m.end() : m.end() + 1] == "-":
            continue
        if re.search(r"\b[A-Z]{2,}[^\w.!?]*$", text[: m.start()]) or re.match(
            r"[^\w.!?]*[A-Z]{2,}\b", text[m.end() :]
        ):  # a neighbour in capitals, in the same sentence
            continue
        found.append(Explanation(word=initials, meaning=data.initials[initials]))
        seen.add(initials)
    return found


# A hard word is one the check calls hard (rule 5: Zipf under 3.5, wordfreq's small list).
_HARD_ZIPF = 3.5
_GENERATED_PER_IDEA = 3  # more explanations than sentences would bury the idea


def _generated_explanations(sentences: tuple[str, ...], seen: set[str], known: set[str]) -> list[Explanation]:
    """Hard words with a meaning from WordNet, in the sense the word has for its part of speech
    (only words with one sense, or one dominant sense, have a meaning in the table): marked as
    generated, so the draft asks the reviewer to check them."""
    from wordfreq import zipf_frequency

    found: list[Explanation] = []
    for sentence in sentences:
        hard = [
            w
            for i, w in enumerate(re.findall(r"[A-Za-z]+(?:['’-][A-Za-z]+)*", plain_sentence(sentence)))
            if len(w) > 3
            and (i == 0 or not w[0].isupper())  # a capital inside a sentence is a name
            and w.lower() not in known
            and may_have_meaning(w)
            and zipf_frequency(w.replace("-", "").lower(), "en", wordlist="small") < _HARD_ZIPF
        ]
        if not hard:
            continue
        for token in parse_one(plain_sentence(sentence)):
            if len(found) >= _GENERATED_PER_IDEA:
                return found
            lemma = lemma_of(token.text, token.tag_) if token.text in hard else None
            if lemma is None or lemma in seen:
                continue
            meaning = meaning_for(token)
            if meaning:
                found.append(Explanation(word=token.text.lower(), meaning=meaning, generated=True))
                seen.add(lemma)
    return found


def _explain(ideas: list[Idea], data: WordData) -> list[Idea]:
    """Attach the meaning of each glossary word, well-known initials, and each other hard word
    WordNet can say plainly, to the idea where it is first used."""
    seen: set[str] = set()
    known = {f.lower() for f in data.glossary_forms} | set(data.plain_words)
    out = []
    for idea in ideas:
        text = " ".join(idea.sentences)
        found = _glossary_explanations(text, data, seen) + _initials_explanations(text, data, seen)
        known |= {e.word for e in found}
        found += _generated_explanations(idea.sentences, seen, known)
        found.sort(key=lambda e: text.lower().find(e.word.lower()))
        out.append(Idea(idea.sentences, idea.bullets, choose(idea.sentences), tuple(found), idea.to_check))
    return out


_SMALL_WORDS = frozenset({"of", "and", "for", "the", "in", "on", "to", "&"})


def initials_in(text: str) -> dict[str, str]:
    """Initials the writer spelled out: 'the International Energy Agency (IEA)' and
    'IEA (International Energy Agency)' both give {'IEA': 'the International Energy Agency'}."""
    found: dict[str, str] = {}
    for m in re.finditer(
        r"((?:[A-Z][\w'’-]*|of|and|for|the|in|on|to|&)(?:\s+(?:[A-Z][\w'’-]*|of|and|for|the|in|on|to|&)){1,9})\s*\(([A-Z]{2,6})\)",
        text,
    ):
        words, initials = m[1].split(), m[2]
        for start in range(len(words)):
            named = [w for w in words[start:] if w not in _SMALL_WORDS]
            if words[start] not in _SMALL_WORDS and "".join(w[0] for w in named) == initials:
                found.setdefault(initials, "the " + " ".join(words[start:]))
                break
    for m in re.finditer(
        r"\b([A-Z]{2,6})\s*\(((?:[A-Z][\w'’-]*|of|and|for|the|in|on|to|&)(?:\s+[\w'’&-]+){1,9})\)", text
    ):
        named = [w for w in m[2].split() if w not in _SMALL_WORDS]
        if "".join(w[0] for w in named) == m[1]:
            found.setdefault(m[1], "the " + m[2].removeprefix("the "))
    return found


def _intro(post: Post) -> Idea | None:
    """Who wrote the post and when, then what this is: one fact a sentence, the writer doing it."""
    when = f" on {post.date.day} {post.date:%B %Y}" if post.date else ""
    if post.author:
        sentences = [f"{post.author} wrote this blog post{when}.", "This is the easy read version."]
    else:
        sentences = ["This is the easy read version of a blog post."]
        if when:
            sentences.append(f"The writer wrote it{when}.")
    if post.author and post.author_role:
        sentences.append(f"About the writer: {post.author_role}.")
    return Idea(tuple(sentences))


def make_easy_read(post: Post, *, data: WordData | None = None, max_words: int = 15) -> EasyRead:
    data = data or word_data()
    spelled = initials_in(" ".join(b.text for b in post.blocks if hasattr(b, "text")))
    if spelled:  # the writer's own words for their initials, spelled out each time (rule 7)
        data = dataclasses.replace(data, acronyms={**spelled, **data.acronyms})
    blocks: list[EasyBlock | Idea] = []
    ideas: list[Idea] = []
    intro = _intro(post)
    if intro:
        ideas.append(intro)
        blocks.append(intro)
    for block in post.blocks:
        if isinstance(block, Heading):
            blocks.append(EasyHeading(tidy(simplify_sentence(block.text, data), data).rstrip(".")))
        elif isinstance(block, Caption):
            continue  # the easy read has its own pictures; a caption of one it does not show would confuse
        elif isinstance(block, BulletList):
            idea = Idea(tuple(_bullet(item, data) for item in block.items), bullets=True)
            ideas.append(idea)
            blocks.append(idea)
        else:
            paragraph = easy_paragraph(block.spans, data, max_words=max_words)
            start = 0
            for end in sorted({*paragraph.lists, len(paragraph.sentences) - 1}):
                # the sentences up to one that opens a list, then the list as bullets under it
                part = paragraph.sentences[start : end + 1]
                for group in chunk_ideas(part, sources=paragraph.sources[start : end + 1]):
                    idea = Idea(tuple(group), to_check=tuple(s for s in group if s in paragraph.to_check))
                    ideas.append(idea)
                    blocks.append(idea)
                if end in paragraph.lists:
                    bullets = Idea(tuple(paragraph.lists[end]), bullets=True)
                    ideas.append(bullets)
                    blocks.append(bullets)
                start = end + 1
    explained = iter(_explain(ideas, data))
    final = [next(explained) if isinstance(b, Idea) else b for b in blocks]
    return EasyRead(title=post.title, blocks=tuple(final), origin="generated", links=post.links)


def easy_read_for(post: Post, *, content_dir: Path | None = None, data: WordData | None = None) -> EasyRead:
    """The person-edited easy-read file when there is one, else a generated draft."""
    from ..content import real_file_inside

    edited = post.source.parent / f"{post.slug}.easy.md"
    if edited.is_symlink() or edited.exists():
        problem = real_file_inside(edited, content_dir or post.source.parent)
        if problem:  # a link to a secret must not be published as the easy read
            raise PostError(edited, problem)
        return read_easy_file(edited, links=post.links)
    return make_easy_read(post, data=data or word_data(content_dir))


__all__ = ["LINK", "easy_read_for", "make_easy_read", "read_easy_file", "to_markdown"]
