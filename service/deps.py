"""Dependencies: the per-app resources the lifespan created, as `Annotated` aliases for routes."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool

from indexer.engine import ArticleInput, Index
from indexer.extract import HtmlExtractor
from service.offload import BlockingRunner
from service.schemas import ArticleContent
from service.settings import Settings


@dataclass
class Resources:
    """What the lifespan owns; the store is opened lazily so the service survives Redis being down."""

    index: Index
    extractor: HtmlExtractor
    _opened: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)  # one per app

    @property
    def opened(self) -> bool:
        return self._opened

    def ready_index(self) -> Index:
        """The index, once its store manifest is checked (raises StoreUnavailable / ConfigMismatch)."""
        if not self._opened:
            with self._lock:
                if not self._opened:
                    self.index.store.open()
                    self._opened = True
        return self.index

    def to_article(self, content: ArticleContent, article_id: str | None = None) -> ArticleInput:
        title, text = content.title, content.text
        if text is None:
            page = self.extractor.extract(content.html)
            if not page.text.strip():
                raise ValueError("no article text could be extracted from the HTML")
            title, text = title or page.title, page.text
        return ArticleInput(
            text=text,
            id=article_id,
            title=title,
            url=content.url,
            source=content.source,
            published_at=content.published_at,
            extracted_from_html=content.text is None,
        )


# The dependencies are coroutines: FastAPI runs a plain function dependency in a worker thread,
# a hop (~0.1 ms) per dependency per request.
async def get_resources(request: Request) -> Resources:
    return request.app.state.resources


async def get_app_settings(request: Request) -> Settings:
    """The settings the app was created with (`create_app` reads them through `get_settings`)."""
    return request.app.state.settings


async def get_index(resources: Annotated[Resources, Depends(get_resources)]) -> Index:
    """The index once its store is open; opening waits on Redis, so it runs in a worker thread."""
    if resources.opened:
        return resources.index
    return await run_in_threadpool(resources.ready_index)


async def get_runner(request: Request) -> BlockingRunner:
    return request.app.state.runner


ResourcesDep = Annotated[Resources, Depends(get_resources)]
IndexDep = Annotated[Index, Depends(get_index)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
RunnerDep = Annotated[BlockingRunner, Depends(get_runner)]
