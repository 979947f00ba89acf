"""Shape library results into response models (no logic beyond renaming and rounding)."""

from __future__ import annotations

import math

from fastapi import Response
from pydantic import BaseModel

from indexer.clean import CleanResult
from indexer.engine import IndexResult, Match, cluster_id_for
from indexer.similarity import SimilarityScores
from service.schemas import HeadlineOut, IndexOut, MatchOut, RemovedSpanOut, SharedPassage, Similarity


def similarity_out(scores: SimilarityScores) -> Similarity:
    return Similarity(
        cosine=round(scores.cosine, 4),
        title=None if math.isnan(scores.title) else round(scores.title, 4),
        salient_overlap=round(scores.salient_overlap, 4),
        alignment=round(scores.alignment, 4),
        paraphrase=round(scores.paraphrase, 4),
        same_story=round(scores.same_story, 4),
    )


def passages_out(scores: SimilarityScores | None) -> list[SharedPassage]:
    if scores is None:
        return []
    return [
        SharedPassage(
            query_sentence=q, match_sentence=m, query_start=qs, query_end=qe, match_start=ms, match_end=me
        )
        for (q, m), (qs, qe), (ms, me) in zip(
            scores.aligned_sentences, scores.query_spans, scores.match_spans
        )
    ]


def match_out(match: Match) -> MatchOut:
    return MatchOut(
        id=match.id,
        relation=match.relation,
        score=match.score,
        jaccard=match.jaccard,
        containment_query_in_match=match.query_in_match,
        containment_match_in_query=match.match_in_query,
        similarity=similarity_out(match.similarity) if match.similarity else None,
        shared_passages=passages_out(match.similarity),
        **{k: match.meta.get(k) for k in ("title", "url", "source", "published_at")},
    )


def removed_out(cleaned: CleanResult) -> list[RemovedSpanOut]:
    return [
        RemovedSpanOut(start=s.start, end=s.end, reason=s.reason, score=round(s.score, 4))
        for s in cleaned.spans
    ]


def headline_out(cleaned: CleanResult, source_text: str, title: str | None) -> HeadlineOut | None:
    """The headline line the cleaner kept, with its offsets; else the title it was given."""
    if cleaned.headline is not None:
        start, end = cleaned.headline
        return HeadlineOut(text=source_text[start:end], start=start, end=end)
    return HeadlineOut(text=title) if title and title.strip() else None


def index_out(result: IndexResult) -> IndexOut:
    return IndexOut(
        id=result.id,
        changed=result.changed,
        cluster_id=cluster_id_for(result.cluster.canonical_id),
        canonical_id=result.cluster.canonical_id,
        cluster_size=result.cluster.size,
        matches=[match_out(m) for m in result.matches],
        removed=removed_out(result.clean),
    )


def json_response(body: BaseModel) -> Response:
    """The body serialised once, by pydantic. Routes still declare `response_model` for the
    OpenAPI schema; returned as a model, FastAPI would validate it again, in another thread hop."""
    return Response(body.model_dump_json(), media_type="application/json")
