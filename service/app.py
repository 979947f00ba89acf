"""The FastAPI application: the lifespan owns Redis (embedded or external), the pool and the workers."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import redis
from fastapi import FastAPI

from indexer import fingerprint, terms
from indexer.clean import lines
from indexer.config import DEFAULT_CONFIG
from indexer.engine import Index
from indexer.extract import DEFAULT_EXTRACT_SETTINGS, ExtractSettings, HtmlExtractor
from indexer.semantic import EXTRA, SemanticScorer, SemanticUnavailable, available
from indexer.storage import StoreUnavailable
from indexer.storage.redis import RedisStore
from service.deps import Resources
from service.embedded_redis import redis_server
from service.errors import install_error_handlers
from service.limits import BodySizeLimit
from service.metrics import Metrics, MetricsMiddleware
from service.offload import BlockingRunner, InFlightMiddleware
from service.routes import articles, health, queries
from service.settings import Settings, get_settings

log = logging.getLogger("syndetect")


def redis_client(url: str, settings: Settings) -> redis.Redis:
    return redis.Redis.from_url(
        url,
        socket_timeout=settings.redis_timeout_s,
        socket_connect_timeout=settings.redis_timeout_s,
        health_check_interval=15,
        max_connections=64,
    )


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    with redis_server(settings.redis_url, settings.data_dir) as url:
        async with _serving(app, settings, url):
            yield


@asynccontextmanager
async def _serving(app: FastAPI, settings: Settings, url: str) -> AsyncIterator[None]:
    client = redis_client(url, settings)
    store = RedisStore(client, DEFAULT_CONFIG, settings.namespace)
    extractor = HtmlExtractor(
        ExtractSettings(
            max_workers=settings.html_workers,
            timeout_seconds=settings.html_timeout_s,
            precision_min_share=DEFAULT_EXTRACT_SETTINGS.precision_min_share
            if settings.html_precision_pass
            else None,
        )
    )
    semantic = None
    if settings.semantic_compare:
        if not available():
            raise SemanticUnavailable(f"SYNDETECT_SEMANTIC_COMPARE needs the optional extra: {EXTRA}")
        semantic = SemanticScorer()
    resources = Resources(index=Index(store, DEFAULT_CONFIG, semantic), extractor=extractor)
    kernels = (("MinHash", fingerprint.native), ("sentences", terms.native), ("line shapes", lines.native))
    missing = [name for name, kernel in kernels if kernel is None]
    if missing:
        log.warning(
            "C kernels not built (no C compiler at install): %s take the slower Python path",
            ", ".join(missing),
        )
    try:
        resources.ready_index()  # a config mismatch refuses to start; an unreachable Redis does not
    except StoreUnavailable as exc:
        log.warning("Redis is not reachable yet (%s); requests answer 503 until it is", exc)
    app.state.resources = resources
    try:
        yield
    finally:
        extractor.close()
        client.close()


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; `settings` (tests, embedding) replaces the environment's for every dependency."""
    settings = settings or get_settings()
    app = FastAPI(
        title="syndetect",
        version="0.1.0",
        description="Duplicate and syndication detector for news pipelines.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.metrics = Metrics()
    app.state.runner = BlockingRunner(app.state.metrics, enabled=settings.inline_when_idle)
    install_error_handlers(app)
    app.include_router(articles.router)
    app.include_router(queries.router)
    app.include_router(health.router)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    app.add_middleware(InFlightMiddleware, runner=app.state.runner)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    return app
