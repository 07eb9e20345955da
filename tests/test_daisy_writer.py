"""The DAISY writer on its own (fast): hostile text, odd timings, a real MP3 from LAME."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree as ET

import lameenc
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accessible_pub.audio.assemble import Cue
from accessible_pub.audio.script import Line
from accessible_pub.publish.daisy import BookInfo, mp3_seconds, phrases, talking_book

INFO = BookInfo(
    title="T",
    identifier="urn:uuid:0",
    language="en",
    creator="A",
    publisher="F",
    date=None,
    narrator="N",
    generator="G",
)


def tone_mp3(seconds: float) -> bytes:
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(64)
    encoder.set_in_sample_rate(44100)
    encoder.set_channels(1)
    t = np.arange(int(44100 * seconds)) / 44100
    pcm = (np.sin(2 * np.pi * 220 * t) * 8000).astype("<i2").tobytes()
    return bytes(encoder.encode(pcm) + encoder.flush())


def test_hostile_text_gives_well_formed_documents():
    nasty = 'Title </h1><script>alert(1)</script> & "quotes" \x00\x0b\ufffe control ]]> 😀'
    lines = [
        Line(nasty, "none", chapter=nasty),
        Line(nasty, "paragraph"),
        Line("<p>", "sentence", chapter="<p>"),
    ]
    cues = [
        Cue(start=0.3, end=1.0, text=nasty),
        Cue(start=1.5, end=2.0, text=nasty),
        Cue(start=2.5, end=2.9, text="<p>"),
    ]
    book = talking_book(BookInfo(**{**INFO.__dict__, "title": nasty}), lines, cues, mp3=tone_mp3(3.2))
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        for name in archive.namelist():
            if name.endswith((".html", ".smil")):
                root = ET.fromstring(archive.read(name))  # raises on anything malformed
                assert not list(root.iter("script")) and not list(
                    root.iter("{http://www.w3.org/1999/xhtml}script")
                )
        content = archive.read("content.html").decode()
    assert "&lt;/h1&gt;&lt;script&gt;" in content and "😀" in content and "\x00" not in content


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 5), st.floats(0, 3)), min_size=1, max_size=30), st.floats(0.1, 200))
def test_clips_are_end_to_end_from_zero_to_the_end_whatever_the_timings(spans, total):
    cues = [Cue(start=start, end=start + length, text="s") for start, length in spans]
    lines = [Line("s", "sentence", chapter="t" if i == 0 else None) for i in range(len(cues))]
    book = phrases(lines, cues, total_s=total)
    assert book[0].begin == 0.0
    assert all(a.end == b.begin for a, b in zip(book, book[1:]))
    assert all(p.begin <= p.end for p in book)
    assert book[-1].end >= total - 0.001 or book[-1].end == book[-1].begin


def test_a_clip_starts_a_little_before_its_sentence_and_never_in_the_one_before():
    lines = [Line("T", "none", chapter="T"), Line("a", "paragraph"), Line("b", "sentence")]
    cues = [
        Cue(start=0.3, end=1.0, text="T"),
        Cue(start=2.3, end=3.0, text="a"),
        Cue(start=3.1, end=4.0, text="b"),
    ]
    book = phrases(lines, cues, total_s=4.7)
    assert book[1].begin == pytest.approx(2.15) and book[2].begin == pytest.approx(3.05)
    assert book[-1].end == 4.7
    assert [p.heading for p in book] == [1, 0, 0] and [p.new_paragraph for p in book] == [True, True, False]


def test_timings_that_do_not_match_the_lines_are_refused():
    with pytest.raises(ValueError, match="2 lines but 1 sentence timings"):
        phrases(
            [Line("T", "none", chapter="T"), Line("a", "sentence")],
            [Cue(start=0, end=1, text="T")],
            total_s=1,
        )


def test_mp3_length_is_its_frames():
    mp3 = tone_mp3(2.0)
    assert mp3_seconds(mp3) == pytest.approx(2.0, abs=0.06)
