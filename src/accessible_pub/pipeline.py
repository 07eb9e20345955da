"""Run the stages for every post: cached, in parallel, with progress, losing nothing.

- A post whose inputs (its files, settings, engine, styles, word lists, package version) match
  its bundle's manifest is *up to date*: nothing is synthesised or rendered.
- Posts build side by side in threads (`jobs`), sharing one copy of the voice: the engine
  speaks `jobs` sentences at a time, so even a single post uses every core, and memory stays
  that of one process (bench/scale.py).
- Each bundle is planned in memory (`plan.py`) and swapped into place in one step
  (`publish.py`), so a failing or killed build never costs a good bundle.
- Or the posts are planned on a Dask cluster (`executor/cluster.py`, `--executor dask://...`):
  the planned bundles come back here, and only this process writes `output/`.
"""

from __future__ import annotations

import shutil
import time
import traceback
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, replace
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import fingerprint, package_version
from .config import LimitSettings, Settings, source_date
from .content import EASY_READ_SUFFIX, find_posts, load_posts
from .memory import release_free_memory, share_heaps
from .errors import (
    STOP,
    AccessiblePubError,
    PostError,
    StepError,
    festival_step,
    probable_cause,
)
from .manifest import BundleManifest, read_manifest
from .model import BuildReport, Outcome, Post
from .publish import recover, tidy, write_bundle
from .styles import sheets_in_use

if TYPE_CHECKING:
    from .easyread.data import WordData
    from .executor import Planned, PostJob

Progress = Callable[[str, str], None]  # (post slug or "build", what is happening)

# Content-folder files that shape every post's bundle.
_SHARED_CONTENT_FILES = (
    "pronunciations.toml",
    "plain-words.tsv",
    "phrases.tsv",
    "glossary.toml",
    "number-words.tsv",
    "acronyms.tsv",
    "initials.tsv",
    "abbreviations.tsv",
)


def _quiet(label: str, message: str) -> None:
    pass


# ---- what a bundle depends on --------------------------------------------------------------


def _file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def shared_inputs(settings: Settings) -> str:
    """Everything that shapes every bundle: settings, engine, styles, word lists, version."""
    from .audio.engines import engine_identity  # no engine is loaded

    data = files("accessible_pub") / "data"
    package_data = sorted((p.name, p.read_bytes()) for p in data.iterdir() if p.is_file())
    styles = sheets_in_use(settings.styles_dir)  # the festival's own sheets, or the packaged ones
    local = [(n, _file_bytes(settings.content_dir / n)) for n in _SHARED_CONTENT_FILES]
    shaping = replace(
        settings,
        content_dir=Path("."),
        output_dir=Path("."),
        cache_dir=Path("."),
        styles_dir=Path("."),
        limits=LimitSettings(),  # limits refuse posts; they shape no bundle
        gtts=settings.gtts.shaping(),  # a longer timeout or more retries rebuild nothing
        warnings=(),
    )
    engines = [engine_identity(settings.audio.engine), engine_identity(settings.audio.fallback or "none")]
    braille = shutil.which("lou_translate") is not None  # installing liblouis later adds the BRFs
    # the PDF libraries, as pdf.PDF_LIBRARIES (not imported here: a no-op build stays light)
    renderers = [package_version(p) for p in ("weasyprint", "pikepdf")]
    fixed = source_date()  # SOURCE_DATE_EPOCH dates the zips and books: a new one rebuilds them
    dated = [fixed.isoformat()] if fixed is not None else []  # (unset: the keys stay as they were)
    return fingerprint("shared", shaping, engines, renderers, package_data, styles, local, braille, *dated)


def post_inputs(post: Post, shared: str) -> str:
    easy = post.source.parent / f"{post.slug}{EASY_READ_SUFFIX}"
    return fingerprint("post", shared, post, _file_bytes(post.source), _file_bytes(easy))


def _current_manifest(output_dir: Path, slug: str, inputs: str) -> BundleManifest | None:
    """The bundle's manifest when the bundle was made from exactly these inputs."""
    manifest = read_manifest(output_dir / slug)
    return manifest if manifest is not None and manifest.inputs == inputs else None


def bundle_warnings(manifest: BundleManifest) -> list[str]:
    """What in a bundle needs a person's look: every build prints it, `--strict` fails on it.

    The manifest's own warnings (key facts left out, speech outside the rate's words a minute,
    a fallback voice, PDF warnings) and the easy-read rule findings."""
    found = list(manifest.warnings)
    read = manifest.readability
    errors, warnings = read.easy_read_errors, read.easy_read_warnings
    if errors or warnings:
        found.append(
            f"the easy-read text has {errors} rule error(s) and {warnings} rule warning(s); "
            "'accessible-pub check' lists them"
        )
    return found


# ---- building one post (in this process or a worker) ---------------------------------------


def build_one(
    post: Post, settings: Settings, inputs: str, progress: Progress | None = None, *, words: WordData
) -> Outcome:
    """Plan and write one post's bundle. Never raises: a failure becomes a failed Outcome."""
    from .executor import PostJob, plan_job

    job = PostJob(post=post, settings=settings, inputs=inputs, words=words)
    planned = plan_job(job, progress)
    return planned if isinstance(planned, Outcome) else write_planned(job, planned)


