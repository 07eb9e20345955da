"""The review desk as a web app (Starlette, served by uvicorn): pages, forms and their guards.

Safe by default: the app answers only to the loopback address unless it was started for a
network, and then only after the passphrase; every form that changes something carries the
session's CSRF token; names in addresses are checked (slugs, picture names, numbers); jinja2
escapes every text; request bodies are limited in size.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..config import Settings
from ..easyread import pictures
from ..errors import AccessiblePubError
from ..model import Explanation
from . import desk
from .findings import find
from .store import Conflict, NotFound, Refused, Store

MAX_BODY = 64 * 1024  # bytes: an idea with its explanations is a few hundred
MAX_CHOICES = 60  # pictures shown for one search
COOKIE = "review_desk"  # a random session id
SIGNED_IN = "review_desk_signed_in"  # proof that this session typed the passphrase
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]
HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]


class _SecurityHeaders:
    """Every answer says: nothing from elsewhere, no framing, no sniffing, no caching."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


@dataclass(frozen=True)
class DeskOptions:
    passphrase: str | None = None  # None: no sign-in (this computer only)
    loopback_only: bool = True


def desk_secret(settings: Settings) -> bytes:
    """The key the desk's tokens are made with, kept in the cache folder (readable by this user
    only) so that it outlives a restart; a new one each run when there is no cache folder."""
    if settings.cache_dir is None:
        return secrets.token_bytes(32)
    path = settings.cache_dir / "review-desk.key"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(secrets.token_bytes(32))
    except FileExistsError:
        pass
    except OSError:
        return secrets.token_bytes(32)
    key = path.read_bytes()
    return key if len(key) >= 32 else secrets.token_bytes(32)


def _templates() -> Environment:
    env = Environment(loader=PackageLoader("accessible_pub.review", "templates"), autoescape=True)
    env.globals["plain"] = desk.shown
    return env


def _picture_choices(find_word: str) -> list[Any]:
    """Pictures for what was typed (the curated ones when nothing was), at most MAX_CHOICES."""
    return pictures.search(find_word)[:MAX_CHOICES]


def _known_picture(name: str) -> bool:
    try:
        pictures.picture(name)
    except AccessiblePubError:
        return False
    return True


