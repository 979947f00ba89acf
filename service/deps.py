"""Dependencies: the per-app resources the lifespan created, as `Annotated` aliases for routes."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from indexer.engine import ArticleInput, Index
from indexer.extract import HtmlExtractor
from service.schemas import ArticleContent
from service.settings import Settings, get_settings


@dataclass
class Resources:
    """What the lifespan owns; the store is opened lazily so the service survives Redis being down."""

    index: Index
    extractor: HtmlExtractor
    _opened: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)  # one per app

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


def get_resources(request: Request) -> Resources:
    return request.app.state.resources


def get_index(resources: Annotated[Resources, Depends(get_resources)]) -> Index:
    return resources.ready_index()


ResourcesDep = Annotated[Resources, Depends(get_resources)]
IndexDep = Annotated[Index, Depends(get_index)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
