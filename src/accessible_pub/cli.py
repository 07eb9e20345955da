"""The command line: thin. It reads settings, calls the pipeline, and prints.

Errors are one line naming the post and the probable cause; `--debug` shows tracebacks.
"""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .config import PdfSettings, Settings, limits, load_settings
from .errors import AccessiblePubError, BuildStopped, probable_cause

if TYPE_CHECKING:
    from rich.progress import TaskID


def _settings(ctx: click.Context, **overrides: object) -> Settings:
    try:
        settings = load_settings(Path("."), ctx.obj.get("config"))
        return settings.with_overrides(**overrides)
    except AccessiblePubError as exc:
        _fail(ctx, exc)
        raise  # unreachable: _fail exits


def _fail(ctx: click.Context, exc: BaseException, code: int = 2) -> None:
    if ctx.obj.get("debug"):
        import traceback

        traceback.print_exception(exc)
    click.secho(f"error: {exc}", fg="red", err=True)
    ctx.exit(code)


class _Group(click.Group):
    """Any error we did not foresee still ends in one line (a traceback only with --debug)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as exc:
            if (ctx.obj or {}).get("debug"):
                raise
            click.secho(f"error: {probable_cause(exc)}", fg="red", err=True)
            ctx.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="accessible-pub")
@click.option(
    "--config",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Settings file (default: accessible-pub.toml, or [tool.accessible-pub] in pyproject.toml).",
)
@click.option(
    "--debug", is_flag=True, help="Show tracebacks for errors (without it, each error is one line)."
)
@click.pass_context
def main(ctx: click.Context, config: Path | None, debug: bool) -> None:
    """Turn festival posts into accessible bundles: easy read, audio, large print, talking books, braille.

    New here? 'accessible-pub new myfestival', then 'cd myfestival' and 'accessible-pub build'.
    """
    ctx.ensure_object(dict)
    ctx.obj.update(config=config, debug=debug)


class _Display:
    """Progress for a build: a live display in a terminal, plain lines in CI, or nothing."""

    def __init__(self, *, quiet: bool, verbose: bool, total: int | None = None) -> None:
        self.quiet, self.verbose = quiet, verbose
        self.live = None
        self.tasks: dict[str, TaskID] = {}
        self.lock = threading.Lock()
        if not quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.live = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )

    def __enter__(self) -> _Display:
        if self.live is not None:
            self.live.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live is not None:
            self.live.stop()

    def __call__(self, label: str, message: str) -> None:
        if self.quiet:
            return
        with self.lock:  # posts report from their own threads
            self._show(label, message)

    def _show(self, label: str, message: str) -> None:
        if self.live is None:
            if self.verbose or message in ("built", "failed", "up to date") or label == "settings":
                click.echo(f"{label}: {message}", err=True)
            return
        finished = message in ("built", "failed", "up to date")
        task = self.tasks.get(label)
        if task is None:
            task = self.tasks[label] = self.live.add_task(f"{label}: {message}", total=1)
        self.live.update(task, description=f"{label}: {message}", completed=1 if finished else 0)


@main.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--with-styles", is_flag=True, help="Also copy the style sheets into DIRECTORY/styles/ to edit."
)
@click.pass_context
def new(ctx: click.Context, directory: Path, with_styles: bool) -> None:
    """Start a festival folder: settings, an example post, .gitignore and a CI workflow.

    accessible-pub.toml lists every setting with its default. Nothing is overwritten: if any
    of the files is already there, nothing is written.
    """
    from .scaffold import create_festival

    try:
        written = create_festival(directory, with_styles=with_styles)
    except AccessiblePubError as exc:
        _fail(ctx, exc)
        return
    for path in written:
        click.echo(f"wrote: {path}")
    click.echo(f"Next: cd {directory} && accessible-pub build")


@main.command()
@click.argument("posts", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of posts (default: content).",
)
@click.option(
    "--output",
    "output_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the bundles (default: output).",
)
@click.option(
    "--engine",
    type=click.Choice(["piper", "espeak", "gtts"]),
    help="Speech engine (default: piper, offline). gtts sends the text to Google.",
)
@click.option(
    "--fallback",
    type=click.Choice(["", "piper", "espeak"]),
    help="Engine that speaks the whole file if the chosen one fails.",
)
@click.option(
    "--rate",
    type=click.Choice(["easy-read", "slower", "normal"]),
    help="Speech rate: easy-read ~145, slower ~120, normal ~170 words a minute.",
)
@click.option(
    "--font-size",
    type=click.FloatRange(*limits(PdfSettings, "font_size_pt")),  # the settings file's range
    help="Large-print text size in points (default 18; 24 for giant print).",
)
@click.option("--paper", type=click.Choice(["A4", "Letter"]), help="Paper size for the PDFs.")
@click.option("--colours", type=click.Choice(["black-on-white", "black-on-cream"]), help="PDF colours.")
@click.option(
    "--easy-read-braille-grade",
    type=click.Choice(["1", "2"]),
    help="Braille grade of the easy read's BRF: 2 contracted (default), 1 uncontracted.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=None,
    help="Sentences spoken and posts built at once, in one process sharing one voice "
    "(default: the number of cores).",
)
@click.option("--force", is_flag=True, help="Rebuild every post, even those that are up to date.")
@click.option(
    "--executor",
    default="local",
    show_default=True,
    metavar="local|dask://HOST:PORT",
    help="Where posts are built: 'local' (this computer), or a running Dask scheduler, e.g. "
    "dask://localhost:8786 (needs the 'dask' extra; this computer still writes the output folder).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Warnings fail the build (exit 1): key facts left out, easy-read rule findings, speech "
    "outside the rate's words a minute, unknown settings.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only failures and the summary.")
@click.option("--verbose", "-v", is_flag=True, help="Print every stage of every post.")
@click.option("--json", "as_json", is_flag=True, help="Print the build summary as JSON.")
@click.pass_context
def build(
    ctx: click.Context,
    posts: tuple[Path, ...],
    content_dir: Path | None,
    output_dir: Path | None,
    engine: str | None,
    fallback: str | None,
    rate: str | None,
    font_size: float | None,
    paper: str | None,
    colours: str | None,
    easy_read_braille_grade: str | None,
    jobs: int | None,
    force: bool,
    executor: str,
    strict: bool,
    quiet: bool,
    verbose: bool,
    as_json: bool,
) -> None:
    """Build a bundle for each post (all posts in the content folder by default).

    POSTS may be post files or slugs. Posts that have not changed are left as they are.
    """
    import os

    from .pipeline import build as run_build
    from .pipeline import report_as_dict

    settings = _settings(
        ctx,
        content_dir=content_dir,
        output_dir=output_dir,
        audio__engine=engine,
        audio__fallback=fallback,
        audio__rate=rate,
        pdf__font_size_pt=font_size,
        pdf__paper=paper,
        pdf__colours=colours,
        braille__easy_read_grade=int(easy_read_braille_grade) if easy_read_braille_grade else None,
    )
    if executor != "local":
        import logging

        for name in ("distributed", "tornado"):  # Dask logs each lost connection; the build says what matters
            logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        with _Display(quiet=quiet or as_json, verbose=verbose) as display:
            report = run_build(
                settings,
                list(posts) or None,
                progress=display,
                jobs=jobs or os.cpu_count() or 1,
                force=force,
                executor=executor,
            )
    except AccessiblePubError as exc:
        _fail(ctx, exc)
        return
    except (KeyboardInterrupt, BuildStopped):
        click.secho(
            "stopped: every finished bundle is whole and kept; build again to finish the rest",
            fg="yellow",
            err=True,
        )
        ctx.exit(130)
    warnings = len(settings.warnings) + sum(len(o.warnings) for o in report.outcomes)
    failing = bool(report.failed or report.step_failures or (strict and warnings))
    if as_json:
        click.echo(json.dumps(report_as_dict(report), indent=2))
        ctx.exit(1 if failing else 0)
    for outcome in report.outcomes:
        for warning in outcome.warnings:
            click.secho(f"warning: {outcome.slug or outcome.source}: {warning}", fg="yellow", err=True)
    for outcome in report.failed:
        click.secho(f"failed: {outcome.reason}", fg="red", err=True)
        if ctx.obj.get("debug") and outcome.details:
            click.echo(outcome.details, err=True)
    kept = len(report.built) + len(report.up_to_date)
    for step in report.step_failures:
        click.secho(f"failed: {step}; the {kept} bundle(s) built are kept", fg="red", err=True)
    click.echo(
        f"{len(report.built)} built, {len(report.up_to_date)} up to date, {len(report.failed)} failed "
        f"in {report.seconds:.1f} s -> {settings.output_dir}"
    )
    if not any(step.startswith("the build report") for step in report.step_failures):
        click.echo(f"Report: {settings.output_dir / 'report.html'}")
    if strict and warnings:
        click.secho(f"strict: {warnings} warning(s) fail the build", fg="red", err=True)
    ctx.exit(1 if failing else 0)


@main.command()
@click.option(
    "--output",
    "output_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of the bundles (default: output).",
)
@click.pass_context
def report(ctx: click.Context, output_dir: Path | None) -> None:
    """Write output/report.html again from the bundles' manifests, without rebuilding anything."""
    from .publish.report import write_report

    settings = _settings(ctx, output_dir=output_dir)
    if not settings.output_dir.is_dir():
        _fail(ctx, AccessiblePubError(f"{settings.output_dir} not found: run 'accessible-pub build' first"))
    click.echo(f"Report: {write_report(settings)}")


