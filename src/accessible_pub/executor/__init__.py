"""Where posts are planned: in this process's threads (`local`) or on a Dask cluster.

Planning a post is a pure function of the job (the post, the settings, the bundle's inputs and
the festival's word lists): it returns the planned bundle in memory and writes nothing. Only the
coordinator (`pipeline.py`) writes `output/`, so a worker lost mid-build loses nothing.
"""

from __future__ import annotations

import os
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..config import SOURCE_DATE_EPOCH, Settings
from ..errors import STOP, BuildStopped, ConfigError, probable_cause
from ..model import Outcome, Post

if TYPE_CHECKING:
    from ..easyread.data import WordData
    from ..plan import BundlePlan, Context

Progress = Callable[[str, str], None]  # (post slug, what is happening)

LOCAL = "local"
DASK_SCHEME = "dask://"


@dataclass(frozen=True)
class PostJob:
    """Everything a post's bundle is planned from: it travels to a worker as bytes."""

    post: Post
    settings: Settings
    inputs: str  # the bundle's inputs fingerprint (pipeline.post_inputs), kept in its manifest
    words: WordData
    # the coordinator's SOURCE_DATE_EPOCH: a worker dates the post's zips and books with it
    source_date_epoch: str | None = field(default_factory=lambda: os.environ.get(SOURCE_DATE_EPOCH))


@dataclass(frozen=True)
class Planned:
    """A post's bundle, planned in memory, and how long planning it took."""

    plan: BundlePlan
    seconds: float


def scheduler_address(executor: str) -> str | None:
    """None for `local`; the scheduler's `tcp://HOST:PORT` for `dask://HOST:PORT`."""
    if executor == LOCAL:
        return None
    if executor.startswith(DASK_SCHEME):
        host, _, port = executor.removeprefix(DASK_SCHEME).rpartition(":")
        if host and port.isdigit():
            return f"tcp://{host}:{port}"
    raise ConfigError(
        f"--executor '{executor}': use 'local' or 'dask://HOST:PORT' (e.g. dask://localhost:8786)"
    )


def plan_job(job: PostJob, progress: Progress | None = None) -> Planned | Outcome:
    """Plan one post's bundle. Never raises: a failure becomes a failed Outcome naming the post,
    the stage and the probable cause."""
    from ..plan import plan_post  # the heavy engines load here, once per process

    post = job.post
    stage = "getting ready"  # the stage a failure is blamed on: "easy read", "audio", "PDFs", ...

    def report(slug: str, message: str) -> None:
        nonlocal stage
        if STOP.is_set():
            raise BuildStopped("the build was stopped")
        stage = message
        if progress is not None:
            progress(slug, message)

    started = time.perf_counter()
    try:
        plan = plan_post(post, context(job.settings), report, words=job.words)
        return Planned(plan=plan, seconds=time.perf_counter() - started)
    except Exception as exc:  # a bug of ours must not cost the other posts their build either
        return failed(job, f"{stage} failed: {probable_cause(exc).removeprefix(f'{post.source}: ')}", started)


def failed(job: PostJob, why: str, started: float) -> Outcome:
    post = job.post
    return Outcome(
        post.source,
        "failed",
        post.slug,
        post.title,
        reason=f"{post.source}: {why}",
        details=traceback.format_exc(),
        seconds=time.perf_counter() - started,
    )


_contexts: dict[Settings, Context] = {}
_contexts_lock = threading.Lock()


def context(settings: Settings) -> Context:
    """The caches and pronunciations of these settings, made once per process."""
    from ..plan import Context

    with _contexts_lock:
        if settings not in _contexts:
            _contexts[settings] = Context.for_settings(settings)
        return _contexts[settings]