def write_planned(job: PostJob, planned: Planned) -> Outcome:
    """The coordinator's half: swap the planned bundle into `output/` in one step."""
    post, settings = job.post, job.settings
    started = time.perf_counter() - planned.seconds  # planning, on whichever machine, and writing
    try:
        manifest = replace(planned.plan.manifest, inputs=job.inputs)
        warnings = bundle_warnings(manifest)  # the same list an up-to-date bundle gives
        bundle = write_bundle(settings.output_dir, post.slug, list(planned.plan.files), manifest)
        del planned
        release_free_memory()
        return Outcome(
            post.source,
            "built",
            post.slug,
            post.title,
            bundle=bundle,
            seconds=time.perf_counter() - started,
            warnings=warnings,
        )
    except Exception as exc:
        cause = probable_cause(exc).removeprefix(f"{post.source}: ")
        return Outcome(
            post.source,
            "failed",
            post.slug,
            post.title,
            reason=f"{post.source}: writing the bundle failed: {cause}",
            details=traceback.format_exc(),
            seconds=time.perf_counter() - started,
        )


# ---- the whole build -----------------------------------------------------------------------


def _load_all(paths: list[Path], limits: LimitSettings | None = None) -> tuple[list[Post], list[Outcome]]:
    posts: list[Post] = []
    failed: list[Outcome] = []
    owners: dict[str, Path] = {}
    for path in paths:
        try:
            loaded = load_posts(path, limits=limits)
        except AccessiblePubError as exc:
            cause = exc.reason if isinstance(exc, PostError) and exc.path == path else probable_cause(exc)
            failed.append(Outcome(path, "failed", reason=f"{path}: reading the post failed: {cause}"))
            continue
        for post in loaded:
            if post.slug in owners:
                failed.append(
                    Outcome(
                        path,
                        "failed",
                        slug=post.slug,
                        title=post.title,
                        reason=str(
                            PostError(
                                path,
                                f"slug '{post.slug}' is already used by {owners[post.slug]}; "
                                "give one of them another 'slug:' or title",
                            )
                        ),
                    )
                )
                continue
            owners[post.slug] = path
            posts.append(post)
    return posts, failed


def _select(
    posts: list[Post], failed: list[Outcome], only: list[Path], content_dir: Path
) -> tuple[list[Post], list[Outcome]]:
    wanted = {p.resolve() for p in only if p.exists()}
    names = {str(p) for p in only}
    for path in only:
        if path.exists() and not path.resolve().is_relative_to(content_dir.resolve()):
            failed.append(
                Outcome(
                    path,
                    "failed",
                    reason=str(
                        PostError(path, f"is not in the content folder {content_dir}; copy it there first")
                    ),
                )
            )
        elif not path.exists() and not any(p.slug == str(path) for p in posts):
            failed.append(Outcome(path, "failed", reason=str(PostError(path, "no such post file or slug"))))
    chosen = [p for p in posts if p.source.resolve() in wanted or p.slug in names]
    kept_failures = [
        o
        for o in failed
        if o.source.resolve() in wanted
        or str(o.source) in names
        or not o.source.resolve().is_relative_to(content_dir.resolve())
    ]
    return chosen, kept_failures


def build(
    settings: Settings,
    only: list[Path] | None = None,
    *,
    progress: Progress = _quiet,
    jobs: int = 1,
    force: bool = False,
    executor: str = "local",
) -> BuildReport:
    """Build every post in the content folder (or only the given files or slugs).

    `executor`: "local" (threads in this process) or "dask://HOST:PORT" (a running Dask
    scheduler plans the posts; this process alone writes `output/`).
    Raises BuildLocked when another build is using the output folder, and AccessiblePubError
    when the executor cannot be used."""
    from .executor import scheduler_address
    from .publish.lock import build_lock

    address = scheduler_address(executor)  # a mistyped executor fails before anything is read

    settings.output_dir.mkdir(parents=True, exist_ok=True)
    with build_lock(settings.output_dir):
        return _build_locked(settings, only, progress=progress, jobs=jobs, force=force, address=address)


