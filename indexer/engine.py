"""The `Index` facade: clean, fingerprint, find candidates, relate, store. Used by the service and CLI."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np

from indexer import similarity
from indexer.clean import CleanResult, clean_text, line_keys
from indexer.config import IndexConfig
from indexer.fingerprint import Fingerprint, fingerprinter_for
from indexer.relations import (
    COPY_RELATIONS,
    CopyEvidence,
    Relation,
    copy_evidence,
    copy_relation,
    relation_score,
)
from indexer.storage.base import (
    ArticleRecord,
    ArticleStore,
    ClusterInfo,
    PreviousKeys,
    StoredArticle,
    WriteConflict,
)

# Candidates fetched from the LSH per query; more than any real copy cluster needs to rank.
CANDIDATE_LIMIT = 64
_WRITE_ATTEMPTS = 5


class ArticleNotFound(KeyError):
    """No article with this id is indexed."""


@dataclass(frozen=True)
class ArticleInput:
    """An article as the pipeline sends it; `text` is plain text (HTML already extracted)."""

    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: datetime | None = None

    def meta(self) -> dict:
        published = _utc(self.published_at).isoformat() if self.published_at else None
        fields = {"title": self.title, "url": self.url, "source": self.source, "published_at": published}
        return {k: v for k, v in fields.items() if v is not None}


@dataclass(frozen=True)
class Match:
    id: str
    relation: Relation
    score: float
    jaccard: float
    query_in_match: float
    match_in_query: float
    similarity: similarity.SimilarityScores | None
    meta: dict


@dataclass(frozen=True)
class Comparison:
    relation: Relation | None
    score: float | None
    evidence: CopyEvidence
    similarity: similarity.SimilarityScores


@dataclass(frozen=True)
class IndexResult:
    id: str
    matches: list[Match]
    cluster: ClusterInfo
    clean: CleanResult
    changed: bool  # False when the same article was already stored (the PUT was a no-op)


@dataclass(frozen=True)
class Prepared:
    """The CPU-heavy part of indexing or querying one article: no I/O beyond template stats."""

    article: ArticleInput
    clean: CleanResult
    fingerprint: Fingerprint
    profile: similarity.SimilarityProfile
    profile_bytes: bytes
    salient_keys: np.ndarray
    line_keys: tuple[str, ...]



def _evidence(fingerprint: Fingerprint, content_hash: bytes, signature: np.ndarray, shingle_count: int) -> CopyEvidence:
    exact = content_hash == fingerprint.content_hash and fingerprint.shingle_count > 0
    return copy_evidence(fingerprint.signature, fingerprint.shingle_count, signature, shingle_count, exact=exact)


def verdict(evidence: CopyEvidence, scores: similarity.SimilarityScores | None) -> tuple[Relation | None, float | None]:
    """The relation and score of a pair: copy relations from shingles first, then reworded / same story."""
    relation = copy_relation(evidence)
    if relation == "exact":
        strength = 1.0
    elif relation == "near_duplicate":
        strength = evidence.jaccard
    elif relation == "syndicated":
        strength = max(evidence.query_in_match, evidence.match_in_query)
    elif scores is not None:
        relation = similarity.classify(scores)
        strength = scores.paraphrase if relation == "paraphrase" else scores.same_story
    if relation is None:
        return None, None
    return relation, relation_score(relation, strength)


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def published_key(moment: datetime | None) -> str:
    """Sortable form of published_at; unknown dates sort after every known one."""
    return _utc(moment).strftime("%Y-%m-%dT%H:%M:%S.%fZ") if moment else "~"


def cluster_id_for(canonical_id: str) -> str:
    """Stable cluster identifier derived from the canonical article's id."""
    return "c_" + hashlib.sha1(canonical_id.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class PendingTerms:
    """Document-frequency changes a write is about to make, so its matches are scored as after it."""

    added: np.ndarray
    removed: np.ndarray
    count_delta: int


NO_PENDING_TERMS = PendingTerms(np.empty(0, np.uint32), np.empty(0, np.uint32), 0)


class _IdfTable:
    """Smoothed IDF (sklearn's log((1+n)/(1+df))+1) of a known set of terms, in one round trip."""

    def __init__(self, store: ArticleStore, term_ids: np.ndarray, pending: PendingTerms = NO_PENDING_TERMS):
        self._terms = np.unique(term_ids.astype(np.uint32))
        total, df = store.document_frequencies(self._terms)
        df = df.astype(np.float64) + np.isin(self._terms, pending.added) - np.isin(self._terms, pending.removed)
        self._weights = np.log((1.0 + total + pending.count_delta) / (1.0 + df)) + 1.0

    def __call__(self, term_ids: np.ndarray) -> np.ndarray:
        """Weights of `term_ids`; ids outside the fetched set get the rarest weight seen."""
        if len(self._terms) == 0:
            return np.ones(len(term_ids))
        positions = np.minimum(np.searchsorted(self._terms, term_ids), len(self._terms) - 1)
        known = self._terms[positions] == term_ids
        return np.where(known, self._weights[positions], self._weights.max())


class Index:
    """Finds copies of articles and keeps the store up to date; thread-safe if the store is."""

    def __init__(self, store: ArticleStore, config: IndexConfig):
        self.store = store
        self.config = config
        self.fingerprinter = fingerprinter_for(config)

    # -- preparation -------------------------------------------------------------------------

    def clean(self, article: ArticleInput) -> CleanResult:
        """Clean with the source's learned template lines; reads statistics, never changes them."""
        keys = line_keys(article.text)
        template = self.store.line_stats(article.source, keys) if article.source else None
        return clean_text(article.text, title=article.title, template=template)

    def prepare(self, article: ArticleInput) -> Prepared:
        cleaned = self.clean(article)
        profile = similarity.similarity_profile(cleaned.text, article.title)
        return Prepared(
            article=article,
            clean=cleaned,
            fingerprint=self.fingerprinter.fingerprint(cleaned.text),
            profile=profile,
            profile_bytes=profile.to_bytes(),
            salient_keys=self.fingerprinter.salient_band_keys(similarity.salient_keys(profile)),
            line_keys=tuple(line_keys(article.text)),
        )

    def _stored_fingerprint(self, stored: StoredArticle) -> Fingerprint:
        return self.fingerprinter.fingerprint_from_stored(
            stored.content_hash, stored.shingle_count, stored.signature, stored.lead_keys
        )

    def _previous_keys(self, stored: StoredArticle) -> PreviousKeys:
        profile = similarity.SimilarityProfile.from_bytes(stored.profile)
        return PreviousKeys(
            band_keys=self._stored_fingerprint(stored).copy_keys,
            salient_keys=self.fingerprinter.salient_band_keys(similarity.salient_keys(profile)),
            term_ids=similarity.document_terms(profile),
        )

    # -- matching ----------------------------------------------------------------------------

    def _relate(
        self, prepared: Prepared, candidates: Sequence, limit: int, pending: PendingTerms = NO_PENDING_TERMS
    ) -> list[Match]:
        undecided: list[tuple[StoredArticle, CopyEvidence]] = []
        matches: list[Match] = []
        for candidate in candidates:
            stored = candidate.article
            evidence = _evidence(prepared.fingerprint, stored.content_hash, stored.signature, stored.shingle_count)
            relation, score = verdict(evidence, None)
            if relation is None:
                undecided.append((stored, evidence))
            else:
                matches.append(self._match(stored, relation, score, evidence, None))
        if undecided:
            # Shingles found no copy: reworded copies and same-story coverage are judged on terms.
            profiles = [similarity.SimilarityProfile.from_bytes(stored.profile) for stored, _ in undecided]
            terms = np.concatenate([similarity.document_terms(p) for p in [prepared.profile, *profiles]])
            idf = _IdfTable(self.store, terms, pending)
            for (stored, evidence), profile in zip(undecided, profiles):
                scores = similarity.compare(prepared.profile, profile, idf)
                relation, score = verdict(evidence, scores)
                if relation is not None:
                    matches.append(self._match(stored, relation, score, evidence, scores))
        # Equal scores (e.g. an original and its fuller re-send both containing a trimmed copy):
        # the closer text first.
        matches.sort(key=lambda m: (-m.score, -m.jaccard, m.id))
        return matches[:limit]

    @staticmethod
    def _match(stored: StoredArticle, relation, score, evidence, scores) -> Match:
        return Match(
            id=stored.id,
            relation=relation,
            score=score,
            jaccard=round(evidence.jaccard, 4),
            query_in_match=round(evidence.query_in_match, 4),
            match_in_query=round(evidence.match_in_query, 4),
            similarity=scores,
            meta=stored.meta,
        )

    def _candidates(self, prepared: Prepared, exclude_id: str | None):
        return self.store.candidates(prepared.fingerprint.copy_keys, prepared.salient_keys, exclude_id=exclude_id, limit=CANDIDATE_LIMIT)

    def match(self, article: ArticleInput, limit: int = 10) -> tuple[list[Match], CleanResult]:
        """Read-only: what the index holds that relates to this article."""
        prepared = self.prepare(article)
        candidates, _ = self._candidates(prepared, None)
        return self._relate(prepared, candidates, limit), prepared.clean

    def matches_of(self, article_id: str, limit: int = 10) -> list[Match]:
        """Matches of a stored article, recomputed from its stored fingerprint and profile."""
        stored = self.store.get(article_id)
        if stored is None:
            raise ArticleNotFound(article_id)
        keys = self._previous_keys(stored)
        fingerprint = self._stored_fingerprint(stored)
        prepared = Prepared(
            article=ArticleInput(text="", id=stored.id, **{k: stored.meta.get(k) for k in ("title", "url", "source")}),
            clean=CleanResult(text="", spans=()),
            fingerprint=fingerprint,
            profile=similarity.SimilarityProfile.from_bytes(stored.profile),
            profile_bytes=stored.profile,
            salient_keys=keys.salient_keys,
            line_keys=stored.line_keys,
        )
        candidates, _ = self._candidates(prepared, article_id)
        return self._relate(prepared, candidates, limit)

    def compare(self, a: ArticleInput, b: ArticleInput) -> Comparison:
        """Relate two articles without touching the index (document frequencies are only read)."""
        first, second = self.prepare(a), self.prepare(b)
        evidence = _evidence(
            first.fingerprint, second.fingerprint.content_hash, second.fingerprint.signature,
            second.fingerprint.shingle_count,
        )
        terms = np.concatenate([similarity.document_terms(first.profile), similarity.document_terms(second.profile)])
        idf = _IdfTable(self.store, terms)
        scores = similarity.compare(first.profile, second.profile, idf)
        relation, score = verdict(evidence, scores)
        return Comparison(relation, score, evidence, scores)

    # -- writing -----------------------------------------------------------------------------

    def upsert(self, article: ArticleInput, limit: int = 10) -> IndexResult:
        """Index (insert or replace) an article and return what it matched at write time."""
        if not article.id:
            raise ValueError("an article to index needs an id")
        prepared = self.prepare(article)
        for _ in range(_WRITE_ATTEMPTS):
            candidates, previous = self._candidates(prepared, article.id)
            if previous is not None and self._unchanged(previous, prepared):
                matches = self._relate(prepared, candidates, limit)
                return IndexResult(article.id, matches, self.store.cluster(article.id), prepared.clean, changed=False)
            previous_keys = self._previous_keys(previous) if previous else None
            pending = PendingTerms(
                added=similarity.document_terms(prepared.profile),
                removed=previous_keys.term_ids if previous_keys else NO_PENDING_TERMS.removed,
                count_delta=0 if previous else 1,
            )
            matches = self._relate(prepared, candidates, limit, pending)
            record = ArticleRecord(
                id=article.id,
                content_hash=prepared.fingerprint.content_hash,
                shingle_count=prepared.fingerprint.shingle_count,
                signature=prepared.fingerprint.signature,
                profile=prepared.profile_bytes,
                meta=article.meta(),
                published_key=published_key(article.published_at),
                source=article.source,
                line_keys=prepared.line_keys if article.source else (),
                band_keys=prepared.fingerprint.copy_keys,
                lead_keys=prepared.fingerprint.lead_keys,
                salient_keys=prepared.salient_keys,
                term_ids=similarity.document_terms(prepared.profile),
                neighbors=tuple(m.id for m in matches if m.relation in COPY_RELATIONS),
            )
            try:
                written = self.store.write(record, previous, previous_keys)
            except WriteConflict:
                continue
            return IndexResult(article.id, matches, written.cluster, prepared.clean, changed=True)
        raise WriteConflict(f"article {article.id!r} kept changing during {_WRITE_ATTEMPTS} attempts")

    @staticmethod
    def _unchanged(previous: StoredArticle, prepared: Prepared) -> bool:
        return (
            previous.content_hash == prepared.fingerprint.content_hash
            and previous.profile == prepared.profile_bytes
            and previous.meta == prepared.article.meta()
            and previous.source == prepared.article.source
        )

    def get(self, article_id: str) -> tuple[StoredArticle, ClusterInfo]:
        stored = self.store.get(article_id)
        cluster = self.store.cluster(article_id) if stored else None
        if stored is None or cluster is None:
            raise ArticleNotFound(article_id)
        return stored, cluster

    def delete(self, article_id: str) -> None:
        for _ in range(_WRITE_ATTEMPTS):
            stored = self.store.get(article_id)
            if stored is None:
                raise ArticleNotFound(article_id)
            try:
                self.store.delete(stored, self._previous_keys(stored))
                return
            except WriteConflict:
                continue
        raise WriteConflict(f"article {article_id!r} kept changing during {_WRITE_ATTEMPTS} attempts")
