"""Where the easy-read generator says more than people do: ASSET's 10 references against it.

    .venv/bin/python bench/easyread_less.py [--limit N] [--load FILE] [--top K]

Prints, ranked:
- n-grams of the input (n = 1..3) that at most 3 of the 10 references keep and the generator
  keeps too: what people drop that we do not (asides, connectives, wordy phrases);
- words and sentence openings the generator writes that are not in the input, with the share
  of references that have them: words a repair template adds that people never write.

Tokens are SARI's (bench/sari.py: lowercased, 13a). `--load` reads outputs saved with
`bench/easyread_eval.py --save FILE` (its "asset" part) instead of running the generator.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from easyread_eval import Output, asset, generator_system, run  # noqa: E402
from sari import normalize  # noqa: E402

_FEW_REFS = 3  # an n-gram at most this many of the 10 references keep is one people drop


def _grams(tokens: list[str], n: int) -> set[str]:
    return {" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def kept_that_people_drop(
    sources: Sequence[str], outputs: Sequence[Output], refs: list[list[str]], n: int
) -> Counter[str]:
    """n-grams of a source sentence its output keeps and at most _FEW_REFS references keep."""
    found: Counter[str] = Counter()
    for i, (source, output) in enumerate(zip(sources, outputs)):
        if not output:
            continue
        ours = _grams(normalize(" ".join(output)).split(), n)
        theirs = [_grams(normalize(r[i]).split(), n) for r in refs]
        for gram in _grams(normalize(source).split(), n) & ours:
            if sum(gram in t for t in theirs) <= _FEW_REFS:
                found[gram] += 1
    return found


def added(
    sources: Sequence[str], outputs: Sequence[Output], refs: list[list[str]], *, openings: bool
) -> tuple[Counter[str], Counter[str]]:
    """Words (or 3-word openings of the sentences after the first) the output has and its source
    does not: how often, and in how many references they are, summed (divide by the count)."""
    count: Counter[str] = Counter()
    in_refs: Counter[str] = Counter()
    for i, (source, output) in enumerate(zip(sources, outputs)):
        if not output:
            continue
        src = normalize(source)
        theirs = [normalize(r[i]) for r in refs]
        if openings:
            new = {" ".join(normalize(s).split()[:3]) for s in output[1:]}
            new = {o for o in new if o not in src}
        else:
            new = set(normalize(" ".join(output)).split()) - set(src.split())
        for item in new:
            count[item] += 1
            in_refs[item] += sum((item in t) if openings else (item in t.split()) for t in theirs)
    return count, in_refs


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=300, help="first N ASSET sentences (default 300)")
    parser.add_argument("--load", type=Path, help="outputs saved with easyread_eval.py --save")
    parser.add_argument("--top", type=int, default=25, help="rows a table (default 25)")
    args = parser.parse_args(argv)

    corpus = asset(args.limit)
    if args.load:
        outputs: list[Output] = json.loads(args.load.read_text(encoding="utf-8"))["asset"][: args.limit]
    else:
        outputs, _ = run(generator_system, corpus.segments)
    sources = corpus.segments[: len(outputs)]
    words_in = sum(len(normalize(s).split()) for s in sources)
    words_out = sum(len(normalize(" ".join(o)).split()) for o in outputs if o)
    words_ref = sum(len(normalize(r[i]).split()) for r in corpus.refs for i in range(len(sources))) / 10
    print(f"{len(sources)} ASSET sentences, tokens out/in: generator {words_out / words_in:.2f}, ", end="")
    print(f"references {words_ref / words_in:.2f}\n")
    for n in (1, 2, 3):
        print(f"{n}-grams people drop (<= {_FEW_REFS} of 10 references keep them) and the generator keeps:")
        for gram, c in kept_that_people_drop(sources, outputs, corpus.refs, n).most_common(args.top):
            print(f"  {c:4d}  {gram}")
        print()
    for openings, what in ((False, "words"), (True, "openings of a second sentence")):
        count, in_refs = added(sources, outputs, corpus.refs, openings=openings)
        print(f"{what} the generator adds: times, mean number of the 10 references that have them")
        for item, c in count.most_common(args.top):
            print(f"  {c:4d}  {in_refs[item] / c:4.1f}  {item}")
        print()


if __name__ == "__main__":
    main()