def _build_locked(
    settings: Settings,
    only: list[Path] | None,
    *,
    progress: Progress,
    jobs: int,
    force: bool,
    address: str | None = None,
) -> BuildReport:
    started = time.perf_counter()
    for warning in settings.warnings:
        progress("settings", warning)
    output_dir = settings.output_dir
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        restored = recover(output_dir)
    except OSError as exc:
        raise AccessiblePubError(f"the output folder cannot be used: {probable_cause(exc)}") from exc
    for slug in restored:
        progress(slug, "restored the last good bundle after an interrupted build")
    found = find_posts(settings.content_dir)
    posts, outcomes = _load_all(found.posts, settings.limits)
    for refused in found.skipped:  # a link out of content/ is never read: a warning, not a failure
        outcomes.append(Outcome(refused.path, "skipped", reason=str(refused), warnings=[refused.reason]))
        progress("content", f"skipped {refused}")
    if only:
        posts, outcomes = _select(posts, outcomes, only, settings.content_dir)

    shared = shared_inputs(settings)
    todo: list[tuple[Post, str]] = []
    for post in posts:
        inputs = post_inputs(post, shared)
        manifest = None if force else _current_manifest(output_dir, post.slug, inputs)
        if manifest is not None:
            outcomes.append(
                Outcome(
                    post.source,
                    "up to date",
                    post.slug,
                    post.title,
                    bundle=output_dir / post.slug,
                    warnings=bundle_warnings(manifest),
                )
            )
            progress(post.slug, "up to date")
        else:
            todo.append((post, inputs))

    words, unread = _word_lists(settings, todo)
    outcomes += unread
    if unread:
        todo = []
    STOP.clear()
    if todo:  # (a build with nothing to do never loads the voice or WeasyPrint: it takes a blink)
        from .audio.speech_threads import set_speech_threads

        share_heaps(2)
        set_speech_threads(jobs)  # even one post speaks `jobs` sentences at a time
    try:
        if address is not None and todo:
            outcomes += _build_on_cluster(todo, settings, address, progress, words=words)
        elif min(jobs, len(todo)) <= 1:
            for post, inputs in todo:
                outcome = build_one(post, settings, inputs, progress, words=words)
                outcomes.append(outcome)
                progress(post.slug, outcome.status)
        else:
            outcomes += _build_parallel(todo, settings, min(jobs, len(todo)), progress, words=words)
    finally:
        if todo:
            from .audio.speech_threads import finish_speaking

            finish_speaking()
    outcomes.sort(key=lambda o: (str(o.source), o.slug or ""))
    report = BuildReport(outcomes=outcomes, seconds=0.0, restored=restored)
    # A festival-wide step that fails is reported, and the bundles stay: they are whole.
    if not only:  # the festival-wide files list every post, so only a whole build rewrites them
        from .publish.site import write_site

        current = [o.slug for o in outcomes if o.status in ("built", "up to date") and o.slug]
        progress("festival", "index, feed and zips")
        try:
            write_site(settings, current)  # repairs whatever disagrees with the bundles on disk
        except StepError as exc:
            report.step_failures.append(str(exc))
    report.seconds = time.perf_counter() - started
    try:
        with festival_step("the build report"):
            _write_report(settings, report)
    except StepError as exc:
        report.step_failures.append(str(exc))
    tidy(output_dir)
    return report


def _word_lists(settings: Settings, todo: list[tuple[Post, str]]) -> tuple[WordData, list[Outcome]]:
    """The festival's word lists, loaded once for every post to be built (package lists only when
    nothing is to be built). A broken list fails each post with its one-line reason."""
    from .easyread.data import word_data

    if not todo:
        return word_data(), []
    try:
        return word_data(settings.content_dir), []
    except AccessiblePubError as exc:
        cause = probable_cause(exc)
        failed = [
            Outcome(post.source, "failed", post.slug, post.title, reason=f"{post.source}: {cause}")
            for post, _ in todo
        ]
        return word_data(), failed


def _write_report(settings: Settings, report: BuildReport) -> None:
    """Every build records what it did and rewrites the report (cheap: manifests only)."""
    from .publish.report import save_build_record, write_report

    save_build_record(settings, report)
    write_report(settings)


def _build_parallel(
    todo: list[tuple[Post, str]], settings: Settings, jobs: int, progress: Progress, *, words: WordData
) -> list[Outcome]:
    """Posts side by side in threads: while one post's audio is being assembled or its PDFs
    rendered, the other's sentences keep the engine busy."""
    done: list[Outcome] = []
    pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="post")
    pending: dict[Future[Outcome], Post] = {
        pool.submit(build_one, post, settings, inputs, progress, words=words): post for post, inputs in todo
    }
    try:
        while pending:
            finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in finished:
                post = pending.pop(future)
                outcome = future.result()  # build_one turns every failure into an Outcome
                done.append(outcome)
                progress(post.slug, outcome.status)
    except BaseException:
        STOP.set()  # Ctrl-C: threads stop at their next sentence; bundles stay whole
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    return done


def _build_on_cluster(
    todo: list[tuple[Post, str]], settings: Settings, address: str, progress: Progress, *, words: WordData
) -> list[Outcome]:
    """Posts planned on a Dask cluster, each bundle written here as it comes back."""
    from .executor import PostJob
    from .executor.cluster import connect, plan_on_cluster

    jobs = [PostJob(post=post, settings=settings, inputs=inputs, words=words) for post, inputs in todo]
    progress("build", f"planning {len(jobs)} post(s) on the Dask cluster at {address}")
    done: list[Outcome] = []
    with connect(address) as client:
        for job, result in plan_on_cluster(client, jobs, settings=settings):
            outcome = result if isinstance(result, Outcome) else write_planned(job, result)
            done.append(outcome)
            progress(job.post.slug, outcome.status)
    return done


def report_as_dict(report: BuildReport) -> dict[str, Any]:
    return {
        "seconds": round(report.seconds, 3),
        "step_failures": report.step_failures,
        "outcomes": [
            {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(o).items() if k != "details"}
            for o in report.outcomes
        ],
    }
