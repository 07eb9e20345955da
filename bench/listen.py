"""Benchmark: the offline listening check on the shipped posts' audio.

    .venv/bin/python bench/listen.py [--cache DIR]

Speaks each shipped post and its easy read (from the sentence cache when DIR is given), hears
each MP3 with the recogniser (audio/listen.py) and prints, per file, the share of words heard
wrong and the recogniser's time as a share of the audio's length (target: at most 0.3), then
every word heard differently.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from accessible_pub.audio import SentenceCache, Tags, easy_read_script, post_script, speak  # noqa: E402
from accessible_pub.audio.listen import Said, listen  # noqa: E402
from accessible_pub.audio.speech_text import load_pronunciations, spoken  # noqa: E402
from accessible_pub.config import AudioSettings  # noqa: E402
from accessible_pub.content import discover, load_posts  # noqa: E402
from accessible_pub.easyread import easy_read_for  # noqa: E402


def main() -> None:
    cache_dir = Path(sys.argv[sys.argv.index("--cache") + 1]) if "--cache" in sys.argv else None
    with tempfile.TemporaryDirectory() as tmp:
        cache = SentenceCache(cache_dir or Path(tmp))
        pronunciations = load_pronunciations(ROOT / "content" / "pronunciations.toml")
        total_words = total_wrong = 0
        audio = took = 0.0
        found = []
        for path in discover(ROOT / "content"):
            for post in load_posts(path):
                easy = easy_read_for(post, content_dir=ROOT / "content")
                for name, lines in (
                    (f"{post.slug} (easy read)", easy_read_script(easy)),
                    (post.slug, post_script(post)),
                ):
                    tags = Tags(title=post.title, artist="bench", album="bench", year=None)
                    result = speak(lines, AudioSettings(), cache, tags=tags, pronunciations=pronunciations)
                    said = [Said(c.start, c.end, c.text) for c in result.cues]
                    hearing = listen(
                        name,
                        result.mp3,
                        said,
                        meant_text={i: spoken(s.text, respell=False) for i, s in enumerate(said)},
                        seconds=result.duration_s,
                    )
                    total_words += hearing.words
                    total_wrong += hearing.wrong
                    audio += hearing.seconds
                    took += hearing.took
                    found += [(name, m) for m in hearing.misheard]
                    print(
                        f"  {name:55s} {hearing.wrong:3d} of {hearing.words:4d} words heard wrong "
                        f"({hearing.wrong_share:5.1%}); listening took "
                        f"{hearing.took / hearing.seconds:.2f} x the audio"
                    )
        print(
            f"all files: {total_wrong / total_words:.1%} of {total_words} words heard wrong; "
            f"listening took {took:.1f} s for {audio:.0f} s of audio ({took / audio:.2f} x)"
        )
        for name, m in found:
            print(f"  {name}: {m.at:6.1f} s meant {m.meant!r} heard {m.heard!r}  {m.suggestion}")


if __name__ == "__main__":
    main()
