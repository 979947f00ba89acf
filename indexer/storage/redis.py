"""Redis backend: the project's own key layout (see `redis_lua`), one round trip per operation."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import redis

from indexer.config import IndexConfig
from indexer.storage import redis_lua
from indexer.storage.base import (
    ArticleStore,
    Candidate,
    CandidateQuery,
    ClusterInfo,
    ConfigMismatch,
    LineStats,
    PreviousKeys,
    StoredArticle,
    StoreUnavailable,
    WriteConflict,
    WriteRequest,
    WriteResult,
)

# A bucket holding more members than this is read only up to it: such a bucket is boilerplate
# shared by many articles (or a flood of copies, which the exact key and other bands still find).
BUCKET_READ_CAP = 1000
# Copy clusters are walked up to this many articles to pick the canonical.
CLUSTER_WALK_CAP = 2000

_CONNECTION_ERRORS = (redis.ConnectionError, redis.TimeoutError, redis.BusyLoadingError)


def _pack_keys(keys: np.ndarray) -> bytes:
    return np.asarray(keys, dtype=">u8").tobytes()


def _pack_terms(term_ids: np.ndarray) -> bytes:
    return np.asarray(term_ids, dtype=">u4").tobytes()


class RedisStore(ArticleStore):
    """`ArticleStore` on a Redis server (standalone, or one slot of a cluster via the hash tag)."""

    def __init__(self, client: redis.Redis, config: IndexConfig, namespace: str = "default"):
        if "{" in namespace or "}" in namespace:
            raise ValueError(f"namespace {namespace!r} may not contain braces: they form the key hash tag")
        self.client = client
        self.config = config
        self.prefix = f"sd:{{{namespace}}}:"
        self._prefix_bytes = self.prefix.encode()
        self._write = client.register_script(redis_lua.WRITE)
        self._delete = client.register_script(redis_lua.DELETE)
        self._cluster = client.register_script(redis_lua.CLUSTER)
        self._candidates = client.register_script(redis_lua.CANDIDATES)

    def _key(self, name: str) -> str:
        return self.prefix + name

    def _call(self, func, *args, **kwargs):
        try:
            return func(*args, **kwargs)
        except _CONNECTION_ERRORS as exc:
            raise StoreUnavailable(f"Redis is unreachable: {exc}") from exc

    def open(self) -> None:
        manifest = json.dumps({"version": self.config.version, "config": self.config.as_dict()}, sort_keys=True)
        stored = self._call(self.client.get, self._key("manifest"))
        if stored is None:
            if self._call(self.client.set, self._key("manifest"), manifest, nx=True):
                return
            stored = self._call(self.client.get, self._key("manifest"))
        found = json.loads(stored).get("version")
        if found != self.config.version:
            raise ConfigMismatch(
                f"the store under {self.prefix!r} was written with index config {found!r}, but this build "
                f"uses {self.config.version!r}; rebuild it with `syndetect reindex FILE.jsonl` "
                "(or point SYNDETECT_NAMESPACE at a fresh namespace)"
            )

    def manifest_matches(self) -> bool:
        stored = self._call(self.client.get, self._key("manifest"))
        return stored is not None and json.loads(stored).get("version") == self.config.version

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except _CONNECTION_ERRORS:
            return False

    @staticmethod
    def _stored(fields: list) -> StoredArticle | None:
        """Decode HMGET replies of STORED_FIELD_NAMES, or of their first CANDIDATE_FIELD_COUNT."""
        if fields[0] is None:
            return None
        ext, version, content_hash, count, signature, profile, meta = fields[:7]
        article = StoredArticle(
            id=ext.decode(),
            version=int(version),
            content_hash=content_hash,
            shingle_count=int(count),
            signature=np.frombuffer(signature, dtype="<u4"),
            profile=profile,
            meta_json=meta,
        )
        if len(fields) == 7:
            return article
        source, lines, lead = fields[7:]
        return replace(
            article,
            source=source.decode() or None,
            lead_keys=np.frombuffer(lead or b"", dtype=">u8").astype(np.uint64),
            line_keys=tuple(lines.decode().split("\n")) if lines else (),
        )

    def get(self, article_id: str) -> StoredArticle | None:
        internal = self._call(self.client.hget, self._key("ids"), article_id)
        if internal is None:
            return None
        fields = self._call(self.client.hmget, self._prefix_bytes + b"d:" + internal, redis_lua.STORED_FIELD_NAMES)
        return self._stored(fields)

    def candidates_many(self, queries: Sequence[CandidateQuery], limit: int):
        pipe = self.client.pipeline(transaction=False)
        for query in queries:
            keys = _pack_keys(query.copy_keys) + _pack_keys(query.salient_keys)
            self._candidates(
                args=[self.prefix, query.exclude_id or "", limit, BUCKET_READ_CAP, len(query.copy_keys), keys],
                client=pipe,
            )
        answers = []
        for reply in self._call(pipe.execute):
            own = self._stored(reply[0]) if reply[0] else None
            found = []
            for i in range(1, len(reply), 4):
                article = self._stored(reply[i + 3])
                if article is not None:
                    found.append(Candidate(article, int(reply[i + 1]), int(reply[i + 2])))
            answers.append((found, own))
        return answers

    def _write_args(self, request: WriteRequest) -> list:
        record, previous, previous_keys = request.record, request.previous, request.previous_keys
        old_bands = old_terms = b""
        if previous_keys is not None:
            old_bands = _pack_keys(previous_keys.band_keys) + _pack_keys(previous_keys.salient_keys)
            old_terms = _pack_terms(previous_keys.term_ids)
        return [
            self.prefix,
            record.id,
            str(previous.version) if previous else "",
            _pack_keys(record.band_keys) + _pack_keys(record.salient_keys),
            old_bands,
            _pack_terms(record.term_ids),
            old_terms,
            record.source or "",
            "\n".join(record.line_keys),
            "\n".join(record.neighbors),
            record.content_hash,
            record.shingle_count,
            np.asarray(record.signature, dtype="<u4").tobytes(),
            record.profile,
            json.dumps(record.meta, sort_keys=True, separators=(",", ":")),
            f"{record.published_key}\0{record.id}",
            _pack_keys(record.lead_keys),
            CLUSTER_WALK_CAP,
        ]

    @staticmethod
    def _cluster_info(reply: list) -> ClusterInfo:
        return ClusterInfo(canonical_id=reply[0].decode(), size=int(reply[1]), truncated=bool(reply[2]))

    def write_many(self, requests):
        pipe = self.client.pipeline(transaction=False)
        for request in requests:
            if isinstance(request, str):
                self._cluster(args=[self.prefix, request, CLUSTER_WALK_CAP], client=pipe)
            else:
                self._write(args=self._write_args(request), client=pipe)
        results = []
        for request, reply in zip(requests, self._call(pipe.execute)):
            if isinstance(request, str):
                results.append(self._cluster_info(reply) if reply else None)
            elif reply[0] == b"conflict":
                results.append(WriteConflict(request.record.id))
            else:
                results.append(WriteResult(cluster=self._cluster_info(reply[2:]), version=int(reply[1])))
        return results

    def delete(self, stored: StoredArticle, keys: PreviousKeys) -> bool:
        reply = self._call(
            self._delete,
            args=[
                self.prefix,
                stored.id,
                str(stored.version),
                _pack_keys(keys.band_keys) + _pack_keys(keys.salient_keys),
                _pack_terms(keys.term_ids),
            ],
        )
        if reply == -1:
            raise WriteConflict(stored.id)
        return reply == 1

    def document_frequencies(self, term_ids: np.ndarray) -> tuple[int, np.ndarray]:
        terms = np.asarray(term_ids, dtype=np.uint32)
        pipe = self.client.pipeline(transaction=False)
        pipe.get(self._key("count"))
        if len(terms):
            args = []
            for term in terms.tolist():
                args += ["GET", "u32", f"#{term}"]
            pipe.execute_command("BITFIELD_RO", self._key("df"), *args)
        replies = self._call(pipe.execute)
        df = np.asarray(replies[1], dtype=np.int64) if len(terms) else np.empty(0, dtype=np.int64)
        return int(replies[0] or 0), df

    def line_stats_many(self, requests: Sequence[tuple[str, Sequence[str]]]) -> list[LineStats]:
        pipe = self.client.pipeline(transaction=False)
        for source, keys in requests:
            pipe.hmget(self._key("s:" + source), ["_n", *keys])
        stats = []
        for (_, keys), values in zip(requests, self._call(pipe.execute)):
            counts = {key: int(v) for key, v in zip(keys, values[1:]) if v is not None}
            stats.append(LineStats(doc_count=int(values[0] or 0), counts=counts))
        return stats

    def stats(self) -> dict:
        pipe = self.client.pipeline(transaction=False)
        pipe.get(self._key("count"))
        pipe.info("memory")
        count, memory = self._call(pipe.execute)
        return {
            "articles": int(count or 0),
            "config_version": self.config.version,
            "namespace_prefix": self.prefix,
            "redis_used_memory_bytes": memory.get("used_memory"),
        }

    def _keys(self) -> list[bytes]:
        pattern = self.prefix.replace("{", "\\{").replace("}", "\\}") + "*"
        return self._call(lambda: list(self.client.scan_iter(match=pattern, count=1000)))

    def clear(self) -> None:
        keys = self._keys()
        for start in range(0, len(keys), 1000):
            self._call(self.client.unlink, *keys[start : start + 1000])

    def key_names(self) -> list[bytes]:
        """Keys of this namespace, manifest included (tests use it to prove deletes leave nothing)."""
        return self._keys()
