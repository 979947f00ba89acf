"""Blocking route work runs inline only when the worker is idle, and never after a stall."""

from __future__ import annotations

import asyncio
import threading

import pytest

from service.metrics import Metrics
from service.offload import PAUSE_S, STALL_S, BlockingRunner, InFlightMiddleware
from tests.conftest import read_fixture

ARTICLE = read_fixture("articles", "harbour_bridge.txt")


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def run_thread(runner: BlockingRunner, **kwargs) -> str:
    """Where the work ran, as seen from the event loop's thread."""

    async def main() -> str:
        loop_thread = threading.get_ident()
        ran_on = await runner(threading.get_ident, **kwargs)
        return "inline" if ran_on == loop_thread else "thread"

    return asyncio.run(main())


def runs(metrics: Metrics, where: str) -> float:
    return metrics.registry.get_sample_value("syndetect_blocking_runs_total", {"where": where}) or 0.0


def test_idle_worker_runs_inline_and_counts_it():
    metrics = Metrics()
    runner = BlockingRunner(metrics)
    runner.in_flight = 1  # the request itself
    assert run_thread(runner) == "inline"
    assert (runs(metrics, "inline"), runs(metrics, "thread")) == (1, 0)


def test_busy_worker_uses_the_thread_pool():
    metrics = Metrics()
    runner = BlockingRunner(metrics)
    runner.in_flight = 2
    assert run_thread(runner) == "thread"
    assert (runs(metrics, "inline"), runs(metrics, "thread")) == (0, 1)


def test_work_that_may_wait_long_and_the_setting_off_use_the_thread_pool():
    assert run_thread(BlockingRunner(Metrics()), may_inline=False) == "thread"
    assert run_thread(BlockingRunner(Metrics(), enabled=False)) == "thread"


def test_an_inline_overrun_sends_work_to_threads_for_a_while():
    clock = FakeClock()
    runner = BlockingRunner(Metrics(), clock=clock)

    def stalled() -> None:
        clock.now += STALL_S * 2

    asyncio.run(runner(stalled))
    assert run_thread(runner) == "thread"
    clock.now += PAUSE_S + 0.001
    assert run_thread(runner) == "inline"


def test_a_quick_inline_run_does_not_pause():
    clock = FakeClock()
    runner = BlockingRunner(Metrics(), clock=clock)

    def quick() -> None:
        clock.now += STALL_S / 2

    asyncio.run(runner(quick))
    assert run_thread(runner) == "inline"


def test_errors_propagate_from_either_path():
    def failing() -> None:
        raise KeyError("boom")

    for runner in (BlockingRunner(Metrics()), BlockingRunner(Metrics(), enabled=False)):
        with pytest.raises(KeyError):
            asyncio.run(runner(failing))


def test_middleware_counts_requests_in_flight_and_releases_them_on_error():
    runner = BlockingRunner(Metrics())
    seen = []

    async def app(scope, receive, send):
        seen.append(runner.in_flight)
        if scope["path"] == "/fail":
            raise RuntimeError("handler failed")

    middleware = InFlightMiddleware(app, runner)
    asyncio.run(middleware({"type": "http", "path": "/ok"}, None, None))
    with pytest.raises(RuntimeError):
        asyncio.run(middleware({"type": "http", "path": "/fail"}, None, None))
    asyncio.run(middleware({"type": "lifespan", "path": "/"}, None, None))
    assert seen == [1, 1, 0]
    assert runner.in_flight == 0


def test_service_runs_a_lone_text_put_inline_and_html_in_a_thread(client):
    assert client.put("/v1/articles/a1", json={"text": ARTICLE}).status_code == 200
    html = f"<html><body><article><h1>Title</h1><p>{ARTICLE}</p></article></body></html>"
    assert client.post("/v1/matches", json={"html": html}).status_code == 200
    metrics = client.app.state.metrics
    assert (runs(metrics, "inline"), runs(metrics, "thread")) == (1, 1)
