"""Embedded Redis lifecycle: persistence across restarts, outages, config mismatch, CLI."""

from __future__ import annotations

import json

import pytest
import redis
from fastapi.testclient import TestClient

from indexer.config import DEFAULT_CONFIG, IndexConfig, MinHashScheme
from indexer.storage import ConfigMismatch
from indexer.storage.redis import RedisStore
from service.app import create_app
from service.cli import main as cli
from service.embedded_redis import EmbeddedRedis
from service.settings import Settings
from tests.conftest import read_fixture

BRIDGE = read_fixture("articles", "harbour_bridge.txt")
FROST = read_fixture("articles", "orchard_frost.txt")


def test_embedded_redis_keeps_articles_across_restarts(tmp_path):
    settings = Settings(redis_url=None, data_dir=tmp_path / "data")
    with TestClient(create_app(settings)) as client:
        assert client.put("/v1/articles/bridge", json={"text": BRIDGE, "title": "Bridge"}).status_code == 200
    assert (tmp_path / "data" / "appendonlydir").exists() or any((tmp_path / "data").glob("*.aof*"))
    with TestClient(create_app(settings)) as client:
        assert client.get("/v1/articles/bridge").json()["title"] == "Bridge"
        assert client.post("/v1/matches", json={"text": BRIDGE}).json()["matches"][0]["relation"] == "exact"


def test_embedded_redis_keeps_large_indexes_hashes_compact(tmp_path):
    from indexer.storage.redis import COMPACT_HASH_SETTINGS

    with EmbeddedRedis(tmp_path / "redis") as server:
        client = redis.Redis.from_url(server.url)
        for name, value in COMPACT_HASH_SETTINGS.items():
            assert int(client.config_get(name)[name]) == value
        client.close()


def test_outage_answers_503_and_recovers_without_restart(tmp_path):
    server = EmbeddedRedis(tmp_path / "redis").start()
    settings = Settings(redis_url=server.url, data_dir=tmp_path, redis_timeout_s=1.0)
    try:
        with TestClient(create_app(settings)) as client:
            assert client.put("/v1/articles/a", json={"text": BRIDGE}).status_code == 200
            server.stop()
            down = client.put("/v1/articles/b", json={"text": FROST})
            assert down.status_code == 503
            assert down.headers["content-type"].startswith("application/problem+json")
            assert client.get("/readyz").status_code == 503
            server.start()
            assert client.get("/readyz").status_code == 200
            assert client.put("/v1/articles/b", json={"text": FROST}).status_code == 200
            assert client.get("/v1/articles/a").status_code == 200
    finally:
        server.stop()


def test_service_starts_while_redis_is_down_and_serves_once_it_is_up(tmp_path):
    server = EmbeddedRedis(tmp_path / "redis")
    settings = Settings(redis_url=server.url, data_dir=tmp_path, redis_timeout_s=1.0)
    with TestClient(create_app(settings)) as client:
        assert client.put("/v1/articles/a", json={"text": BRIDGE}).status_code == 503
        server.start()
        try:
            assert client.put("/v1/articles/a", json={"text": BRIDGE}).status_code == 200
        finally:
            server.stop()


def test_mismatched_config_refuses_to_start(redis_url, namespace, tmp_path):
    other = IndexConfig(shingles=MinHashScheme(num_perm=128, seed=1, bands=32, rows=4))
    client = redis.Redis.from_url(redis_url)
    RedisStore(client, other, namespace).open()
    try:
        with (
            pytest.raises(ConfigMismatch, match="reindex"),
            TestClient(create_app(Settings(redis_url=redis_url, namespace=namespace, data_dir=tmp_path))),
        ):
            pass
    finally:
        RedisStore(client, DEFAULT_CONFIG, namespace).clear()


def test_cli_index_is_resumable_and_reindex_rebuilds(tmp_path, redis_url, namespace, monkeypatch, capsys):
    monkeypatch.setenv("SYNDETECT_REDIS_URL", redis_url)
    monkeypatch.setenv("SYNDETECT_NAMESPACE", namespace)
    from service.settings import get_settings

    get_settings.cache_clear()
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "\n".join(
            [
                json.dumps({"id": "bridge", "text": BRIDGE, "source": "a.com"}),
                json.dumps({"id": "frost", "text": FROST}),
                "not json",
                "[1, 2]",
                json.dumps({"id": "empty", "text": ""}),
            ]
        )
    )
    try:
        assert cli(["index", str(feed)]) == 1  # three bad lines are reported, the rest indexed
        printed = capsys.readouterr()
        assert "not a JSON object" in printed.err
        assert json.loads(printed.out.strip().splitlines()[-1]) == {"indexed": 2, "unchanged": 0, "failed": 3}
        cli(["index", str(feed)])
        assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["unchanged"] == 2
        query = tmp_path / "query.txt"
        query.write_text(BRIDGE)
        assert cli(["query", str(query)]) == 0
        assert json.loads(capsys.readouterr().out.splitlines()[0])["id"] == "bridge"
        other = IndexConfig(shingles=MinHashScheme(num_perm=128, seed=1, bands=32, rows=4))
        client = redis.Redis.from_url(redis_url)
        RedisStore(client, DEFAULT_CONFIG, namespace).clear()
        RedisStore(client, other, namespace).open()
        assert cli(["stats"]) == 2
        assert "reindex" in capsys.readouterr().err
        cli(["reindex", str(feed)])
        capsys.readouterr()
        assert cli(["stats"]) == 0
        assert json.loads(capsys.readouterr().out)["articles"] == 2
    finally:
        RedisStore(redis.Redis.from_url(redis_url), DEFAULT_CONFIG, namespace).clear()
        get_settings.cache_clear()


def _run_serve(tmp_path, workers: int):
    """`syndetect serve` as a user runs it: no Redis URL, so the embedded one under --data-dir."""
    import os
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SYNDETECT_")}
    command = [
        sys.executable,
        "-m",
        "service.cli",
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--data-dir",
        str(tmp_path / "data"),
    ]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    import httpx

    for _ in range(300):
        try:
            if httpx.get(base + "/readyz").status_code == 200:
                return process, base
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("syndetect serve did not become ready")


def _stop(process) -> None:
    import signal

    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 0


def test_serve_with_workers_shares_one_embedded_redis_that_persists(tmp_path):
    import httpx

    process, base = _run_serve(tmp_path, workers=2)
    try:
        for n in range(6):  # spread over both workers: every one must see the same store
            assert httpx.put(
                f"{base}/v1/articles/a{n}", json={"text": f"{BRIDGE}\nEdition {n}."}
            ).status_code in (200, 201)
        assert httpx.post(base + "/v1/matches", json={"text": BRIDGE}).json()["matches"][0]["relation"] in (
            "near_duplicate",
            "exact",
        )
    finally:
        _stop(process)
    process, base = _run_serve(tmp_path, workers=1)
    try:
        assert all(httpx.get(f"{base}/v1/articles/a{n}").status_code == 200 for n in range(6))
    finally:
        _stop(process)