@main.command()
@click.argument("posts", nargs=-1)
@click.option(
    "--output", "output_dir", type=click.Path(path_type=Path, file_okay=False), help="Folder of the bundles."
)
@click.pass_context
def listen(ctx: click.Context, posts: tuple[str, ...], output_dir: Path | None) -> None:
    """Hear the made MP3s with an offline speech recogniser and list each word heard differently,
    with its time, its sentence and a suggested line for content/pronunciations.toml.

    POSTS are slugs or post files (default: every built bundle). Needs the `listen` extra."""
    from .listening import listen_to_output
    from .publish.report import write_report

    settings = _settings(ctx, output_dir=output_dir)
    try:
        hearings = listen_to_output(settings, list(posts))
    except AccessiblePubError as exc:
        _fail(ctx, exc)
        return
    for h in hearings:
        click.echo(f"{h.file}: {h.wrong} of {h.words} words heard differently ({h.wrong_share:.1%})")
        for m in h.misheard:
            at = f"{int(m.at // 60)}:{int(m.at % 60):02d}"
            click.echo(f'  {at} meant "{m.meant}", heard "{m.heard}" in: {m.sentence}')
            if m.suggestion:
                click.echo(f"       try in pronunciations.toml: {m.suggestion}")
    click.echo(f"Report: {write_report(settings)}")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option(
    "--profile",
    type=click.Choice(["easy-read", "plain-english"]),
    help="Rules to apply (default: easy-read for *.easy.md and *-easy-read.md, plain-english otherwise).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "junit"]),
    default="text",
    show_default=True,
    help="github: workflow annotations; junit: JUnit XML; json: see docs/check-json.md.",
)
@click.option(
    "--output",
    "-o",
    "output_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to this file instead of the terminal.",
)
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@click.pass_context
def check(
    ctx: click.Context,
    paths: tuple[Path, ...],
    profile: str | None,
    fmt: str,
    output_file: Path | None,
    strict: bool,
) -> None:
    """Check easy-read text against the easy-read rules. Exit 0 clean, 1 a rule failed, 2 bad input.

    With no PATHS: every content/*.easy.md and every generated output/*/*-easy-read.md.
    """
    from .readability.gate import as_github, as_json, as_junit, as_text, check_paths, default_paths

    settings = _settings(ctx)
    targets = list(paths) or default_paths(settings.content_dir, settings.output_dir)
    if not targets:
        _fail(
            ctx,
            AccessiblePubError(
                "nothing to check: no *.easy.md in content/ and no built "
                "easy-read text in output/ (run 'accessible-pub build' first)"
            ),
        )
    from .easyread.data import word_data

    try:
        words = word_data(settings.content_dir)  # the festival's glossary and plain words count too
    except AccessiblePubError as exc:
        _fail(ctx, exc)
        return
    reports = check_paths(targets, settings.check, profile=profile, words=words, limits=settings.limits)
    if fmt == "json":
        text = json.dumps(as_json(reports), indent=2, ensure_ascii=False)
    elif fmt == "github":
        text = as_github(reports)
    elif fmt == "junit":
        text = as_junit(reports, strict=strict)
    else:
        text = as_text(reports, colour=output_file is None and sys.stdout.isatty())
    if output_file:
        output_file.write_text(text + "\n", encoding="utf-8")
    elif text:
        click.echo(text)
    if any(r.error for r in reports):
        ctx.exit(2)
    failing = any(r.result.errors or (strict and r.result.warnings) for r in reports)
    ctx.exit(1 if failing else 0)