class ReviewDesk:
    def __init__(self, settings: Settings, options: DeskOptions, *, store: Store | None = None) -> None:
        from .speech import SentenceVoice

        self.settings = settings
        self.options = options
        self.store = store or Store(settings)
        self.voice = SentenceVoice(settings)
        self.templates = _templates()
        self.secret = desk_secret(settings)

    # ---- sessions, sign-in and CSRF ------------------------------------------------------
    # Nothing is kept per session: the CSRF token and the proof of sign-in are keyed hashes of
    # the session's random id, so a restarted desk still accepts the page a reviewer has open
    # (no time limits, no lost words) and no number of visitors can push anyone out.

    def _mac(self, *parts: str) -> str:
        return hmac.new(self.secret, "\0".join(parts).encode(), hashlib.sha256).hexdigest()

    def session(self, request: Request) -> tuple[str, bool]:
        """The caller's session id, and whether it is new (to be set as a cookie)."""
        key = request.cookies.get(COOKIE, "")
        if re.fullmatch(r"[\w-]{43}", key):
            return key, False
        return secrets.token_urlsafe(32), True

    def csrf(self, key: str) -> str:
        return self._mac("csrf", key)

    def signed_in(self, request: Request) -> bool:
        if self.options.passphrase is None:
            return True
        proof = request.cookies.get(SIGNED_IN, "")
        expected = self._mac("signed in", request.cookies.get(COOKIE, ""), self.options.passphrase)
        return bool(proof) and hmac.compare_digest(proof, expected)

    def page(self, request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        key, new = self.session(request)
        html = self.templates.get_template(template).render(
            csrf=self.csrf(key), festival=self.settings.festival, lang=self.settings.lang, **context
        )
        response = HTMLResponse(html, status_code=status)
        if new:
            response.set_cookie(COOKIE, key, httponly=True, samesite="strict", path="/")
        return response

    def message(self, request: Request, status: int, title: str, text: str, back: str = "/") -> HTMLResponse:
        return self.page(request, "message.html.j2", status, title=title, text=text, back=back)

    async def form(self, request: Request) -> FormData | HTMLResponse:
        """The posted form when its CSRF token is the session's; a refusal page otherwise."""
        form = await request.form(max_files=0, max_fields=200, max_part_size=MAX_BODY)
        key, new = self.session(request)
        token = str(form.get("csrf", ""))
        if new or not token or not hmac.compare_digest(token, self.csrf(key)):
            return self.message(
                request,
                403,
                "This page was out of date",
                "Nothing was saved. Please go back, load the page again, and try once more.",
            )
        if not self.signed_in(request) and request.url.path != "/sign-in":
            return self.message(request, 403, "Please sign in", "Nothing was saved.", back="/sign-in")
        return form

    # ---- the pages -----------------------------------------------------------------------

    async def sign_in_page(self, request: Request) -> Response:
        return self.page(request, "sign-in.html.j2", title="Sign in")

    async def sign_in(self, request: Request) -> Response:
        form = await self.form(request)
        if isinstance(form, Response):
            return form
        typed = str(form.get("passphrase", ""))
        expected = self.options.passphrase or ""
        if not hmac.compare_digest(typed.encode(), expected.encode()):
            import asyncio

            await asyncio.sleep(1)  # slows guessing down; nothing else waits
            return self.page(
                request, "sign-in.html.j2", 403, title="Sign in", error="That passphrase is not right."
            )
        key = secrets.token_urlsafe(32)  # a new session once signed in (no fixation)
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE, key, httponly=True, samesite="strict", path="/")
        proof = self._mac("signed in", key, self.options.passphrase or "")
        response.set_cookie(SIGNED_IN, proof, httponly=True, samesite="strict", path="/")
        return response

    async def posts(self, request: Request) -> Response:
        entries = await run_in_threadpool(self.store.entries)
        return self.page(request, "posts.html.j2", title="Posts to check", entries=entries)

    def _post_context(self, slug: str) -> dict[str, Any]:
        entry = self.store.entry(slug)
        draft = self.store.draft(slug)
        findings = find(draft, self.settings.check)
        marks = {m.sentence: m for m in desk.hard_marks(draft)}
        present = {s for r in draft.rows for s in r.idea.sentences}
        originals = desk.originals_by_idea(self.store.post(slug), draft)
        rows = []
        for index, row in enumerate(draft.rows):
            rows.append(
                {
                    "number": index + 1,
                    "idea": row.idea,
                    "version": draft.idea_version(index),
                    "heading": draft.headings.get(index),
                    "picture": desk.picture_of(row.idea),
                    "findings": findings.ideas.get(index, []),
                    "looked_at": draft.looked_at(index),
                    "sentences": [
                        (
                            desk.highlighted(desk.shown(s), [e.word for e in row.idea.explanations]),
                            findings.lines.get((index, "sentence", k), []),
                            marks.get(s),
                        )
                        for k, s in enumerate(row.idea.sentences)
                    ],
                    "explanations": [
                        (e, findings.lines.get((index, "explanation", k), []))
                        for k, e in enumerate(row.idea.explanations)
                    ],
                    "originals": originals.get(index, []),
                }
            )
        return {
            "entry": entry,
            "draft": draft,
            "rows": rows,
            "whole_text": findings.whole_text,
            "errors": findings.errors,
            "lost_marks": [m for s, m in marks.items() if s not in present],
            "can_undo": self.store.can_undo(slug),
            "override": draft.meta.get(desk.OVERRIDE, ""),
        }

    async def post(self, request: Request) -> Response:
        slug = request.path_params["slug"]
        entry = await run_in_threadpool(self.store.entry, slug)
        if not entry.has_draft:
            return self.page(request, "no-draft.html.j2", title=entry.title, entry=entry)
        context = await run_in_threadpool(self._post_context, slug)
        said = SAID.get(request.query_params.get("said", ""), "")
        number = request.query_params.get("idea", "")
        if said and number.isdigit() and 1 <= int(number) <= len(context["rows"]):
            # said beside the idea the reviewer comes back to (the address leads there)
            said_idea = (int(number), f"{said} {_summary(context['rows'], int(number))}")
            return self.page(request, "post.html.j2", title=entry.title, said_idea=said_idea, **context)
        return self.page(request, "post.html.j2", title=entry.title, said=said, **context)

    async def make_draft(self, request: Request) -> Response:
        form = await self.form(request)
        if isinstance(form, Response):
            return form
        slug = request.path_params["slug"]
        done = await run_in_threadpool(self.store.make_draft, slug)
        if isinstance(done, Refused):
            return self.message(request, 409, "Nothing was changed", done.message, back=f"/posts/{slug}")
        return RedirectResponse(f"/posts/{slug}?said=draft", status_code=303)

    def _row(self, slug: str, number: int) -> tuple[desk.Draft, int]:
        draft = self.store.draft(slug)
        if not 1 <= number <= len(draft.rows):
            raise NotFound(f"{slug} idea {number}")
        return draft, number - 1

    async def edit_page(self, request: Request) -> Response:
        slug, number = request.path_params["slug"], request.path_params["number"]
        entry = await run_in_threadpool(self.store.entry, slug)
        draft, index = await run_in_threadpool(self._row, slug, number)
        idea = draft.rows[index].idea
        return self.page(
            request,
            "edit.html.j2",
            title=f"Change idea {number}",
            entry=entry,
            number=number,
            version=draft.version,
            idea_version=draft.idea_version(index),
            sentences_text="\n".join(idea.sentences),
            explanations=idea.explanations,
        )

    async def save_idea(self, request: Request) -> Response:
        form = await self.form(request)
        if isinstance(form, Response):
            return form
        slug, number = request.path_params["slug"], request.path_params["number"]
        entry = await run_in_threadpool(self.store.entry, slug)
        typed = str(form.get("sentences", ""))
        words = form.getlist("word")
        meanings = form.getlist("meaning")
        removed = set(form.getlist("remove"))
        kept_pairs = [
            (str(w), str(m)) for k, (w, m) in enumerate(zip(words, meanings)) if str(k) not in removed
        ]
        try:
            sentences = desk.clean_sentences(typed)
            explanations = tuple(
                e for e in (desk.clean_explanation(w, m) for w, m in kept_pairs) if e is not None
            )
        except desk.EditRefused as exc:
            return self._edit_again(request, entry, number, form, typed, kept_pairs, error=str(exc))

        def change(current: desk.Draft) -> str:
            idea = current.rows[number - 1].idea
            return desk.with_idea(
                current, number - 1, replace(idea, sentences=sentences, explanations=explanations)
            )

        done = await self._change(slug, number, form, change)
        if isinstance(done, Conflict):
            return self._edit_again(
                request,
                entry,
                number,
                form,
                typed,
                kept_pairs,
                error=done.message,
                theirs=done.theirs,
                status=409,
            )
        return RedirectResponse(f"/posts/{slug}?said=saved&idea={number}#idea-{number}", status_code=303)

    def _edit_again(
        self,
        request: Request,
        entry: Any,
        number: int,
        form: FormData,
        typed: str,
        pairs: list[tuple[str, str]],
        *,
        error: str,
        theirs: desk.IdeaText | None = None,
        status: int = 400,
    ) -> Response:
        """The edit page again with what the reviewer typed, and why it was not saved."""
        version, idea_version = str(form.get("version", "")), str(form.get("idea_version", ""))
        if theirs is not None:  # saving again now replaces their version, knowingly
            current = self.store.draft(entry.slug)
            version, idea_version = current.version, current.idea_version(number - 1)
        return self.page(
            request,
            "edit.html.j2",
            status,
            title=f"Change idea {number}",
            entry=entry,
            number=number,
            version=version,
            idea_version=idea_version,
            sentences_text=typed,
            explanations=[Explanation(w, m) for w, m in pairs if w.strip() or m.strip()],
            error=error,
            theirs=theirs,
        )

    async def _change(self, slug: str, number: int, form: FormData, change: Any) -> desk.Draft | Conflict:
        await run_in_threadpool(self._row, slug, number)  # 404 for an idea that is not there
        return await run_in_threadpool(
            lambda: self.store.change_idea(
                slug,
                number - 1,
                version=str(form.get("version", "")),
                idea_version=str(form.get("idea_version", "")),
                change=change,
            )
        )

    async def picture_page(self, request: Request) -> Response:
        slug, number = request.path_params["slug"], request.path_params["number"]
        entry = await run_in_threadpool(self.store.entry, slug)
        draft, index = await run_in_threadpool(self._row, slug, number)
        find_word = request.query_params.get("find", "")[:60]
        idea = draft.rows[index].idea
        return self.page(
            request,
            "picture.html.j2",
            title=f"Choose a picture for idea {number}",
            entry=entry,
            number=number,
            idea=idea,
            current=desk.picture_of(idea),
            version=draft.version,
            idea_version=draft.idea_version(index),
            find=find_word,
            choices=_picture_choices(find_word),
        )

    async def save_picture(self, request: Request) -> Response:
        form = await self.form(request)
        if isinstance(form, Response):
            return form
        slug, number = request.path_params["slug"], request.path_params["number"]
        chosen = str(form.get("picture", ""))
        if not chosen:
            back = f"/posts/{slug}/ideas/{number}/picture"
            return self.message(request, 400, "Please choose a picture", "Nothing was changed.", back=back)
        if chosen != "auto" and not _known_picture(chosen):
            return self.message(request, 400, "No such picture", "Nothing was saved.", back=f"/posts/{slug}")
        chosen = "" if chosen == "auto" else chosen

        def change(current: desk.Draft) -> str:
            idea = current.rows[number - 1].idea
            return desk.with_idea(current, number - 1, replace(idea, picture=chosen or None))

        done = await self._change(slug, number, form, change)
        if isinstance(done, Conflict):
            return self._conflict(request, slug, number, done)
        return RedirectResponse(f"/posts/{slug}?said=picture&idea={number}#idea-{number}", status_code=303)

    async def looked_at(self, request: Request) -> Response:
        form = await self.form(request)
        if isinstance(form, Response):
            return form
        slug, number = request.path_params["slug"], request.path_params["number"]
        await run_in_threadpool(self._row, slug, number)
        done = await run_in_threadpool(
            lambda: self.store.look_at(
                slug,
                number - 1,
                version=str(form.get("version", "")),
                idea_version=str(form.get("idea_version", "")),
            )
        )
        if isinstance(done, Conflict):
            return self._conflict(request, slug, number, done)
        return RedirectResponse(f"/posts/{slug}?said=fine&idea={number}#idea-{number}", status_code=303)

    def _conflict(self, request: Request, slug: str, number: int, conflict: Conflict) -> Response:
        return self.page(
            request,
            "conflict.html.j2",
            409,
            title="Someone else changed this",
            text=conflict.message,
            theirs=conflict.theirs,
            back=f"/posts/{slug}#idea-{number}",
        )

    async def mark_hard(self, request: Request) -> Response:
        form = await self.form(request)
        if isinstance(form, Response):
            return form
        slug, number = request.path_params["slug"], request.path_params["number"]
        try:
            position = int(str(form.get("sentence", "")))
        except ValueError:
            return self.message(request, 400, "Nothing was saved", "That sentence was not found.")
        remove = form.get("remove") is not None
        note = None if remove else str(form.get("note", ""))

        def change(current: desk.Draft) -> str:
            sentences = current.rows[number - 1].idea.sentences
            if not 0 <= position < len(sentences):
                return current.text
            return desk.with_hard_mark(current, sentences[position], note)

        done = await self._change(slug, number, form, change)
        if isinstance(done, Conflict):
            return self._conflict(request, slug, number, done)
        return RedirectResponse(
            f"/posts/{slug}?said={'unmarked' if remove else 'marked'}&idea={number}#idea-{number}",
            status_code=303,
        )

    async def remove_lost_mark(self, request: Request) -> Response:
        """Remove a mark whose sentence is no longer in the file (it was changed)."""
        form = await self.form(request)
        if isinstance(form, Response):
            return form
        slug = request.path_params["slug"]
        sentence = str(form.get("sentence", ""))

        await run_in_threadpool(lambda: self.store.remove_mark(slug, sentence))
        return RedirectResponse(f"/posts/{slug}?said=unmarked", status_code=303)

    async def undo(self, request: Request) -> Response:
        form = await self.form(request)
        if isinstance(form, Response):
            return form
        slug = request.path_params["slug"]
        done = await run_in_threadpool(lambda: self.store.undo(slug, version=str(form.get("version", ""))))
        if isinstance(done, (Conflict, Refused)):
            return self.message(request, 409, "Nothing was undone", done.message, back=f"/posts/{slug}")
        return RedirectResponse(f"/posts/{slug}?said=undone", status_code=303)

    async def sign_off(self, request: Request) -> Response:
        form = await self.form(request)
        if isinstance(form, Response):
            return form
        slug = request.path_params["slug"]
        done = await run_in_threadpool(
            lambda: self.store.sign_off(
                slug,
                version=str(form.get("version", "")),
                by=str(form.get("by", "")),
                reason=str(form.get("reason", "")),
            )
        )
        if isinstance(done, (Conflict, Refused)):
            context = await run_in_threadpool(self._post_context, slug)
            return self.page(
                request,
                "post.html.j2",
                409,
                title=context["entry"].title,
                sign_off_error=done.message,
                typed_by=str(form.get("by", ""))[:200],
                **context,
            )
        return RedirectResponse(f"/posts/{slug}?said=signed#sign-off", status_code=303)

    async def sentence_audio(self, request: Request) -> Response:
        slug, number = request.path_params["slug"], request.path_params["number"]
        draft, index = await run_in_threadpool(self._row, slug, number)
        sentences = draft.rows[index].idea.sentences
        position = request.path_params["sentence"] - 1
        if not 0 <= position < len(sentences):
            raise NotFound(slug)
        said = await run_in_threadpool(self.voice.wav, sentences[position])
        if said is None:
            return self.message(request, 404, "No sound", "This computer cannot read sentences aloud.")
        wav, from_build = said
        return Response(
            wav, media_type="audio/wav", headers={"x-recording": "last build" if from_build else "spoken now"}
        )

    async def picture_file(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name == "none" or not _known_picture(name):
            raise NotFound(name)
        picture = pictures.picture(name)
        assert picture.path is not None
        return FileResponse(picture.path, media_type="image/svg+xml")


def _summary(rows: list[dict[str, Any]], number: int) -> str:
    """What the checks now say about one idea, in a sentence."""
    if not 1 <= number <= len(rows):
        return ""
    row = rows[number - 1]
    said = [*row["findings"], *(f for _, found, _ in row["sentences"] for f in found)]
    said += [f for _, found in row["explanations"] for f in found]
    must = sum(f.must_fix for f in said)
    think = len(said) - must
    if not said:
        return f"The checks found nothing to change in idea {number}."
    parts = [f"{must} thing{'s' if must != 1 else ''} to change"] * bool(must)
    parts += [f"{think} thing{'s' if think != 1 else ''} to think about"] * bool(think)
    return f"The checks found {' and '.join(parts)} in idea {number}."


SAID = {
    "saved": "Saved.",
    "fine": "Thank you. This idea is marked as looked at.",
    "picture": "The picture is changed.",
    "marked": "The sentence is marked as hard to understand.",
    "unmarked": "The mark is taken away.",
    "undone": "The last change is undone.",
    "signed": "Signed off. The next build will show who checked it.",
    "draft": "The easy read draft is ready to check.",
}


def make_app(
    settings: Settings, options: DeskOptions | None = None, *, store: Store | None = None
) -> Starlette:
    options = options or DeskOptions()
    review = ReviewDesk(settings, options, store=store)

    def guard(endpoint: Any) -> Any:
        async def guarded(request: Request) -> Response:
            if not review.signed_in(request):
                return RedirectResponse("/sign-in", status_code=303)
            try:
                return await endpoint(request)
            except NotFound:
                return review.message(request, 404, "Not found", "There is no such post or idea here.")
            except AccessiblePubError as exc:
                return review.message(request, 422, "This file has a problem", str(exc))

        return guarded

    slug = "/posts/{slug}"
    idea = slug + "/ideas/{number:int}"
    routes = [
        Route("/", guard(review.posts)),
        Route("/sign-in", review.sign_in_page, methods=["GET"]),
        Route("/sign-in", review.sign_in, methods=["POST"]),
        Route(slug, guard(review.post)),
        Route(slug + "/draft", guard(review.make_draft), methods=["POST"]),
        Route(slug + "/undo", guard(review.undo), methods=["POST"]),
        Route(slug + "/sign-off", guard(review.sign_off), methods=["POST"]),
        Route(slug + "/marks", guard(review.remove_lost_mark), methods=["POST"]),
        Route(idea + "/edit", guard(review.edit_page)),
        Route(idea, guard(review.save_idea), methods=["POST"]),
        Route(idea + "/picture", guard(review.picture_page)),
        Route(idea + "/picture", guard(review.save_picture), methods=["POST"]),
        Route(idea + "/hard", guard(review.mark_hard), methods=["POST"]),
        Route(idea + "/fine", guard(review.looked_at), methods=["POST"]),
        Route(idea + "/sentences/{sentence:int}/audio.wav", guard(review.sentence_audio)),
        Route("/pictures/{name}.svg", guard(review.picture_file)),
        Mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static"),
    ]
    middleware = [Middleware(_SecurityHeaders)]
    if options.loopback_only:  # a page elsewhere cannot reach the desk by renaming its address
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK_HOSTS))

    async def broken(request: Request, exc: Exception) -> Response:
        # a bug of ours: say so plainly (the file was written whole or not at all)
        return HTMLResponse(
            "<!doctype html><html lang='en'><title>Something went wrong</title><main><h1>Something went "
            "wrong</h1><p>The desk could not do that. Nothing was half saved. Please go back and try "
            "again, and tell the festival team.</p><p><a href='/'>All posts</a></p></main></html>",
            status_code=500,
        )

    app = Starlette(
        routes=routes, middleware=middleware, max_body_size=MAX_BODY, exception_handlers={500: broken}
    )
    app.state.desk = review
    return app
