"""Read-only endpoints: match, compare and clean an article without storing anything."""

from __future__ import annotations

from fastapi import APIRouter, Response

from service.deps import IndexDep, ResourcesDep, RunnerDep, SettingsDep
from service.offload import inline_candidate
from service.presenters import (
    headline_out,
    json_response,
    match_out,
    passages_out,
    removed_out,
    similarity_out,
)
from service.schemas import ArticleContent, ArticleQuery, CleanOut, CompareOut, CompareRequest, MatchesOut

router = APIRouter(prefix="/v1", tags=["queries"])


@router.post("/matches", response_model=MatchesOut)
async def find_matches(
    query: ArticleQuery, index: IndexDep, resources: ResourcesDep, settings: SettingsDep, run: RunnerDep
) -> Response:
    """What the index holds that relates to this article; nothing is stored."""

    def match_article() -> Response:
        matches, cleaned = index.match(resources.to_article(query), limit=query.limit or settings.match_limit)
        return json_response(
            MatchesOut(matches=[match_out(m) for m in matches], removed=removed_out(cleaned))
        )

    return await run(match_article, may_inline=inline_candidate(query))


@router.post("/compare", response_model=CompareOut)
def compare(request: CompareRequest, index: IndexDep, resources: ResourcesDep) -> Response:
    """The relation and every score of two articles, without touching the index."""
    result = index.compare(resources.to_article(request.a), resources.to_article(request.b))
    return json_response(
        CompareOut(
            relation=result.relation,
            score=result.score,
            jaccard=round(result.evidence.jaccard, 4),
            containment_a_in_b=round(result.evidence.query_in_match, 4),
            containment_b_in_a=round(result.evidence.match_in_query, 4),
            similarity=similarity_out(result.similarity),
            shared_passages=passages_out(result.similarity),
        )
    )


@router.post("/clean", response_model=CleanOut)
def clean(content: ArticleContent, index: IndexDep, resources: ResourcesDep) -> Response:
    """Clutter and off-topic spans of a page, with offsets into `source_text`; reads, never learns."""
    article = resources.to_article(content)
    cleaned = index.clean(article)
    return json_response(
        CleanOut(
            text=cleaned.text,
            source_text=article.text,
            removed=removed_out(cleaned),
            headline=headline_out(cleaned, article.text, article.title),
        )
    )
