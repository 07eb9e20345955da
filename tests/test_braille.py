"""Braille-ready files: real liblouis (Debian's liblouis-bin), no bundle build (fast)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accessible_pub.content import load_posts
from accessible_pub.easyread import easy_read_for
from accessible_pub.model import BulletList, Heading, Paragraph, Post, Span
from accessible_pub.publish import braille
from accessible_pub.publish.braille import (
    CELLS,
    LINES,
    BrailleBlock,
    BrailleUnavailable,
    braille_file,
    easy_read_blocks,
    page_number,
    post_blocks,
    read_brf,
    translate,
    wrap,
)

from conftest import CONTENT

POSTS = [
    post for path in sorted(CONTENT.glob("20*")) if ".easy." not in path.name for post in load_posts(path)
]


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'"))


def word_error_rate(reference: list[str], heard: list[str]) -> float:
    """(substitutions + deletions + insertions) / reference words: Levenshtein over words."""
    previous = list(range(len(heard) + 1))
    for i, ref in enumerate(reference, start=1):
        current = [i]
        for j, hyp in enumerate(heard, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref != hyp)))
        previous = current
    return previous[-1] / max(1, len(reference))


def back_translated(data: bytes, *, grade: int) -> list[str]:
    # line by line: braille words are never divided across lines
    lines = [line.strip() for page in read_brf(data) for line in page if line.strip()]
    return words(" ".join(translate(lines, grade=grade, backward=True)))  # type: ignore[arg-type]


def post_text(post: Post) -> list[str]:
    """The words of the post itself, read from the Post (not from the braille blocks)."""
    parts = [post.title, f"By {post.author}, {post.author_role}" if post.author else "", post.long_date or ""]
    for block in post.blocks:
        parts += list(block.texts) if isinstance(block, BulletList) else [block.text]
    if post.links:
        parts.append("Web links")
        parts += [f"{link.text}: {re.sub(r'^https?://', '', link.href or '')}" for link in post.links]
    return words(" ".join(parts))


@pytest.fixture(scope="module")
def books() -> list[tuple[str, bytes, int, object]]:
    out = []
    for post in POSTS:
        out.append((f"{post.slug} grade 2", *braille_file(post_blocks(post), grade=2), post))
        easy = easy_read_for(post, content_dir=CONTENT)
        for grade in (1, 2):
            out.append(
                (
                    f"{post.slug} easy read grade {grade}",
                    *braille_file(easy_read_blocks(easy), grade=grade),
                    easy,
                )
            )
    return out


def test_pages_are_40_cells_by_25_lines_and_only_braille_ascii(books):
    for name, data, pages, _ in books:
        assert re.fullmatch(rb"[\x20-\x5f\r\n\f]*", data), name
        assert b"\r" not in data.replace(b"\r\n", b""), name  # CR only in CR LF line ends
        raw_pages = data.split(b"\f")
        assert raw_pages[-1] == b"" and len(raw_pages) - 1 == pages, name
        for page in raw_pages[:-1]:
            lines = page.split(b"\r\n")[:-1]
            assert 1 < len(lines) <= LINES, name
            assert all(len(line) <= CELLS for line in lines), name


def test_every_page_is_numbered_in_braille_at_the_top_right(books):
    for name, data, pages, _ in books:
        tops = [page.split("\r\n")[0] for page in data.decode("ascii").split("\f")[:-1]]
        assert tops == [page_number(n).rjust(CELLS) for n in range(1, pages + 1)], name
    # our page numbers are the ones liblouis writes for the same digits
    assert [page_number(n) for n in (1, 10, 25, 307)] == translate(["1", "10", "25", "307"], grade=2)


def test_back_translation_recovers_the_post(books):
    for name, data, _, source in books:
        grade = 1 if "grade 1" in name else 2
        if isinstance(source, Post):
            reference = post_text(source)
        else:  # the easy read: its title and every sentence and explanation, as spoken
            reference = words(" ".join(b.text for b in easy_read_blocks(source)))  # type: ignore[arg-type]
        rate = word_error_rate(reference, back_translated(data, grade=grade))
        assert len(reference) > 100 and rate <= 0.02, (name, rate)


def test_grade_2_is_contracted_and_grade_1_is_not(books):
    by_name = {name: data for name, data, _, _ in books}
    slug = POSTS[0].slug
    g1, g2 = by_name[f"{slug} easy read grade 1"], by_name[f"{slug} easy read grade 2"]
    assert len(g2) < 0.9 * len(g1)
    assert " THE " in g1.decode() and " ! " in g2.decode()  # "the" is the one-cell sign ! in grade 2


def test_headings_are_centred_and_never_last_on_a_page():
    post = Post(
        title="A title",
        slug="t",
        source=Path("t.md"),
        blocks=tuple(
            block
            for n in range(12)
            for block in (
                Heading(2, (Span(f"Part {n}"),)),
                Paragraph((Span("Some words to read here. " * 6),)),
            )
        ),
    )
    data, pages = braille_file(post_blocks(post), grade=2)
    assert pages > 1
    headings = set(translate([f"Part {n}" for n in range(12)], grade=2))
    body = read_brf(data)
    centred = [line for page in body for line in page if line.strip() in headings]
    assert len(centred) == 12
    for line in centred:
        left, right = len(line) - len(line.lstrip()), CELLS - len(line.rstrip())
        assert left >= 3 and abs(left - right) <= 1, line
    for page in body:
        # what follows a heading on its page: a blank line and at least one line of text
        last = max((i for i, line in enumerate(page) if line.strip() in headings), default=None)
        if last is not None:
            assert len(page) - last >= 3 and page[last + 1] == "" and page[last + 2].strip(), page


def test_paragraphs_start_in_cell_3_and_list_items_in_cell_1():
    post = Post(
        title="T",
        slug="t",
        source=Path("t.md"),
        blocks=(
            Paragraph((Span("word " * 30),)),
            BulletList(((Span("first thing " * 5),), (Span("second"),))),
            BulletList(((Span("one"),), (Span("two"),)), ordered=True),
        ),
    )
    [_, blank, paragraph, para_run, *rest] = read_brf(braille_file(post_blocks(post), grade=1)[0])[0]
    assert blank == "" and paragraph.startswith("  WORD") and not para_run.startswith(" ")
    lines = [line for line in rest if line.strip()]
    item_lines = lines[next(i for i, line in enumerate(lines) if line.startswith("FIRST")) :]
    assert item_lines[0].startswith("FIRST") and item_lines[1].startswith("  ")  # runover in cell 3
    assert "SECOND" in item_lines[2] and not item_lines[2].startswith(" ")
    assert item_lines[3].startswith("#A4 ONE") and item_lines[4].startswith("#B4 TWO")


def test_hostile_text_gives_braille_ascii_and_no_liblouis_escapes():
    hostile = (
        "Emoji 😀🎉 and \\x0041 escapes\\ and \t tabs\r\nnew lines \x00\x07 controls, "
        "\u202e right-to-left, 漢字, " + "https://example.org/" + "a" * 200
    )
    data, _ = braille_file([BrailleBlock("title", hostile), BrailleBlock("paragraph", hostile)], grade=2)
    text = data.decode("ascii")
    assert "'\\" not in text  # liblouis writes an unknown character as '\x...'
    assert all(len(line) <= CELLS for line in text.replace("\f", "").split("\r\n"))
    back = " ".join(
        translate([line.strip() for page in read_brf(data) for line in page], grade=2, backward=True)
    )
    assert "Emoji" in back and "escapes" in back and "x0041" in back


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="AB,#4 ", min_size=0, max_size=60), max_size=8), st.integers(1, 40))
def test_wrap_keeps_every_cell_in_order_within_the_width(texts: list[str], width: int):
    text = " ".join(texts)
    lines = wrap(text, first=width, rest=max(1, width - 2))
    assert all(len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_without_liblouis_the_error_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(braille.shutil, "which", lambda name: None)
    with pytest.raises(BrailleUnavailable, match="apt-get install liblouis-bin"):
        braille_file([BrailleBlock("title", "Hello")], grade=2)


def test_a_long_post_runs_over_many_pages_in_order():
    text = " ".join(f"word{n}" for n in range(3000))
    post = Post(
        title="Long",
        slug="l",
        source=Path("l.md"),
        blocks=(Paragraph((Span(text),)),),
        date=dt.date(2016, 6, 21),
    )
    data, pages = braille_file(post_blocks(post), grade=1)
    assert pages > 10
    back = back_translated(data, grade=1)
    numbers = [int(w[4:]) for w in back if w.startswith("word") and w[4:].isdigit()]
    assert numbers == list(range(3000))


def test_a_post_not_in_english_gets_no_braille_and_a_reason():
    from accessible_pub.plan import _braille_files
    from accessible_pub.config import Settings
    from accessible_pub.model import EasyRead

    post = Post(
        title="Bonjour", slug="b", source=Path("b.md"), blocks=(Paragraph((Span("Le café."),)),), lang="fr"
    )
    files, facts, warning = _braille_files(post, EasyRead("Bonjour", (), origin="generated"), Settings())
    assert files == [] and facts is None and warning and "English only" in warning
