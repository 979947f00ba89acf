"""The storage interface: what the engine needs from a backend, and nothing about keys.

Shape borrowed from datasketch's `storage.py`: a small interface over swappable backends, one
module per backend. Band keys, term ids and line keys arrive already computed; a backend only
files and finds them, atomically per article.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

import numpy as np


class ConfigMismatch(RuntimeError):
    """The store was written under another `IndexConfig`; it must be rebuilt with `syndetect reindex`."""


class StoreUnavailable(RuntimeError):
    """The backend cannot be reached right now; callers may retry later."""


class WriteConflict(RuntimeError):
    """The article changed between read and write; the engine re-reads and retries."""


@dataclass(frozen=True)
class ArticleRecord:
    """Everything stored for one article (its text is not stored)."""

    id: str
    content_hash: bytes
    shingle_count: int
    signature: np.ndarray  # MinHash signature of the body shingles (`IndexConfig.signature_bits` wide)
    profile: bytes  # serialised `similarity.SimilarityProfile`
    meta: dict  # title, url, source, published_at as given by the client
    published_at: datetime | None  # the earliest published copy becomes the cluster's canonical
    source: str | None
    line_keys: tuple[str, ...]  # template-line candidates counted for `source`
    band_keys: np.ndarray  # uint64, every copy key: shingle bands, exact-content key, lead bands
    lead_keys: np.ndarray  # uint64, the lead bands again, stored to undo them later
    salient_keys: np.ndarray  # uint64, salient-term LSH bands
    term_ids: np.ndarray  # uint32, distinct hashed terms counted in document frequencies
    neighbors: tuple[str, ...] = ()  # ids of articles this one is a copy of / copied by


@dataclass(frozen=True)
class StoredArticle:
    """An article as read back: enough to score it (and, read in full, to undo its index entries)."""

    id: str
    version: int
    content_hash: bytes
    shingle_count: int
    signature: np.ndarray
    profile: bytes
    meta_json: bytes
    source: str | None = None
    lead_keys: np.ndarray = field(default_factory=lambda: np.empty(0, np.uint64))

    @cached_property
    def meta(self) -> dict:
        """Decoded on first use: most candidates are scored and dropped without it. A backend may
        keep the source out of `meta_json`, since it stores it on its own."""
        meta = json.loads(self.meta_json)
        if self.source:
            meta["source"] = self.source
        return meta


@dataclass(frozen=True)
class Candidate:
    """An article proposed by the LSH, with how many bands of each family it shared."""

    article: StoredArticle
    copy_hits: int
    salient_hits: int


@dataclass(frozen=True)
class ClusterInfo:
    canonical_id: str
    size: int
    truncated: bool = False  # the walk stopped at the size cap


@dataclass(frozen=True)
class LineStats:
    """Per-source template statistics (implements `indexer.clean.TemplateStats`)."""

    doc_count: int
    counts: dict[str, int] = field(default_factory=dict)

    def line_count(self, key: str) -> int:
        return self.counts.get(key, 0)


@dataclass(frozen=True)
class WriteResult:
    cluster: ClusterInfo
    version: int


@dataclass(frozen=True)
class CandidateQuery:
    copy_keys: np.ndarray  # uint64 keys proposing copies (shingle bands, exact key, lead bands)
    salient_keys: np.ndarray  # uint64 keys proposing reworded copies and same-story coverage
    exclude_id: str | None = None  # the article being written: returned apart, as its previous version


@dataclass(frozen=True)
class WriteRequest:
    record: ArticleRecord
    previous: StoredArticle | None
    previous_keys: PreviousKeys | None


class ArticleStore(ABC):
    """Files articles under their band keys and finds candidates; batched calls are one round trip."""

    @abstractmethod
    def open(self) -> None:
        """Check or write the config manifest; raises `ConfigMismatch` for a store of another config."""

    @abstractmethod
    def manifest_matches(self) -> bool:
        """Whether the stored manifest is this config's (False when missing or different)."""

    @abstractmethod
    def get(self, article_id: str) -> StoredArticle | None: ...

    @abstractmethod
    def candidates_many(
        self, queries: Sequence[CandidateQuery], limit: int, salient_only_limit: int
    ) -> list[tuple[list[Candidate], StoredArticle | None]]:
        """Per query: up to `limit` articles sharing a key, most copy keys first, then most salient
        keys; of those sharing salient keys only, the first `salient_only_limit`. And the stored
        `exclude_id` article if any."""

    def candidates(
        self, query: CandidateQuery, limit: int, salient_only_limit: int
    ) -> tuple[list[Candidate], StoredArticle | None]:
        return self.candidates_many([query], limit, salient_only_limit)[0]

    @abstractmethod
    def write_many(
        self, requests: Sequence[WriteRequest | str]
    ) -> list[WriteResult | WriteConflict | ClusterInfo | None]:
        """Apply in order, each atomically: a `WriteRequest` inserts or replaces (a `WriteConflict`
        in its place if its `previous` is no longer current); a bare id reads that article's cluster."""

    def write(self, request: WriteRequest) -> WriteResult:
        result = self.write_many([request])[0]
        if isinstance(result, WriteConflict):
            raise result
        return result

    @abstractmethod
    def delete(self, stored: StoredArticle, keys: PreviousKeys) -> bool: ...

    def cluster(self, article_id: str) -> ClusterInfo | None:
        return self.write_many([article_id])[0]

    @abstractmethod
    def document_frequencies(self, term_ids: np.ndarray) -> tuple[int, np.ndarray]:
        """The number of articles, and how many contain each term (counted online, never refit)."""

    @abstractmethod
    def line_stats_many(self, requests: Sequence[tuple[str, Sequence[str]]]) -> list[LineStats]:
        """Per (source, line keys): the source's template statistics for those lines."""

    def line_stats(self, source: str, keys: Sequence[str]) -> LineStats:
        return self.line_stats_many([(source, keys)])[0]

    @abstractmethod
    def stats(self) -> dict: ...

    @abstractmethod
    def ping(self) -> bool: ...

    @abstractmethod
    def clear(self) -> None:
        """Remove every key of this namespace (used by `reindex` and tests)."""


@dataclass(frozen=True)
class PreviousKeys:
    """Index entries of a stored article, re-derived from it so they can be removed."""

    band_keys: np.ndarray
    salient_keys: np.ndarray
    term_ids: np.ndarray
