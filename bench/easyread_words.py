"""Benchmark: the easy-read generator's words, on text it was not written for.

    .venv/bin/python bench/easyread_words.py [--limit N] [--show N] [--posts DIR ...]

1. Word swaps on the corpora (../shared/corpora/: ASSET validation sentences, OneStopEnglish
   Advanced paragraphs): how many words the festival's plain-word list and the everyday-word
   table swap, as a share of the input's words, and `--show N` random everyday swaps in their
   sentence (seed 15), to read by hand: a wrong-sense swap is worse than none.
2. Explanations on real posts (content/ and ../shared/festival-posts/, or `--posts`, and with
   `--articles N` the first N OneStopEnglish Advanced articles as posts): each post's
   generated easy read is checked as `accessible-pub check` checks it, and the hard words (ER5) and
   initials (ER7) still unexplained are counted, beside the explanations it wrote (glossary ones
   and generated ones).
3. With `--references N`: the words ASSET's human simplifications replace most often (a word of
   the original missing from a reference that has one or two new words in its place, by
   difflib's alignment), ranked by how many sentences at least one reference replaced it in, with
   what our swaps do to it; then the rare words (Zipf < 4) our swaps leave in, ranked by count.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import random
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from accessible_pub.config import CheckSettings  # noqa: E402
from accessible_pub.content import load_posts  # noqa: E402
from accessible_pub.easyread import make_easy_read, to_markdown  # noqa: E402
from accessible_pub.easyread.data import word_data  # noqa: E402
from accessible_pub.easyread.everyday import _everyday, everyday_swaps, everyday_words  # noqa: E402
from accessible_pub.easyread.transforms import (  # noqa: E402
    SENTENCE_TRANSFORMS,
    split_sentences,
    word_count,
)
from accessible_pub.readability.gate import check_easy_read_text  # noqa: E402
from accessible_pub.text import words  # noqa: E402

CORPORA = ROOT.parent.parent / "shared" / "corpora"
if not CORPORA.is_dir():
    CORPORA = Path("/work/shared/corpora")
POSTS = [ROOT / "content", CORPORA.parent / "festival-posts"]


def corpus_sentences(limit: int | None) -> dict[str, list[str]]:
    asset = (CORPORA / "asset-valid" / "asset.valid.orig").read_text(encoding="utf-8").splitlines()
    onestop = []
    for adv in sorted((CORPORA / "onestopenglish-dev" / "adv").glob("*-adv.txt"))[:limit]:
        text = adv.read_text(encoding="utf-8-sig")
        onestop += [s for p in text.splitlines() if p.strip() for s in split_sentences(p)]
    return {"ASSET validation": asset[:limit], "OneStopEnglish Advanced": onestop}


def _before_everyday(sentence: str) -> str:
    """The sentence as the everyday-word step receives it (after the string rules)."""
    data = word_data()
    for transform in SENTENCE_TRANSFORMS:
        sentence = transform(sentence, data)
    return sentence


def swaps(sentences: Sequence[str], *, show: int) -> None:
    data = word_data()
    n_words = n_plain = n_everyday = 0
    found: list[tuple[str, str, str]] = []
    for sentence in sentences:
        n_words += word_count(sentence)
        n_plain += sum(w.lower() in data.plain_words for w in words(sentence))
        ready = _before_everyday(sentence)
        for _, word, swap in everyday_swaps(ready, data):
            n_everyday += 1
            found.append((word, swap, ready))
    print(f"  input words            {n_words}")
    print(f"  plain-word swaps       {n_plain} ({100 * n_plain / max(1, n_words):.2f} % of words)")
    print(f"  everyday-word swaps    {n_everyday} ({100 * n_everyday / max(1, n_words):.2f} % of words)")
    for word, swap, sentence in random.Random(15).sample(found, min(show, len(found))):
        context = re.sub(rf"\b{re.escape(word)}\b", f"[{word} -> {swap}]", sentence, count=1)
        print(f"    {context}")


def _tokens(sentence: str) -> list[str]:
    return re.findall(r"[A-Za-z]+(?:'[a-z]+)?|\d+|[^\sA-Za-z\d]", sentence)


def reference_swaps(original: str, reference: str) -> list[tuple[str, str]]:
    """(word, new words) where `reference` puts one or two new words in place of one lower-case
    word of `original`: 'derives' -> 'comes', 'approximately' -> 'about'."""
    a, b = _tokens(original), _tokens(reference)
    matcher = difflib.SequenceMatcher(None, [w.lower() for w in a], [w.lower() for w in b], autojunk=False)
    return [
        (a[i1].lower(), " ".join(b[j1:j2]).lower())
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op == "replace" and i2 - i1 == 1 and 1 <= j2 - j1 <= 2 and a[i1].isalpha() and a[i1].islower()
        if all(w.isalpha() for w in b[j1:j2])
    ]


FUNCTION_WORDS = 5.8  # Zipf: 'the', 'of', 'which', 'is' are rewritten with the sentence, not swapped


def references(top: int) -> None:
    """What ASSET's references swap, beside what ours swap, and the rare words ours leave."""
    folder = CORPORA / "asset-valid"
    orig = (folder / "asset.valid.orig").read_text(encoding="utf-8").splitlines()
    refs = [(folder / f"asset.valid.simp.{k}").read_text(encoding="utf-8").splitlines() for k in range(10)]
    data = word_data()
    replaced: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    in_sentences: collections.Counter[str] = collections.Counter()  # sentences a word is in
    replaced_in: collections.Counter[str] = collections.Counter()  # ... and a reference replaced it
    ours: collections.Counter[str] = collections.Counter()  # ... and our swaps replaced it
    left: collections.Counter[str] = collections.Counter()
    for i, sentence in enumerate(orig):
        present = {w.lower() for w in _tokens(sentence) if w.isalpha() and w.islower()}
        in_sentences.update(present)
        found = {pair for ref in refs for pair in reference_swaps(sentence, ref[i])}
        for word, new in found:
            replaced[word][new] += 1
        replaced_in.update({word for word, _ in found})
        ready = _before_everyday(sentence)
        swapped = everyday_words(ready, data)
        kept = {w.lower() for w in _tokens(swapped)}
        ours.update(w for w in present if w not in kept)
        left.update(
            w.lower()
            for w in _tokens(swapped)
            if w.isalpha() and w.islower() and len(w) > 3 and zipf_frequency(w, "en") < 4.0
        )
    tags = ("NN", "NNS", "VB", "VBZ", "VBD", "VBN", "VBG", "JJ", "RB")
    print(f"  ASSET: words its references replace, in how many of {len(orig)} sentences")
    print("  word              in  replaced  ours  listed  zipf  their words")
    ranked = [w for w, _ in replaced_in.most_common() if zipf_frequency(w, "en") < FUNCTION_WORDS]
    for word in ranked[:top]:
        in_table = any(_everyday(word, tag) for tag in tags)
        listed = "plain" if word in data.plain_words else "table" if in_table else "-"
        theirs = ", ".join(f"{new} {n}" for new, n in replaced[word].most_common(3))
        print(
            f"  {word:16s} {in_sentences[word]:4d}  {replaced_in[word]:8d}  {ours[word]:4d}  {listed:6s}"
            f"  {zipf_frequency(word, 'en'):4.1f}  {theirs}"
        )
    print("  rare words (Zipf < 4) our swaps leave, by count:")
    print("    " + ", ".join(f"{w} {n}" for w, n in left.most_common(top)))


