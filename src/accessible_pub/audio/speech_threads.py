"""The threads that speak sentences side by side, within a budget of the voice's memory."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar


@dataclass
class _Timer:
    seconds: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, value: float) -> None:
        with self._lock:
            self.seconds += value


T = TypeVar("T")

SYNTHESIS_TIMER = _Timer()  # process-wide engine time: benchmarks and tests read it


@dataclass
class _Job:
    size: int  # characters of text: what the sentence costs in the voice's working memory
    future: Future[Any]  # what `run` returns (assemble.py: a sentence's clip, words and time)
    run: Callable[[], Any]


class _SpeechThreads:
    """The threads that speak sentences, and the sentences waiting for them.

    The voice's working memory grows with the speech of a run (about 1.4 MB a character of
    text; Piper speaks long sentences clause by clause), so the runs in progress share a budget
    of characters. A free thread takes the first waiting sentence that fits what is left of it,
    looking a few places down the line, so a long sentence runs beside short ones instead of
    leaving a core idle until it fits. One longer than the whole budget runs alone.
    """

    LOOKAHEAD = 16  # how far down the line a free thread looks: earlier documents finish first

    def __init__(self, threads: int, budget: int) -> None:
        self.budget, self.used = budget, 0
        self._waiting: list[_Job] = []
        self._closed = False
        self._cond = threading.Condition()
        self._threads = [
            threading.Thread(target=self._work, name=f"speech_{number}", daemon=True)
            for number in range(threads)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, size: int, run: Callable[[], T]) -> Future[T]:
        job = _Job(min(size, self.budget), Future(), run)
        with self._cond:
            self._waiting.append(job)
            self._cond.notify_all()
        return job.future

    def close(self) -> None:
        """No more sentences: the threads finish what is waiting, then end."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def finish(self) -> None:
        """Drop the sentences nobody will collect, then wait for those being spoken: a thread
        still inside the voice when Python exits aborts the process ("terminate called")."""
        with self._cond:
            for job in self._waiting:
                job.future.cancel()
            self._waiting.clear()
            self._closed = True
            self._cond.notify_all()
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join(timeout=120)  # one sentence, however loaded the machine

    def _take(self) -> _Job | None:
        self._waiting = [job for job in self._waiting if not job.future.cancelled()]
        for job in self._waiting[: self.LOOKAHEAD]:
            if self.used + job.size <= self.budget:
                self._waiting.remove(job)
                self.used += job.size
                return job
        return None

    def _work(self) -> None:
        while True:
            with self._cond:
                while (job := self._take()) is None:
                    if self._closed and not self._waiting:
                        return
                    self._cond.wait()
            try:
                if job.future.set_running_or_notify_cancel():
                    try:
                        job.future.set_result(job.run())
                    except BaseException as exc:  # BuildStopped too: the waiting post re-raises it
                        job.future.set_exception(exc)
            finally:
                with self._cond:
                    self.used -= job.size
                    self._cond.notify_all()


SPEECH_BUDGET = 300  # characters of text being spoken at once: ~1.4 MB of the voice's working memory each

_threads_lock = threading.Lock()
_threads: _SpeechThreads | None = None
_thread_count = max(1, os.cpu_count() or 1)


def set_speech_threads(count: int) -> None:
    """How many sentences are spoken at once in this process (`--jobs`; default: the cores)."""
    global _threads, _thread_count
    with _threads_lock:
        if count != _thread_count and _threads is not None:
            _threads.close()
            _threads = None
        _thread_count = max(1, count)


def finish_speaking() -> None:
    """End of a build: no sentence is left in the engine (the next build starts new threads).

    A document can hand a sentence to the threads that another document, spoken first, has
    already cached; nobody waits for that copy, so without this it could still be running."""
    global _threads
    with _threads_lock:
        threads, _threads = _threads, None
    if threads is not None:
        threads.finish()


def shared_threads() -> _SpeechThreads:
    """The process's speech threads, started on first use."""
    global _threads
    with _threads_lock:
        if _threads is None:
            _threads = _SpeechThreads(_thread_count, SPEECH_BUDGET)
        return _threads
