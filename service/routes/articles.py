"""/v1/articles: index (upsert), read, delete, and list matches of stored articles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from indexer.engine import ArticleInput, cluster_id_for
from service.deps import IndexDep, ResourcesDep, RunnerDep, SettingsDep
from service.errors import LIBRARY_ERRORS, problem_for
from service.offload import inline_candidate
from service.presenters import index_out, json_response, match_out
from service.schemas import (
    ArticleContent,
    ArticleId,
    ArticleOut,
    BatchItemOut,
    BatchOut,
    BatchRequest,
    IndexOut,
    MatchesOut,
)

router = APIRouter(prefix="/v1/articles", tags=["articles"])

IdPath = Annotated[ArticleId, Path(description="The client's article id")]
Limit = Annotated[int | None, Query(gt=0, le=100, description="Most matches to return")]


@router.put("/{article_id}", response_model=IndexOut)
async def put_article(
    article_id: IdPath,
    content: ArticleContent,
    index: IndexDep,
    resources: ResourcesDep,
    settings: SettingsDep,
    run: RunnerDep,
    limit: Limit = None,
) -> Response:
    """Index (insert or replace) an article; returns the matches found at write time and its cluster."""

    def index_article() -> Response:
        result = index.upsert(resources.to_article(content, article_id), limit=limit or settings.match_limit)
        return json_response(index_out(result))

    return await run(index_article, may_inline=inline_candidate(content))


@router.post("/batch", response_model=BatchOut)
def put_batch(
    request: BatchRequest, index: IndexDep, resources: ResourcesDep, settings: SettingsDep
) -> Response:
    """Index up to `max_batch` articles as if in order, in a few Redis round trips for the batch;
    one item's failure does not fail the others."""
    if len(request.articles) > settings.max_batch:
        raise ValueError(f"a batch holds at most {settings.max_batch} articles, got {len(request.articles)}")
    outcomes: list = [None] * len(request.articles)
    ready: list[tuple[int, ArticleInput]] = []
    for position, item in enumerate(request.articles):
        try:
            ready.append((position, resources.to_article(item, item.id)))
        except LIBRARY_ERRORS as exc:  # e.g. HTML without article text: this item alone fails
            outcomes[position] = exc
    indexed = index.upsert_many([article for _, article in ready], limit=settings.match_limit)
    for (position, _), outcome in zip(ready, indexed):
        outcomes[position] = outcome
    results = []
    for item, outcome in zip(request.articles, outcomes):
        if isinstance(outcome, Exception):
            results.append(BatchItemOut(id=item.id, ok=False, error=problem_for(outcome)))
        else:
            results.append(BatchItemOut(id=item.id, ok=True, result=index_out(outcome)))
    return json_response(BatchOut(results=results))


@router.get("/{article_id}", response_model=ArticleOut)
async def get_article(article_id: IdPath, index: IndexDep, run: RunnerDep) -> Response:
    stored, cluster = await run(lambda: index.get(article_id))
    return json_response(
        ArticleOut(
            id=stored.id,
            cluster_id=cluster_id_for(cluster.canonical_id),
            canonical_id=cluster.canonical_id,
            cluster_size=cluster.size,
            shingles=stored.shingle_count,
            **{k: stored.meta.get(k) for k in ("title", "url", "source", "published_at")},
        )
    )


@router.delete("/{article_id}", status_code=204)
async def delete_article(article_id: IdPath, index: IndexDep, run: RunnerDep) -> Response:
    """Remove an article and every index entry of it; it is never returned again."""
    await run(lambda: index.delete(article_id))
    return Response(status_code=204)


@router.get("/{article_id}/matches", response_model=MatchesOut)
async def article_matches(
    article_id: IdPath, index: IndexDep, settings: SettingsDep, run: RunnerDep, limit: Limit = None
) -> Response:
    """The current matches of a stored article (recomputed from its stored fingerprints)."""
    matches = await run(lambda: index.matches_of(article_id, limit=limit or settings.match_limit))
    return json_response(MatchesOut(matches=[match_out(m) for m in matches]))
