"""Request and response bodies of the HTTP API (pydantic models; OpenAPI at /docs)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr, model_validator

_ID_PATTERN = re.compile(r"^[^\x00-\x1f\x7f]{1,256}$")


def _check_article_id(value: str) -> str:
    if not _ID_PATTERN.match(value) or not value.strip():
        raise ValueError("an article id is 1-256 characters, not blank, without control characters")
    return value


ArticleId = Annotated[StrictStr, AfterValidator(_check_article_id)]


class ArticleContent(BaseModel):
    """An article's body as plain text (one paragraph a line) or as an HTML page, with metadata."""

    model_config = ConfigDict(extra="forbid")

    text: StrictStr | None = Field(None, description="Plain text, one paragraph a line")
    html: StrictStr | None = Field(None, description="An HTML page; its article text is extracted")
    title: StrictStr | None = Field(None, max_length=2000)
    url: StrictStr | None = Field(None, max_length=4000)
    source: StrictStr | None = Field(
        None, max_length=500, description="Outlet or site; template lines are learned per source"
    )
    published_at: datetime | None = Field(None, description="ISO 8601; picks the canonical of a cluster")

    @model_validator(mode="after")
    def _one_body(self) -> ArticleContent:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        body = self.text if self.text is not None else self.html
        if not body.strip():
            raise ValueError("the article body is empty")
        return self


class ArticleQuery(ArticleContent):
    limit: int | None = Field(None, gt=0, le=100, description="Most matches to return")


class BatchArticle(ArticleContent):
    id: ArticleId


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[BatchArticle] = Field(..., min_length=1)


class CompareRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    a: ArticleContent
    b: ArticleContent


Relation = Literal["exact", "near_duplicate", "syndicated", "paraphrase", "same_story"]


class SharedPassage(BaseModel):
    """A sentence of the query aligned with a sentence of the match (same content, maybe reworded)."""

    query_sentence: int = Field(..., description="Index of the sentence in the query's cleaned text")
    match_sentence: int = Field(..., description="Index of the aligned sentence in the match")
    query_start: int = Field(
        ..., description="Character offsets of that sentence in the query's cleaned text"
    )
    query_end: int
    match_start: int = Field(..., description="Offsets in the match's cleaned text (as it was indexed)")
    match_end: int


class Similarity(BaseModel):
    cosine: float
    title: float | None = Field(None, description="Cosine of the headlines, when both have one")
    salient_overlap: float
    alignment: float = Field(
        ...,
        description="Share of the shorter text in same-order sentences sharing anchors; 0 when the anchors "
        "and figures already rule a paraphrase out (it is not worked out then)",
    )
    paraphrase: float
    same_story: float


class MatchOut(BaseModel):
    id: str
    relation: Relation
    score: float = Field(..., description="0-1; each relation scores in its own band, so best first")
    jaccard: float = Field(..., description="Estimated Jaccard of word 5-gram shingles")
    containment_query_in_match: float = Field(..., description="Share of the query's shingles in the match")
    containment_match_in_query: float = Field(..., description="Share of the match's shingles in the query")
    similarity: Similarity | None = None
    shared_passages: list[SharedPassage] = []
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: str | None = None


class RemovedSpanOut(BaseModel):
    start: int
    end: int
    reason: str
    score: float


class IndexOut(BaseModel):
    id: str
    changed: bool = Field(..., description="False when the same article was already indexed")
    cluster_id: str
    canonical_id: str
    cluster_size: int
    matches: list[MatchOut]
    removed: list[RemovedSpanOut]


class BatchItemOut(BaseModel):
    id: str
    ok: bool
    result: IndexOut | None = None
    error: dict | None = Field(None, description="problem+json of this item's failure")


class BatchOut(BaseModel):
    results: list[BatchItemOut]


class MatchesOut(BaseModel):
    matches: list[MatchOut]
    removed: list[RemovedSpanOut] = []


class ArticleOut(BaseModel):
    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: str | None = None
    cluster_id: str
    canonical_id: str
    cluster_size: int
    shingles: int


class HeadlineOut(BaseModel):
    text: str
    start: int | None = Field(
        None,
        description="Offsets of the headline's line in source_text; null when no line of it was taken for "
        "the headline (the title extracted from an HTML page, or a given title no line matches: a line "
        "matches when it equals the title, extends it ('Title - Site'), or is the longer part of a "
        "title with the site's name ('Title | Site')",
    )
    end: int | None = None


class CleanOut(BaseModel):
    text: str = Field(..., description="The cleaned text")
    source_text: str = Field(
        ..., description="The text the span offsets point into (extracted text for HTML)"
    )
    removed: list[RemovedSpanOut]
    headline: HeadlineOut | None = Field(
        None,
        description="The line of the text kept as the headline (the given title, or the one found above "
        "the body), else the given or extracted title; the article body alone is `text` without it",
    )


class CompareOut(BaseModel):
    relation: Relation | None
    score: float | None
    jaccard: float
    containment_a_in_b: float
    containment_b_in_a: float
    similarity: Similarity
    shared_passages: list[SharedPassage]
