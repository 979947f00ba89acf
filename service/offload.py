"""Where a route's blocking work runs: on the event loop when it is the worker's only request,
else in the thread pool.

A hop to a worker thread and back costs two thread wake-ups, ~0.25-0.35 ms of a ~3 ms `PUT` on
two cores (measured side by side). With nothing else in flight there is nothing for a thread to
overlap with, so a short request runs inline. Work that may wait long (HTML extraction in the
process pool, batches, very long texts) always goes to a thread, and an inline run that overruns
`STALL_S` (a Redis stall, say) sends everything to threads for `PAUSE_S`, so the loop keeps
answering `/healthz` and new connections.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from fastapi.concurrency import run_in_threadpool

from service.metrics import Metrics
from service.schemas import ArticleContent

log = logging.getLogger("syndetect")

T = TypeVar("T")

STALL_S = 0.05  # a text PUT takes ~3 ms, its p99 ~10 ms even at 1M articles
PAUSE_S = 5.0
INLINE_MAX_CHARS = 100_000  # ~15k words: longer texts clean for long enough to go to a thread


class BlockingRunner:
    """Runs a route's blocking work inline or in the thread pool; `in_flight` is kept by
    `InFlightMiddleware`."""

    def __init__(
        self, metrics: Metrics, *, enabled: bool = True, clock: Callable[[], float] = time.monotonic
    ):
        self.in_flight = 0
        self._metrics = metrics
        self._enabled = enabled
        self._clock = clock
        self._paused_until = float("-inf")

    async def __call__(self, work: Callable[[], T], *, may_inline: bool = True) -> T:
        if may_inline and self._may_run_inline():
            self._metrics.blocking_runs.labels("inline").inc()
            started = self._clock()
            try:
                return work()
            finally:
                self._check_stall(started)
        self._metrics.blocking_runs.labels("thread").inc()
        return await run_in_threadpool(work)

    def _may_run_inline(self) -> bool:
        return self._enabled and self.in_flight <= 1 and self._clock() >= self._paused_until

    def _check_stall(self, started: float) -> None:
        now = self._clock()
        if now - started > STALL_S:
            self._paused_until = now + PAUSE_S
            log.warning(
                "a request held the event loop for %.0f ms; requests run in worker threads for %.0f s",
                (now - started) * 1000,
                PAUSE_S,
            )


def inline_candidate(content: ArticleContent) -> bool:
    """Plain text of an ordinary length; HTML waits on the extraction pool, so it never runs inline."""
    return content.text is not None and len(content.text) <= INLINE_MAX_CHARS


class InFlightMiddleware:
    """ASGI middleware: counts the HTTP requests this worker is serving, for `BlockingRunner`."""

    def __init__(self, app, runner: BlockingRunner):
        self.app = app
        self.runner = runner

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        self.runner.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.runner.in_flight -= 1