@main.command()
@click.argument("post", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.pass_context
def simplify(ctx: click.Context, post: Path) -> None:
    """Write a draft easy-read file (content/<slug>.easy.md) for a person to edit and sign off.

    An existing file is never overwritten: it holds a person's work.
    """
    from .content import load_posts
    from .easyread import make_easy_read, to_markdown
    from .easyread.data import word_data
    from .publish import write_atomic

    settings = _settings(ctx)
    try:
        for loaded in load_posts(post, limits=settings.limits):
            target = post.parent / f"{loaded.slug}.easy.md"
            if target.exists():
                click.secho(
                    f"kept: {target} already exists (a person's edits are never overwritten)",
                    fg="yellow",
                    err=True,
                )
                continue
            easy = make_easy_read(loaded, data=word_data(settings.content_dir))
            write_atomic(target, to_markdown(easy, slug=loaded.slug).encode())
            click.echo(f"wrote: {target}")
    except AccessiblePubError as exc:
        _fail(ctx, exc)


@main.command()
@click.argument("post", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--by", "reviewer", required=True, help="Who checked the easy-read text (a name or a group).")
@click.option("--on", "day", type=click.DateTime(formats=["%Y-%m-%d"]), help="When (default: today).")
@click.pass_context
def signoff(ctx: click.Context, post: Path, reviewer: str, day: object) -> None:
    """Record that people with lived experience checked a post's easy-read file (rule 20).

    POST is the post or its .easy.md file. A fingerprint of the words is kept, so the build
    report shows when the text changes after sign-off.
    """
    import datetime as dt

    from .content import EASY_READ_SUFFIX, load_posts
    from .easyread.document import sign_off
    from .publish import write_atomic

    settings = _settings(ctx)
    try:
        if post.name.endswith(EASY_READ_SUFFIX):
            target = post
        else:
            [loaded] = load_posts(post, limits=settings.limits)[:1]
            target = post.parent / f"{loaded.slug}{EASY_READ_SUFFIX}"
        if not target.is_file():
            raise AccessiblePubError(
                f"{target} not found: run 'accessible-pub simplify {post}' and edit it first"
            )
        when = day.date() if isinstance(day, dt.datetime) else dt.date.today()
        write_atomic(target, sign_off(target.read_text(encoding="utf-8"), by=reviewer, on=when).encode())
    except AccessiblePubError as exc:
        _fail(ctx, exc)
        return
    click.echo(f"signed off: {target} by {reviewer} on {when}")


@main.command()
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--output",
    "output_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to serve (default: output).",
)
@click.pass_context
def serve(ctx: click.Context, port: int, output_dir: Path | None) -> None:
    """Preview output/ in a web browser at http://127.0.0.1:PORT/ (this computer only)."""
    from .publish.serve import make_server

    settings = _settings(ctx, output_dir=output_dir)
    if not (settings.output_dir / "index.html").is_file():
        _fail(
            ctx,
            AccessiblePubError(
                f"{settings.output_dir}/index.html not found: run 'accessible-pub build' first"
            ),
        )
    try:
        server = make_server(settings.output_dir, port=port)
    except OSError as exc:
        _fail(ctx, AccessiblePubError(f"cannot listen on 127.0.0.1:{port} ({exc.strerror}); try --port 8001"))
        return
    click.echo(
        f"Serving {settings.output_dir} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)"
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@main.command()
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. 0.0.0.0 lets other computers on this network use the desk: "
    "then a passphrase is needed to use it.",
)
@click.option(
    "--passphrase",
    envvar="ACCESSIBLE_PUB_PASSPHRASE",
    help="What people type to use the desk from other computers (default with --host: a new one, "
    "shown once). Also read from ACCESSIBLE_PUB_PASSPHRASE.",
)
@click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of posts (default: content).",
)
@click.pass_context
def review(
    ctx: click.Context, port: int, host: str, passphrase: str | None, content_dir: Path | None
) -> None:
    """Check and fix easy-read text in a web browser, and sign it off (the review desk).

    Changes are saved in content/<slug>.easy.md, as if made in a text editor.
    """
    from .review.serve import is_loopback, listen, network_address, new_passphrase, server

    settings = _settings(ctx, content_dir=content_dir)
    if not settings.content_dir.is_dir():
        _fail(
            ctx, AccessiblePubError(f"{settings.content_dir} not found: the desk needs the folder of posts")
        )
    local = is_loopback(host)
    if not local and not passphrase:
        passphrase = new_passphrase()
    try:
        sock = listen(host, port)
    except OSError as exc:
        _fail(ctx, AccessiblePubError(f"cannot listen on {host}:{port} ({exc.strerror}); try --port 8766"))
        return
    bound = sock.getsockname()[1]
    if local:
        click.echo(f"Review desk: open http://127.0.0.1:{bound}/ in a web browser (Ctrl-C to stop)")
    else:
        click.echo(f"Review desk: open http://{network_address()}:{bound}/ on a computer on this network")
        click.echo(f"Passphrase: {passphrase}  (give it only to the review group; Ctrl-C to stop)")
    from .review.app import DeskOptions, make_app  # the port is open: a browser waits for it

    app = make_app(settings, DeskOptions(passphrase=None if local else passphrase, loopback_only=local))
    try:
        server(app).run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()


if __name__ == "__main__":  # pragma: no cover
    main()