def articles_as_posts(n: int, folder: Path) -> Path:
    """The first `n` OneStopEnglish Advanced articles as Markdown posts: text the glossary and
    word lists were never written for (the shipped posts have been tuned against)."""
    folder.mkdir(parents=True, exist_ok=True)
    for adv in sorted((CORPORA / "onestopenglish-dev" / "adv").glob("*-adv.txt"))[:n]:
        lines = [line.strip() for line in adv.read_text(encoding="utf-8-sig").splitlines() if line.strip()]
        slug = re.sub(r"[^a-z0-9]+", "-", adv.stem.lower()).strip("-")
        title = lines[0].replace('"', "'")
        body = "\n\n".join(lines[1:])
        (folder / f"2016-01-01-{slug}.md").write_text(
            f'---\ntitle: "{title}"\ndate: 2016-01-01\n---\n\n{body}\n'
        )
    return folder


def explanations(folders: Sequence[Path]) -> None:
    settings = CheckSettings()
    totals = [0, 0, 0, 0]
    for folder in folders:
        for path in sorted(folder.glob("*")):
            if path.suffix not in (".md", ".txt", ".html") or path.name.endswith(".easy.md"):
                continue
            for post in load_posts(path):
                easy = make_easy_read(post, data=word_data(folder))
                result, _ = check_easy_read_text(to_markdown(easy, slug=post.slug), settings)
                hard = sorted({f.text.lower() for f in result.findings if f.rule == "ER5"})
                initials = sorted({f.text for f in result.findings if f.rule == "ER7"})
                explained = [e for b in easy.blocks for e in getattr(b, "explanations", ())]
                generated = sum(getattr(e, "generated", False) for e in explained)
                counts = (len(explained), generated, len(hard), len(initials))
                totals = [t + c for t, c in zip(totals, counts)]
                print(
                    f"  {path.parent.name}/{path.name}: {counts[0]} explained ({generated} generated), "
                    f"{counts[2]} hard words and {counts[3]} initials unexplained"
                )
                if hard or initials:
                    print(f"      unexplained: {', '.join(hard + initials)}")
                for e in explained:
                    if getattr(e, "generated", False):
                        print(f"      generated: {e.word} means {e.meaning}.")
    print(
        f"  all posts: {totals[0]} explained ({totals[1]} generated), {totals[2]} hard words and "
        f"{totals[3]} initials unexplained"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, help="first N ASSET sentences and N OneStop articles")
    parser.add_argument("--show", type=int, default=0, help="print N random everyday swaps (seed 15)")
    parser.add_argument("--posts", type=Path, action="append", help="a folder of posts (default: both)")
    parser.add_argument("--articles", type=int, default=0, help="also N OneStop articles as posts")
    parser.add_argument("--references", type=int, default=0, help="rank ASSET's reference swaps: top N")
    args = parser.parse_args(argv)
    if args.references:
        references(args.references)
        return
    for name, sentences in corpus_sentences(args.limit).items():
        print(f"{name}: {len(sentences)} sentences")
        swaps(sentences, show=args.show)
    print("Explanations on real posts:")
    folders = [p for p in (args.posts or POSTS) if p.is_dir()]
    with tempfile.TemporaryDirectory() as tmp:
        if args.articles:
            folders.append(articles_as_posts(args.articles, Path(tmp) / "onestop"))
        explanations(folders)


if __name__ == "__main__":
    main()
