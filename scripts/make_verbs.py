"""Write src/accessible_pub/data/verbs.tsv.gz: lemminflect's lexicon, verbs only.

    .venv/bin/python scripts/make_verbs.py

The easy read asks three things of a word when it cuts a sentence: can it be a verb, in which
form, and what are its other forms. lemminflect answers, but it loads every word class it
knows (about 120 MB in a build, the largest single thing in memory after the voice). This
script asks lemminflect once, for every word its lexicon lists as a verb, and keeps the
answers; `easyread/verbs.py` reads them back and a test checks them against lemminflect.
Run it again after upgrading lemminflect.
"""

from __future__ import annotations

import csv
import gzip
from importlib.resources import files
from pathlib import Path

import lemminflect

TAGS = ("VBD", "VBN", "VBZ")  # the forms the easy read's cuts use
OUT = Path(__file__).resolve().parent.parent / "src" / "accessible_pub" / "data" / "verbs.tsv.gz"


def lexicon_words() -> list[str]:
    """Every word in lemminflect's lemma lexicon, in lower case as the easy read looks words up
    (from lemminflect's own resource file: its API has no list)."""
    with gzip.open(files("lemminflect") / "resources" / "lemma_lu.csv.gz", "rt", encoding="utf-8") as rows:
        return sorted({row[0].lower() for row in csv.reader(rows) if row})


def rows() -> list[str]:
    lines = []
    lemmas: set[str] = set()
    for word in lexicon_words():
        classes = lemminflect.getAllLemmas(word)
        if "VERB" not in classes:
            continue
        only_verb = "1" if set(classes) <= {"VERB", "AUX"} else "0"
        lines.append("\t".join(["form", word, only_verb, "/".join(classes["VERB"])]))
        lemmas.update(classes["VERB"])
    for lemma in sorted(lemmas):
        lines.append(
            "\t".join(["lemma", lemma, *("/".join(lemminflect.getInflection(lemma, tag=t)) for t in TAGS)])
        )
    return lines


if __name__ == "__main__":
    header = (
        f"# lemminflect {getattr(lemminflect, '__version__', '')}, verbs only: "
        "written by scripts/make_verbs.py, do not edit\n"
        "# form<TAB>word<TAB>1 if only ever a verb<TAB>its verb lemmas (/)\n"
        f"# lemma<TAB>lemma<TAB>{'<TAB>'.join(TAGS)} forms (/)\n"
    )
    text = header + "\n".join(rows()) + "\n"
    OUT.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))  # mtime 0: the same lexicon, the same bytes
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB)")
