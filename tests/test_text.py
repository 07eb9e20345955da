"""The shared text toolkit (text.py): each piece once, checked once."""

from __future__ import annotations

import re

import pytest

from accessible_pub.text import (
    LINK,
    MONTHS,
    clock,
    link_words,
    minutes_and_seconds,
    minutes_in_words,
    timestamp,
    whole_word,
    words,
)


def test_a_whole_word_is_not_found_inside_another_or_across_a_hyphen():
    pattern = re.compile(whole_word("care"), re.IGNORECASE)
    assert pattern.findall("Care, care and CARE.") == ["Care", "care", "CARE"]
    assert not pattern.search("careful co-care carers")
    assert re.search(whole_word("a.m."), "at 9 a.m. today")  # the word is escaped, not a pattern
    assert not re.search(whole_word("a.m."), "at 9 axmx today")


def test_links_keep_their_words():
    text = "Book on [our page](https://example.org/cafe) or [call us](tel:0113)."
    assert link_words(text) == "Book on our page or call us."
    assert [m[2] for m in LINK.finditer(text)] == ["https://example.org/cafe", "tel:0113"]
    assert link_words("[broken](no close") == "[broken](no close"


def test_words_keep_inner_apostrophes_hyphens_and_accents():
    assert words("Don't miss the co-production café, 2pm!") == [
        "Don't",
        "miss",
        "the",
        "co-production",
        "café",
        "pm",
    ]


def test_months_in_order():
    assert len(MONTHS) == 12 and MONTHS[0] == "January" and MONTHS[8] == "September"


@pytest.mark.parametrize(
    ("seconds", "stamp", "hms", "ms", "spoken"),
    [
        (0.0, "00:00:00.000", "00:00:00", "0:00", "1 minute"),
        (61.4996, "00:01:01.500", "00:01:01", "1:01", "1 minute"),
        (150.0, "00:02:30.000", "00:02:30", "2:30", "2 minutes"),  # rounds half to even, as Python does
        (3725.25, "01:02:05.250", "01:02:05", "62:05", "62 minutes"),
    ],
)
def test_lengths_of_time_are_written_each_way(seconds: float, stamp: str, hms: str, ms: str, spoken: str):
    assert timestamp(seconds) == stamp
    assert clock(seconds) == hms
    assert minutes_and_seconds(seconds) == ms
    assert minutes_in_words(seconds) == spoken
