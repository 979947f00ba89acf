"""Redis backend: the project's own key layout (see `redis_lua`), one round trip per operation."""

from __future__ import annotations

import json
import logging
import struct
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import numpy as np
import redis
import xxhash
from redis.commands.core import Script

from indexer.config import IndexConfig
from indexer.storage import redis_lua
from indexer.storage.base import (
    ArticleRecord,
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
# The 65,536 bucket and template-counter hashes grow ~9 entries per 10k articles; Redis keeps a hash
# compact (listpack, ~13 bytes per entry instead of ~70) while it holds at most
# `hash-max-listpack-entries` entries (default 128: passed near 140k articles) and no value longer
# than `hash-max-listpack-value` bytes (default 64: a bucket of 17 members; at 1M articles half the
# shards hold one, and buckets took 1.8 KB per article instead of 0.75). The embedded server and
# docker-compose set both (the old "ziplist" names are aliases that Redis 6.2 understands too).
COMPACT_HASH_SETTINGS = {"hash-max-ziplist-entries": 1024, "hash-max-ziplist-value": 512}
# Copy clusters are walked up to this many articles to pick the canonical.
CLUSTER_WALK_CAP = 2000

log = logging.getLogger("syndetect")

_CONNECTION_ERRORS = (redis.ConnectionError, redis.TimeoutError, redis.BusyLoadingError)


def _pack_bucket_keys(keys: np.ndarray) -> bytes:
    """The 6 bytes of each uint64 LSH key that the layout keeps (2 name the hash, 4 the field)."""
    return np.asarray(keys, dtype=">u8").view(np.uint8).reshape(-1, 8)[:, :6].tobytes()


def _pack_terms(term_ids: np.ndarray) -> bytes:
    return np.asarray(term_ids, dtype=">u4").tobytes()


def _template_keys(source: str, line_keys: Sequence[str]) -> bytes:
    """8 bytes per line (2 name the counter hash, 6 the field), with the source hashed in."""
    scope = source.encode() + b"\0"
    return b"".join(xxhash.xxh3_64_digest(scope + key.encode()) for key in line_keys)


_EPOCH = datetime(1, 1, 1, tzinfo=UTC)
_UNKNOWN_TIME = b"\xff" * 8


def _sort_key(published_at: datetime | None) -> bytes:
    """Big-endian microseconds since year 1: sorts by time; unknown dates after every known one."""
    if published_at is None:
        return _UNKNOWN_TIME
    return ((published_at - _EPOCH) // timedelta(microseconds=1)).to_bytes(8, "big")


# What follows the Lua-read header of a record: content hash (8 bytes), shingle count, then
# length-prefixed signature (little-endian, `IndexConfig.signature_bits` wide), lead keys and
# profile, and the meta JSON to the end.
RECORD_PAYLOAD = struct.Struct("<8sIHHI")
# After version and sort key: client id and source (">I2"-length-prefixed), template keys (">I4").
_HEADER_LENGTHS = (2, 2, 4)


def _encode_payload(record: ArticleRecord, signature_dtype: np.dtype) -> bytes:
    signature = np.asarray(record.signature, dtype=signature_dtype).tobytes()
    lead = np.asarray(record.lead_keys, dtype=">u8").tobytes()
    # The source is in the header already; `StoredArticle.meta` puts it back.
    meta = {key: value for key, value in record.meta.items() if key != "source"}
    meta = json.dumps(meta, sort_keys=True, separators=(",", ":")).encode()
    fixed = RECORD_PAYLOAD.pack(
        record.content_hash, record.shingle_count, len(signature), len(lead), len(record.profile)
    )
    return fixed + signature + lead + record.profile + meta


def _decode_record(data: bytes, signature_dtype: np.dtype) -> StoredArticle:
    version = int.from_bytes(data[:4], "big")
    offset, header = 12, []
    for width in _HEADER_LENGTHS:
        length = int.from_bytes(data[offset : offset + width], "big")
        header.append(data[offset + width : offset + width + length])
        offset += width + length
    ext, source, _ = header
    content_hash, count, signature_length, lead_length, profile_length = RECORD_PAYLOAD.unpack_from(
        data, offset
    )
    offset += RECORD_PAYLOAD.size
    signature = np.frombuffer(data[offset : offset + signature_length], dtype=signature_dtype)
    offset += signature_length
    lead = np.frombuffer(data[offset : offset + lead_length], dtype=">u8").astype(np.uint64)
    offset += lead_length
    return StoredArticle(
        id=ext.decode(),
        version=version,
        content_hash=content_hash,
        shingle_count=count,
        signature=signature,
        profile=data[offset : offset + profile_length],
        meta_json=data[offset + profile_length :],
        source=source.decode() or None,
        lead_keys=lead,
    )


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
        self._line_stats = client.register_script(redis_lua.LINE_STATS)
        self._document_frequencies = client.register_script(redis_lua.DOCUMENT_FREQUENCIES)
        self._signature_dtype = np.dtype("<u2" if config.signature_bits == 16 else "<u4")

    def _key(self, name: str) -> str:
        return self.prefix + name

    def _call(self, func, *args, **kwargs):
        try:
            return func(*args, **kwargs)
        except _CONNECTION_ERRORS as exc:
            raise StoreUnavailable(f"Redis is unreachable: {exc}") from exc

    def open(self) -> None:
        self._check_hash_encoding()
        manifest = json.dumps(
            {"version": self.config.version, "config": self.config.as_dict()}, sort_keys=True
        )
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

    def _run_scripts(self, calls: Sequence[tuple[Script, list]]) -> list:
        """Run Lua calls in one pipeline by SHA (redis-py's script pipelines first ask SCRIPT EXISTS,
        a second round trip). Calls the server lacks the script for (it restarted) are loaded and
        rerun; nothing else ran twice, since a missing script fails before doing anything."""
        replies = self._evalsha_pipeline(calls)
        missing = [i for i, reply in enumerate(replies) if isinstance(reply, redis.exceptions.NoScriptError)]
        if missing:
            for script in {calls[i][0] for i in missing}:
                self._call(self.client.script_load, script.script)
            for i, reply in zip(missing, self._evalsha_pipeline([calls[i] for i in missing])):
                replies[i] = reply
        for reply in replies:
            if isinstance(reply, Exception):
                raise reply
        return replies

    def _evalsha_pipeline(self, calls: Sequence[tuple[Script, list]]) -> list:
        """Replies in order, a failed call's error in its place (as a pipeline without raising)."""
        if not calls:
            return []
        if len(calls) == 1:  # a single request, without the cost of building a redis-py pipeline
            script, args = calls[0]
            try:
                return [self._call(self.client.evalsha, script.sha, 0, *args)]
            except redis.ResponseError as exc:
                return [exc]
        pipe = self.client.pipeline(transaction=False)
        for script, args in calls:
            pipe.evalsha(script.sha, 0, *args)
        return self._call(pipe.execute, raise_on_error=False)

    def _check_hash_encoding(self) -> None:
        """Warn when the server would store large indexes' hashes uncompacted (~3x the memory)."""
        for name, wanted in COMPACT_HASH_SETTINGS.items():
            try:
                setting = self._call(self.client.config_get, name).get(name)
            except redis.ResponseError:  # CONFIG disabled (managed Redis): nothing to check
                return
            if setting is not None and int(setting) < wanted:
                shown = name.replace("ziplist", "listpack")
                log.warning(
                    "Redis %s is %s: bucket hashes of large indexes lose their compact encoding and memory "
                    "per article grows up to ~3x. Set it to %d (redis.conf or CONFIG SET).",
                    shown,
                    setting,
                    wanted,
                )

    def manifest_matches(self) -> bool:
        stored = self._call(self.client.get, self._key("manifest"))
        return stored is not None and json.loads(stored).get("version") == self.config.version

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except _CONNECTION_ERRORS:
            return False

    def _stored(self, record: bytes | None) -> StoredArticle | None:
        return None if record is None else _decode_record(record, self._signature_dtype)

    def get(self, article_id: str) -> StoredArticle | None:
        internal = self._call(self.client.hget, self._key("ids"), article_id)
        if internal is None:
            return None
        return self._stored(self._call(self.client.get, self._prefix_bytes + b"d:" + internal))

    def candidates_many(self, queries: Sequence[CandidateQuery], limit: int, salient_only_limit: int):
        calls = []
        for query in queries:
            keys = _pack_bucket_keys(query.copy_keys) + _pack_bucket_keys(query.salient_keys)
            exclude = query.exclude_id or ""
            calls.append(
                (
                    self._candidates,
                    [
                        self.prefix,
                        exclude,
                        limit,
                        BUCKET_READ_CAP,
                        len(query.copy_keys),
                        keys,
                        salient_only_limit,
                    ],
                )
            )
        answers = []
        for reply in self._run_scripts(calls):
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
            old_bands = _pack_bucket_keys(previous_keys.band_keys) + _pack_bucket_keys(
                previous_keys.salient_keys
            )
            old_terms = _pack_terms(previous_keys.term_ids)
        return [
            self.prefix,
            record.id,
            str(previous.version) if previous else "",
            _pack_bucket_keys(record.band_keys) + _pack_bucket_keys(record.salient_keys),
            old_bands,
            _pack_terms(record.term_ids),
            old_terms,
            record.source or "",
            _template_keys(record.source, record.line_keys) if record.source else b"",
            "\n".join(record.neighbors),
            _sort_key(record.published_at),
            _encode_payload(record, self._signature_dtype),
            CLUSTER_WALK_CAP,
        ]

    @staticmethod
    def _cluster_info(reply: list) -> ClusterInfo:
        return ClusterInfo(canonical_id=reply[0].decode(), size=int(reply[1]), truncated=bool(reply[2]))

    def write_many(self, requests):
        calls = [
            (self._cluster, [self.prefix, request, CLUSTER_WALK_CAP])
            if isinstance(request, str)
            else (self._write, self._write_args(request))
            for request in requests
        ]
        results = []
        for request, reply in zip(requests, self._run_scripts(calls)):
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
                _pack_bucket_keys(keys.band_keys) + _pack_bucket_keys(keys.salient_keys),
                _pack_terms(keys.term_ids),
            ],
        )
        if reply == -1:
            raise WriteConflict(stored.id)
        return reply == 1

    def document_frequencies(self, term_ids: np.ndarray) -> tuple[int, np.ndarray]:
        (reply,) = self._run_scripts([(self._document_frequencies, [self.prefix, _pack_terms(term_ids)])])
        return int(reply[0]), np.asarray(reply[1:], dtype=np.int64)

    def line_stats_many(self, requests: Sequence[tuple[str, Sequence[str]]]) -> list[LineStats]:
        calls = [
            (self._line_stats, [self.prefix, source, _template_keys(source, keys)])
            for source, keys in requests
        ]
        stats = []
        for (_, keys), (doc_count, *counts) in zip(requests, self._run_scripts(calls)):
            stats.append(LineStats(doc_count=doc_count, counts={k: c for k, c in zip(keys, counts) if c}))
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
