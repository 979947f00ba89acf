"""Shared fixtures: every Redis-facing test talks to a real Redis server.

With SYNDETECT_REDIS_URL (or --redis-url) set, that server is used; otherwise one embedded
redis-server is started for the session, exactly as `syndetect serve` does.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
import redis

from indexer.config import DEFAULT_CONFIG
from indexer.engine import Index
from indexer.storage.redis import RedisStore
from service.embedded_redis import EmbeddedRedis

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def pytest_addoption(parser):
    parser.addoption(
        "--redis-url", default=os.environ.get("SYNDETECT_REDIS_URL"), help="external Redis server"
    )


@pytest.fixture(scope="session")
def redis_url(request, tmp_path_factory):
    url = request.config.getoption("--redis-url")
    if url:
        try:
            redis.Redis.from_url(url).ping()
        except redis.ConnectionError as exc:
            pytest.exit(f"the Redis server at {url} does not answer: {exc}", returncode=2)
        yield url
        return
    with EmbeddedRedis(tmp_path_factory.mktemp("redis")) as server:
        yield server.url


@pytest.fixture(scope="session")
def redis_client(redis_url):
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


@pytest.fixture
def namespace():
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def store(redis_client, namespace):
    store = RedisStore(redis_client, DEFAULT_CONFIG, namespace)
    store.open()
    yield store
    store.clear()


@pytest.fixture
def index(store):
    return Index(store, DEFAULT_CONFIG)


def read_fixture(*parts: str) -> str:
    return (FIXTURES.joinpath(*parts)).read_text(encoding="utf-8")
