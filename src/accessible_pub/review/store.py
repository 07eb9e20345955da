"""The posts on the desk and every change to their easy-read files: checked, kept, undoable.

Each change is made under one lock: read the file as it is now, check that it is what the
reviewer saw (the version they loaded, or at least the idea they changed is untouched), write
it atomically, and keep the text it replaced so that "Undo" can put it back. A file edited in a
text editor meanwhile is never overwritten: the reviewer is shown the other version instead.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..content import EASY_READ_SUFFIX, discover, load_posts
from ..content.fields import checked_slug
from ..easyread.document import read_easy_file, sign_off
from ..errors import AccessiblePubError, PostError
from ..model import Post
from ..publish import write_atomic
from .desk import (
    OVERRIDE,
    Draft,
    IdeaText,
    digest,
    hard_marks,
    parse_draft,
    read_draft,
    with_hard_mark,
    with_looked_at,
    with_meta,
)
from .findings import find

HISTORY_KEPT = 50  # undo steps kept for each post


class NotFound(LookupError):
    """No such post, idea or sentence (or a name that is not a safe slug)."""


@dataclass(frozen=True)
class Entry:
    """A post on the desk's list, with its state in plain words."""

    slug: str
    title: str
    source: Path
    easy: Path  # content/<slug>.easy.md, beside the post
    state: str
    waiting: int  # 0 is the most urgent work; the list is sorted by it
    progress: str = ""  # how far people have got with a generated draft

    @property
    def has_draft(self) -> bool:
        return self.easy.is_file()


@dataclass(frozen=True)
class Conflict:
    """A change refused because the file changed since the reviewer loaded it."""

    message: str
    theirs: IdeaText | None = None  # the idea as it is now, when there is one


@dataclass(frozen=True)
class Refused:
    """A change refused for a reason the reviewer can fix (the message says how)."""

    message: str


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _entry(post: Post) -> Entry:
    easy = post.source.parent / f"{post.slug}{EASY_READ_SUFFIX}"
    if not easy.is_file():
        return Entry(post.slug, post.title, post.source, easy, "No easy read yet", 2)
    try:
        read = read_easy_file(easy)
    except AccessiblePubError as exc:
        return Entry(post.slug, post.title, post.source, easy, f"The easy read file has a problem: {exc}", 0)
    if not read.reviewed:
        draft = read_draft(easy)
        looked = sum(draft.looked_at(i) for i in range(len(draft.rows)))
        progress = f"{looked} of {len(draft.rows)} ideas looked at" if draft.generated else ""
        return Entry(post.slug, post.title, post.source, easy, "Draft — not checked yet", 1, progress)
    checked = f"by {read.reviewed_by} on {_day(read.reviewed_on)}" if read.reviewed_on else ""
    if read.changed_since_review:
        return Entry(post.slug, post.title, post.source, easy, f"Changed since it was checked {checked}", 0)
    return Entry(post.slug, post.title, post.source, easy, f"Checked {checked}", 3)


