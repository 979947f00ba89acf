"""The `Index` facade: clean, fingerprint, find candidates, relate, store. Used by the service and CLI."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import numpy as np

from indexer import similarity
from indexer.clean import DEFAULT_SETTINGS, EXTRACTED_SETTINGS, CleanResult, clean_text, line_keys
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
from indexer.semantic import SemanticScorer, cosine
from indexer.sorted_arrays import distinct, run_starts
from indexer.storage.base import (
    ArticleRecord,
    ArticleStore,
    Candidate,
    CandidateQuery,
    ClusterInfo,
    LineStats,
    PreviousKeys,
    StoredArticle,
    WriteConflict,
    WriteRequest,
)

# Candidates fetched from the LSH per query; more than any real copy cluster needs to rank.
CANDIDATE_LIMIT = 64
# Of those that are no copy by shingles, the best-ranked this many are scored for paraphrase and
# same story. A query sharing one common salient band with dozens of articles (a company name and
# a round figure), or a story with dozens of reworded versions, pays ~0.15 ms per comparison
# otherwise, and its latency grows with the story (bench/copies.py is the same at 8 as at 16).
SIMILARITY_CANDIDATE_LIMIT = 8
# Candidates sharing salient keys only come last and are no copy by shingles: beyond the
# similarity limit they would only be fetched and decoded to be dropped. At 1M articles a story has
# dozens of versions, and a query ~27 such candidates (the store stops at this many).
SALIENT_ONLY_LIMIT = SIMILARITY_CANDIDATE_LIMIT
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
    # The text is an extractor's output, whose navigation is already gone: cleaned more gently.
    extracted_from_html: bool = False

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


def _evidence(
    fingerprint: Fingerprint, content_hash: bytes, signature: np.ndarray, shingle_count: int
) -> CopyEvidence:
    exact = content_hash == fingerprint.content_hash and fingerprint.shingle_count > 0
    return copy_evidence(
        fingerprint.signature, fingerprint.shingle_count, signature, shingle_count, exact=exact
    )


def verdict(
    evidence: CopyEvidence, scores: similarity.SimilarityScores | None
) -> tuple[Relation | None, float | None]:
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
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def cluster_id_for(canonical_id: str) -> str:
    """Stable cluster identifier derived from the canonical article's id."""
    return "c_" + hashlib.sha1(canonical_id.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class PendingTerms:
    """Document-frequency changes the writes before a match are about to make (itself included),
    so its matches are scored as they will be once written: a repeated PUT answers the same.

    The arrays are the whole batch's changes in batch order; this article's are the first
    `added_end` / `removed_end` of them."""

    added: np.ndarray  # term ids, repeated once per article adding them
    removed: np.ndarray
    added_end: int
    removed_end: int
    count_delta: int


NO_PENDING_TERMS = PendingTerms(np.empty(0, np.uint32), np.empty(0, np.uint32), 0, 0, 0)


@dataclass
class _PendingCount:
    """How often each snapshot term occurs in `terms[:end]`, carried forward as `end` grows."""

    terms: np.ndarray
    slots: np.ndarray  # snapshot position of each of `terms`, or one past the snapshot if absent
    end: int
    counts: np.ndarray  # float64, one per snapshot term and one for the absent


@dataclass(frozen=True)
class DocumentFrequencies:
    """A snapshot of the store's document frequencies for a sorted set of terms (one round trip)."""

    terms: np.ndarray
    counts: np.ndarray
    total: int
    _pending: dict[int, _PendingCount] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def fetch(cls, store: ArticleStore, term_ids: np.ndarray) -> DocumentFrequencies:
        terms = distinct(term_ids.astype(np.uint32))
        total, counts = store.document_frequencies(terms) if len(terms) else (0, np.empty(0, np.int64))
        return cls(terms, counts.astype(np.float64), total)

    def _occurrences(self, term_ids: np.ndarray, end: int) -> np.ndarray:
        """How often each snapshot term occurs in `term_ids[:end]`. A batch asks for growing
        prefixes of one array, so it is located in the snapshot once and counted on from the
        last prefix (re-counting each prefix made a batch quadratic)."""
        count = self._pending.get(id(term_ids))
        if count is None or count.terms is not term_ids or count.end > end:
            slots = self._slots(term_ids)
            count = self._pending[id(term_ids)] = _PendingCount(
                term_ids, slots, 0, np.zeros(len(self.terms) + 1)
            )
        np.add.at(count.counts, count.slots[count.end : end], 1.0)
        count.end = end
        return count.counts[:-1]

    def idf(self, pending: PendingTerms = NO_PENDING_TERMS):
        """sklearn's smoothed IDF, log((1+n)/(1+df))+1, as a callable over term ids."""
        counts = self.counts
        if pending.added_end or pending.removed_end:
            counts = (
                counts
                + self._occurrences(pending.added, pending.added_end)
                - self._occurrences(pending.removed, pending.removed_end)
            )
        weights = np.log((1.0 + self.total + pending.count_delta) / (1.0 + counts)) + 1.0
        if not len(weights):
            return lambda term_ids: np.ones(len(term_ids))
        by_slot = np.append(weights, weights.max())  # ids outside the snapshot: the rarest weight seen

        def idf(term_ids: np.ndarray) -> np.ndarray:
            return by_slot[self._slots(term_ids)]

        return idf

    def _slots(self, term_ids: np.ndarray) -> np.ndarray:
        """Position of each of `term_ids` in the snapshot, or one past its end where absent."""
        if not len(self.terms):
            return np.zeros(len(term_ids), dtype=np.intp)
        positions = np.minimum(np.searchsorted(self.terms, term_ids), len(self.terms) - 1)
        return np.where(self.terms[positions] == term_ids, positions, len(self.terms))


@dataclass
class _Upsert:
    """One article on its way through a batch: what it matched and what it will write."""

    position: int
    prepared: Prepared
    candidates: list[Candidate]
    previous: StoredArticle | None
    previous_keys: PreviousKeys | None = None
    changed: bool = True
    matches: list[Match] = field(default_factory=list)


class Index:
    """Finds copies of articles and keeps the store up to date; thread-safe if the store is."""

    def __init__(self, store: ArticleStore, config: IndexConfig, semantic: SemanticScorer | None = None):
        """`semantic` (optional extra) scores same-story in `compare` by sentence embeddings; the
        index itself stays lexical, since match texts are not stored to embed."""
        self.store = store
        self.config = config
        self.fingerprinter = fingerprinter_for(config)
        self.semantic = semantic

    # -- preparation -------------------------------------------------------------------------

    def clean(self, article: ArticleInput) -> CleanResult:
        """Clean with the source's learned template lines; reads statistics, never changes them."""
        keys = tuple(line_keys(article.text))
        return self._clean(article, self._templates([article], [keys])[0])

    def prepare(self, article: ArticleInput) -> Prepared:
        return self._prepare_many([article])[0]

    def _templates(
        self, articles: Sequence[ArticleInput], keys: Sequence[tuple[str, ...]]
    ) -> list[LineStats | None]:
        """Each article's source template statistics (None without a source), in one round trip."""
        with_source = [i for i, article in enumerate(articles) if article.source]
        stats = dict(
            zip(with_source, self.store.line_stats_many([(articles[i].source, keys[i]) for i in with_source]))
        )
        return [stats.get(i) for i in range(len(articles))]

    @staticmethod
    def _clean(article: ArticleInput, template: LineStats | None) -> CleanResult:
        settings = EXTRACTED_SETTINGS if article.extracted_from_html else DEFAULT_SETTINGS
        return clean_text(article.text, title=article.title, template=template, settings=settings)

    def _prepare_many(self, articles: Sequence[ArticleInput]) -> list[Prepared]:
        """Template statistics for all sources in one round trip, then the CPU work per article."""
        keys = [tuple(line_keys(article.text)) for article in articles]
        templates = self._templates(articles, keys)
        return [self._prepare(a, k, t) for a, k, t in zip(articles, keys, templates)]

    def _prepare(self, article: ArticleInput, keys: tuple[str, ...], template: LineStats | None) -> Prepared:
        cleaned = self._clean(article, template)
        profile = similarity.similarity_profile(cleaned.text, article.title)
        return Prepared(
            article=article,
            clean=cleaned,
            fingerprint=self.fingerprinter.fingerprint(cleaned.text),
            profile=profile,
            profile_bytes=profile.to_bytes(),
            salient_keys=self._salient_keys(profile),
            line_keys=keys,
        )

    def _salient_keys(self, profile: similarity.SimilarityProfile) -> np.ndarray:
        return self.fingerprinter.salient_band_keys(similarity.salient_keys(profile))

    def _stored_fingerprint(self, stored: StoredArticle) -> Fingerprint:
        return self.fingerprinter.fingerprint_from_stored(
            stored.content_hash, stored.shingle_count, stored.signature, stored.lead_keys
        )

    def _previous_keys(self, stored: StoredArticle) -> PreviousKeys:
        profile = similarity.SimilarityProfile.from_bytes(stored.profile)
        return PreviousKeys(
            band_keys=self._stored_fingerprint(stored).copy_keys,
            salient_keys=self._salient_keys(profile),
            term_ids=similarity.document_terms(profile),
        )

    # -- matching ----------------------------------------------------------------------------

    def _relate_many(
        self, batch: Sequence[tuple[Prepared, Sequence[Candidate], PendingTerms]], limit: int
    ) -> list[list[Match]]:
        """Matches of each prepared article among its candidates; one IDF round trip for all."""
        copies: list[list[Match]] = []
        undecided: list[list[tuple[StoredArticle, CopyEvidence]]] = []
        for prepared, candidates, _ in batch:
            copies.append([])
            undecided.append([])
            for candidate in candidates:
                stored = candidate.article
                evidence = _evidence(
                    prepared.fingerprint, stored.content_hash, stored.signature, stored.shingle_count
                )
                relation, score = verdict(evidence, None)
                if relation is not None:
                    copies[-1].append(self._match(stored, relation, score, evidence, None))
                elif len(undecided[-1]) < SIMILARITY_CANDIDATE_LIMIT:
                    undecided[-1].append((stored, evidence))
        # Shingles found no copy: reworded copies and same-story coverage are judged on terms.
        profiles = {
            id(stored): similarity.SimilarityProfile.from_bytes(stored.profile)
            for pairs in undecided
            for stored, _ in pairs
        }
        frequencies = None
        if profiles:
            terms = [
                similarity.document_terms(prepared.profile)
                for (prepared, _, _), pairs in zip(batch, undecided)
                if pairs
            ]
            terms += [similarity.document_terms(profile) for profile in profiles.values()]
            frequencies = DocumentFrequencies.fetch(self.store, np.concatenate(terms))
        results = []
        for (prepared, _, pending), matches, pairs in zip(batch, copies, undecided):
            idf = frequencies.idf(pending) if pairs else None
            for stored, evidence in pairs:
                scores = similarity.compare(prepared.profile, profiles[id(stored)], idf)
                relation, score = verdict(evidence, scores)
                if relation is not None:
                    matches.append(self._match(stored, relation, score, evidence, scores))
            # Equal scores (e.g. an original and its fuller re-send both containing a trimmed
            # copy): the closer text first.
            matches.sort(key=lambda m: (-m.score, -m.jaccard, m.id))
            results.append(matches[:limit])
        return results

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

    @staticmethod
    def _query(prepared: Prepared, exclude_id: str | None = None) -> CandidateQuery:
        return CandidateQuery(prepared.fingerprint.copy_keys, prepared.salient_keys, exclude_id)

    def _candidates(
        self, queries: Sequence[CandidateQuery]
    ) -> list[tuple[list[Candidate], StoredArticle | None]]:
        """The store's candidates for each query, within the engine's limits (one round trip)."""
        return self.store.candidates_many(queries, CANDIDATE_LIMIT, SALIENT_ONLY_LIMIT)

    def match(self, article: ArticleInput, limit: int = 10) -> tuple[list[Match], CleanResult]:
        """Read-only: what the index holds that relates to this article."""
        prepared = self.prepare(article)
        candidates, _ = self._candidates([self._query(prepared)])[0]
        return self._relate_many([(prepared, candidates, NO_PENDING_TERMS)], limit)[0], prepared.clean

    def matches_of(self, article_id: str, limit: int = 10) -> list[Match]:
        """Matches of a stored article, recomputed from its stored fingerprint and profile."""
        stored = self.store.get(article_id)
        if stored is None:
            raise ArticleNotFound(article_id)
        profile = similarity.SimilarityProfile.from_bytes(stored.profile)
        prepared = Prepared(
            article=ArticleInput(
                text="", id=stored.id, **{k: stored.meta.get(k) for k in ("title", "url", "source")}
            ),
            clean=CleanResult(text="", spans=()),
            fingerprint=self._stored_fingerprint(stored),
            profile=profile,
            profile_bytes=stored.profile,
            salient_keys=self._salient_keys(profile),
            line_keys=(),
        )
        candidates, _ = self._candidates([self._query(prepared, article_id)])[0]
        return self._relate_many([(prepared, candidates, NO_PENDING_TERMS)], limit)[0]

    def compare(self, a: ArticleInput, b: ArticleInput) -> Comparison:
        """Relate two articles without touching the index (document frequencies are only read)."""
        first, second = self._prepare_many([a, b])
        evidence = _evidence(
            first.fingerprint,
            second.fingerprint.content_hash,
            second.fingerprint.signature,
            second.fingerprint.shingle_count,
        )
        terms = np.concatenate(
            [similarity.document_terms(first.profile), similarity.document_terms(second.profile)]
        )
        scores = similarity.compare(
            first.profile, second.profile, DocumentFrequencies.fetch(self.store, terms).idf()
        )
        if self.semantic is not None:
            closeness = cosine(
                self.semantic.embed(a.title, first.clean.text),
                self.semantic.embed(b.title, second.clean.text),
            )
            scores = replace(scores, same_story=self.semantic.same_story(closeness))
        relation, score = verdict(evidence, scores)
        return Comparison(relation, score, evidence, scores)

    # -- writing -----------------------------------------------------------------------------

    def upsert(self, article: ArticleInput, limit: int = 10) -> IndexResult:
        """Index (insert or replace) an article and return what it matched at write time."""
        result = self.upsert_many([article], limit)[0]
        if isinstance(result, Exception):
            raise result
        return result

    def upsert_many(self, articles: Sequence[ArticleInput], limit: int = 10) -> list[IndexResult | Exception]:
        """Index articles as if one after another, in a few round trips for the whole batch.

        An article sees those before it in the batch (found in memory: they are not written yet);
        an id repeated in the batch waits for a later round. Each result is an `IndexResult`, or
        the exception that failed that article alone.
        """
        results: list[IndexResult | Exception | None] = [None] * len(articles)
        for position, article in enumerate(articles):
            if not article.id:
                results[position] = ValueError("an article to index needs an id")
        waiting = [position for position, result in enumerate(results) if result is None]
        conflict_rounds = 0
        while waiting:
            this_round, later, ids = [], [], set()
            for position in waiting:
                (later if articles[position].id in ids else this_round).append(position)
                ids.add(articles[position].id)
            conflicted = self._upsert_round(articles, this_round, limit, results)
            conflict_rounds = conflict_rounds + 1 if conflicted else 0
            if conflict_rounds >= _WRITE_ATTEMPTS:
                for position in conflicted:
                    results[position] = WriteConflict(articles[position].id)
                conflicted = []
            waiting = sorted(conflicted + later)
        return results

    def _upsert_round(
        self, articles: Sequence[ArticleInput], positions: list[int], limit: int, results: list
    ) -> list[int]:
        """Upsert articles with distinct ids; returns the positions whose write met a conflict."""
        prepared = self._prepare_many([articles[p] for p in positions])
        found = self._candidates([self._query(pr, pr.article.id) for pr in prepared])
        upserts = [
            _Upsert(p, pr, list(cands), own) for p, pr, (cands, own) in zip(positions, prepared, found)
        ]
        self._add_batch_candidates(upserts)
        added, removed, pending_sizes = [], [], []
        n_added = n_removed = new_articles = 0
        for upsert in upserts:
            upsert.changed = upsert.previous is None or not self._unchanged(upsert.previous, upsert.prepared)
            if upsert.changed:
                added.append(similarity.document_terms(upsert.prepared.profile))
                n_added += len(added[-1])
                if upsert.previous is None:
                    new_articles += 1
                else:
                    upsert.previous_keys = self._previous_keys(upsert.previous)
                    removed.append(upsert.previous_keys.term_ids)
                    n_removed += len(removed[-1])
            pending_sizes.append((n_added, n_removed, new_articles))
        # Each article's pending changes are a prefix of the whole batch's.
        all_added, all_removed = _joined(added), _joined(removed)
        batch = [
            (
                upsert.prepared,
                upsert.candidates,
                PendingTerms(all_added, all_removed, added_end, removed_end, new),
            )
            for upsert, (added_end, removed_end, new) in zip(upserts, pending_sizes)
        ]
        for upsert, matches in zip(upserts, self._relate_many(batch, limit)):
            upsert.matches = matches
        requests = [self._write_request(u) if u.changed else u.prepared.article.id for u in upserts]
        conflicted = []
        for upsert, outcome in zip(upserts, self.store.write_many(requests)):
            if outcome is None or isinstance(outcome, WriteConflict):
                conflicted.append(upsert.position)
                continue
            cluster = outcome.cluster if upsert.changed else outcome
            prepared = upsert.prepared
            results[upsert.position] = IndexResult(
                prepared.article.id, upsert.matches, cluster, prepared.clean, changed=upsert.changed
            )
        return conflicted

    def _add_batch_candidates(self, upserts: list[_Upsert]) -> None:
        """Let each article see the earlier ones of its batch, which replace their stored versions."""
        copy_hits = _earlier_key_holders([u.prepared.fingerprint.copy_keys for u in upserts])
        salient_hits = _earlier_key_holders([u.prepared.salient_keys for u in upserts])
        earlier_ids: set[str] = set()
        for i, upsert in enumerate(upserts):
            upsert.candidates = [c for c in upsert.candidates if c.article.id not in earlier_ids]
            copies, salient = copy_hits.get(i, Counter()), salient_hits.get(i, Counter())
            for j in sorted(copies.keys() | salient.keys()):
                upsert.candidates.append(Candidate(_as_stored(upserts[j].prepared), copies[j], salient[j]))
            # The store's order, as if the earlier ones were stored (their ids would sort last).
            upsert.candidates.sort(key=lambda c: (-c.copy_hits, -c.salient_hits))
            del upsert.candidates[CANDIDATE_LIMIT:]
            earlier_ids.add(upsert.prepared.article.id)

    @staticmethod
    def _write_request(upsert: _Upsert) -> WriteRequest:
        prepared, article = upsert.prepared, upsert.prepared.article
        record = ArticleRecord(
            id=article.id,
            content_hash=prepared.fingerprint.content_hash,
            shingle_count=prepared.fingerprint.shingle_count,
            signature=prepared.fingerprint.signature,
            profile=prepared.profile_bytes,
            meta=article.meta(),
            published_at=_utc(article.published_at) if article.published_at else None,
            source=article.source,
            line_keys=prepared.line_keys if article.source else (),
            band_keys=prepared.fingerprint.copy_keys,
            lead_keys=prepared.fingerprint.lead_keys,
            salient_keys=prepared.salient_keys,
            term_ids=similarity.document_terms(prepared.profile),
            neighbors=tuple(m.id for m in upsert.matches if m.relation in COPY_RELATIONS),
        )
        return WriteRequest(record, upsert.previous, upsert.previous_keys)

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
        raise WriteConflict(article_id)


def _earlier_key_holders(keys: list[np.ndarray]) -> dict[int, Counter]:
    """For each article of a batch (by position), how many of its keys each earlier one holds.
    Keys are sorted once for the whole batch; only keys held more than once are walked."""
    if len(keys) < 2:
        return {}
    flat = np.concatenate(keys)
    owners = np.repeat(np.arange(len(keys)), [len(k) for k in keys])
    order = np.argsort(flat, kind="stable")  # stable: the owners of a key stay in batch order
    flat, owners = flat[order], owners[order]
    starts = run_starts(flat)
    ends = np.append(starts[1:], len(flat))
    shared = ends - starts > 1
    holders: dict[int, Counter] = {}
    for start, end in zip(starts[shared].tolist(), ends[shared].tolist()):
        members = owners[start:end].tolist()
        for later, article in enumerate(members):
            for earlier in members[:later]:
                if earlier != article:
                    holders.setdefault(article, Counter())[earlier] += 1
    return holders


def _joined(arrays: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(arrays) if arrays else np.empty(0, np.uint32)


def _as_stored(prepared: Prepared) -> StoredArticle:
    """An article earlier in the same batch, seen as it will be stored."""
    return StoredArticle(
        id=prepared.article.id,
        version=0,
        content_hash=prepared.fingerprint.content_hash,
        shingle_count=prepared.fingerprint.shingle_count,
        signature=prepared.fingerprint.signature,
        profile=prepared.profile_bytes,
        meta_json=json.dumps(prepared.article.meta()).encode(),
    )
