"""Planning posts on a running Dask distributed scheduler (`build --executor dask://HOST:PORT`).

Each post goes out as bytes (a pickled `PostJob`) and its planned bundle comes back as bytes;
nothing is written on a worker. Each worker loads the voice once (`VoicePlugin`). A worker lost
mid-build costs nothing: the scheduler gives its posts to another worker, and a post whose
task raises is tried again (`retries`). Needs the `dask` extra: pip install 'accessible-pub[dask]'.
"""

from __future__ import annotations

import os
import pickle
import time
import uuid
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..config import SOURCE_DATE_EPOCH, Settings
from ..errors import AccessiblePubError, EngineUnavailable, probable_cause
from ..model import Outcome
from . import Planned, PostJob, failed, plan_job

try:
    from distributed import Client, WorkerPlugin, as_completed
except ImportError as exc:  # the optional extra is not installed
    raise AccessiblePubError(
        "--executor dask:// needs Dask: pip install 'accessible-pub[dask]' (on the workers too)"
    ) from exc

if TYPE_CHECKING:
    from distributed import Worker

CONNECT_SECONDS = 5.0  # how long to wait for the scheduler to answer, and for a first worker
RETRIES = 2  # a post whose task raises on a worker is tried this many more times


class VoicePlugin(WorkerPlugin):
    """Loads the heavy engines and the voice once per worker, before its first post."""

    name = "accessible-pub-voice"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Worker) -> None:
        from .. import plan  # noqa: F401  (Piper, WeasyPrint, NumPy: loaded once here)
        from ..audio.engines import engine_for
        from ..audio.speech_threads import set_speech_threads

        set_speech_threads(max(1, worker.state.nthreads))
        try:
            engine_for(self.settings.audio.engine, self.settings.gtts)
        except EngineUnavailable:
            pass  # each post says so in its audio, or falls back

    def teardown(self, worker: Worker) -> None:
        from ..audio.speech_threads import finish_speaking

        finish_speaking()


def plan_remote(job: bytes) -> bytes:
    """What a worker runs: a pickled PostJob in, a pickled Planned or failed Outcome out."""
    post_job: PostJob = pickle.loads(job)
    # the worker's own environment must not date the bundle: the coordinator's time does
    if post_job.source_date_epoch is None:
        os.environ.pop(SOURCE_DATE_EPOCH, None)
    else:
        os.environ[SOURCE_DATE_EPOCH] = post_job.source_date_epoch
    return pickle.dumps(plan_job(post_job), protocol=pickle.HIGHEST_PROTOCOL)


def connect(address: str, *, timeout: float = CONNECT_SECONDS) -> Client:
    """A client of the scheduler at `address`, with at least one worker; one clear line if not."""
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise AccessiblePubError(
            f"no Dask scheduler answered at {_shown(address)} within {timeout:g} seconds: "
            "start one with 'dask scheduler' (and workers with 'dask worker ADDRESS'), or build with "
            "--executor local"
        ) from exc
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        client.close()
        raise AccessiblePubError(
            f"the Dask scheduler at {_shown(address)} has no workers after {timeout:g} seconds: "
            "start some with 'dask worker ADDRESS'"
        ) from exc
    return client


def plan_on_cluster(
    client: Client, jobs: Sequence[PostJob], *, settings: Settings, retries: int = RETRIES
) -> Iterator[tuple[PostJob, Planned | Outcome]]:
    """Each post's planned bundle (or failure) as soon as a worker has it, in any order."""
    client.register_plugin(VoicePlugin(settings))
    started = time.perf_counter()
    futures: dict[Any, PostJob] = {}
    for job in jobs:
        data = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        key = f"accessible-pub-{job.post.slug}-{uuid.uuid4().hex[:12]}"  # never another build's task
        futures[client.submit(plan_remote, data, key=key, retries=retries, pure=False)] = job
    for future in as_completed(list(futures), loop=client.loop):
        job = futures.pop(future)
        result: Planned | Outcome
        try:
            result = pickle.loads(future.result())
        except Exception as exc:  # every retry failed, or too many workers died under it
            result = failed(job, f"planning on the Dask cluster failed: {probable_cause(exc)}", started)
        future.release()  # the bundle's bytes leave the cluster's memory once we hold them
        yield job, result


def _shown(address: str) -> str:
    """The address as the person typed it (`dask://HOST:PORT`)."""
    return address.replace("tcp://", "dask://", 1)