class Store:
    def __init__(self, settings: Settings, *, history_dir: Path | None = None) -> None:
        self.settings = settings
        if history_dir is None:
            history_dir = (
                settings.cache_dir / "review-undo"
                if settings.cache_dir
                else Path(tempfile.mkdtemp(prefix="accessible-pub-undo-"))
            )
        self.history_dir = history_dir
        self.lock = threading.Lock()  # one change at a time, across every post
        self._posts: dict[Path, tuple[float, list[Post] | str]] = {}  # str: why it cannot be read

    # ---- reading -------------------------------------------------------------------------

    def _load(self) -> list[tuple[Path, list[Post] | str]]:
        """Every post file of the content folder, loaded (again when it changed) or the reason why
        it cannot be: one broken post never hides the others."""
        found = []
        for path in discover(self.settings.content_dir):
            stamp = path.stat().st_mtime
            cached = self._posts.get(path)
            if cached is None or cached[0] != stamp:
                try:
                    cached = (stamp, load_posts(path, limits=self.settings.limits))
                except AccessiblePubError as exc:
                    cached = (stamp, str(exc))
                self._posts[path] = cached
            found.append((path, cached[1]))
        return found

    def posts(self) -> list[Post]:
        return [post for _, loaded in self._load() if not isinstance(loaded, str) for post in loaded]

    def entries(self) -> list[Entry]:
        listed = [_entry(p) for p in self.posts()]
        listed += [
            Entry("", path.name, path, path, f"This post cannot be read: {why}", 0)
            for path, why in self._load()
            if isinstance(why, str)
        ]
        return sorted(listed, key=lambda e: (e.waiting, e.title.lower()))

    def post(self, slug: str) -> Post:
        try:
            checked_slug(Path(slug), slug)
        except PostError as exc:
            raise NotFound(slug) from exc
        for post in self.posts():
            if post.slug == slug:
                return post
        raise NotFound(slug)

    def entry(self, slug: str) -> Entry:
        return _entry(self.post(slug))

    def draft(self, slug: str) -> Draft:
        entry = self.entry(slug)
        if not entry.has_draft:
            raise NotFound(slug)
        return read_draft(entry.easy)

    # ---- changing ------------------------------------------------------------------------

    def _history(self, slug: str) -> Path:
        return self.history_dir / slug

    def _write(self, entry: Entry, before: str, after: str) -> Draft:
        """Keep `before` for undo, then write `after` atomically."""
        folder = self._history(entry.slug)
        folder.mkdir(parents=True, exist_ok=True)
        steps = sorted(folder.glob("*.json"))
        number = int(steps[-1].stem) + 1 if steps else 1
        record = {"before": before, "after": digest(after)}
        write_atomic(folder / f"{number:06d}.json", json.dumps(record, ensure_ascii=False).encode())
        for old in steps[: max(0, len(steps) + 1 - HISTORY_KEPT)]:
            old.unlink(missing_ok=True)
        write_atomic(entry.easy, after.encode())
        return parse_draft(entry.easy, after)

    def make_draft(self, slug: str) -> Draft | Refused:
        """Write the generator's draft, as `accessible-pub simplify` does; never over a file."""
        from ..easyread import make_easy_read, to_markdown
        from ..easyread.data import word_data

        with self.lock:
            post, entry = self.post(slug), self.entry(slug)
            if entry.has_draft:
                return Refused("There is already an easy read version of this post.")
            easy = make_easy_read(post, data=word_data(self.settings.content_dir))
            text = to_markdown(easy, slug=slug)
            write_atomic(entry.easy, text.encode())
            return parse_draft(entry.easy, text)

    def change_idea(
        self,
        slug: str,
        index: int,
        *,
        version: str,
        idea_version: str,
        change: Callable[[Draft], str],
    ) -> Draft | Conflict:
        """Change one idea (or what is recorded about it). Refused when that idea changed since
        the reviewer loaded it; a change elsewhere in the file (another idea) is kept."""
        with self.lock:
            entry = self.entry(slug)
            current = self.draft(slug)
            if index >= len(current.rows):
                return Conflict("Someone else changed this post: this idea is not there any more.")
            if current.version != version and current.idea_version(index) != idea_version:
                return Conflict(
                    "Someone else changed this idea while you were working on it.",
                    theirs=current.rows[index].idea,
                )
            after = change(current)
            if after == current.text:
                return current
            changed = parse_draft(entry.easy, after)
            if len(changed.rows) == len(current.rows):  # a person has looked at what they changed
                after = with_looked_at(changed, index)
            return self._write(entry, current.text, after)

    def look_at(self, slug: str, index: int, *, version: str, idea_version: str) -> Draft | Conflict:
        """ "This idea is fine": recorded only for the idea as the reviewer saw it."""
        return self.change_idea(
            slug, index, version=version, idea_version=idea_version, change=lambda d: with_looked_at(d, index)
        )

    def remove_mark(self, slug: str, sentence: str) -> None:
        """Take away a "hard to understand" mark (whatever else changed: it is only a note)."""
        with self.lock:
            current = self.draft(slug)
            if any(m.sentence == sentence for m in hard_marks(current)):
                self._write(self.entry(slug), current.text, with_hard_mark(current, sentence, None))

    def undo(self, slug: str, *, version: str) -> Draft | Conflict | Refused:
        """Put back the text the last change replaced, if nobody changed the file since."""
        with self.lock:
            entry = self.entry(slug)
            current = self.draft(slug)
            steps = sorted(self._history(slug).glob("*.json"))
            if not steps:
                return Refused("There is nothing to undo.")
            record = json.loads(steps[-1].read_text(encoding="utf-8"))
            if current.version != version or record["after"] != current.version:
                return Conflict(
                    "This post was changed since the last change here, so undo could lose someone's work."
                )
            write_atomic(entry.easy, record["before"].encode())
            steps[-1].unlink()
            return parse_draft(entry.easy, record["before"])

    def can_undo(self, slug: str) -> bool:
        return any(self._history(slug).glob("*.json"))

    def sign_off(
        self, slug: str, *, version: str, by: str, reason: str, on: dt.date | None = None
    ) -> Draft | Conflict | Refused:
        """Record the sign-off exactly as `accessible-pub signoff` does; refused while the rules
        find errors or a sentence is marked hard to understand, unless a reason is given."""
        by, reason = " ".join(by.split())[:200], " ".join(reason.split())[:1000]
        if not by:
            return Refused("Please write who checked it: your name, or your group's name.")
        with self.lock:
            entry = self.entry(slug)
            current = self.draft(slug)
            if current.version != version:
                return Conflict("Someone changed this post since you opened it. Please look at it again.")
            errors = find(current, self.settings.check).errors
            marks = len(hard_marks(current))
            if (errors or marks) and not reason:
                parts = [f"{errors} thing{'s' if errors != 1 else ''} the checks say must change"] * bool(
                    errors
                ) + [f"{marks} sentence{'s' if marks != 1 else ''} marked hard to understand"] * bool(marks)
                return Refused(
                    f"There {'is' if errors + marks == 1 else 'are'} still {' and '.join(parts)}. "
                    "Change them first, or write why you are signing it off anyway."
                )
            noted = with_meta(current.text, **{OVERRIDE: reason or None})
            after = sign_off(noted, by=by, on=on or dt.date.today())
            return self._write(entry, current.text, after)
