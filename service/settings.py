"""Typed settings, read from SYNDETECT_* environment variables through one cached `get_settings()`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SYNDETECT_", frozen=True)

    redis_url: str | None = Field(None, description="Redis server to use; unset starts an embedded one")
    data_dir: Path = Field(
        Path(".syndetect"), description="Where the embedded Redis keeps its AOF and RDB files"
    )
    namespace: str = Field(
        "default", description="Key namespace inside Redis (several indexes can share a server)"
    )
    max_body_bytes: int = Field(
        2 * 1024 * 1024, gt=0, description="Largest request body accepted (413 above)"
    )
    max_batch: int = Field(1000, gt=0, le=10000, description="Most articles in one batch request")
    match_limit: int = Field(10, gt=0, le=100, description="Matches returned when the request gives no limit")
    html_workers: int = Field(2, gt=0, le=32, description="Processes extracting text from HTML")
    html_timeout_s: float = Field(10.0, gt=0, description="Longest HTML extraction before a 422")
    html_precision_pass: bool = Field(
        True,
        description="Also extract each page in trafilatura's precision mode and keep that text when it holds "
        ">= 95% of the words: fewer clutter boxes leak, at twice the extraction time",
    )
    semantic_compare: bool = Field(
        False,
        description="Score same-story in /v1/compare with a sentence embedding (needs syndetect[semantic])",
    )
    inline_when_idle: bool = Field(
        True,
        description="Run a lone short text request on the event loop instead of a worker thread "
        "(~0.3 ms less latency); false always uses the thread pool",
    )
    redis_timeout_s: float = Field(5.0, gt=0, description="Socket timeout towards Redis")


@lru_cache
def get_settings() -> Settings:
    return Settings()
