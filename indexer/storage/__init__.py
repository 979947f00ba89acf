"""Storage backends behind one interface (`base.ArticleStore`); Redis is the production backend."""

from indexer.storage.base import (
    ArticleRecord,
    ArticleStore,
    Candidate,
    ClusterInfo,
    ConfigMismatch,
    StoredArticle,
    StoreUnavailable,
    WriteConflict,
)

__all__ = [
    "ArticleRecord",
    "ArticleStore",
    "Candidate",
    "ClusterInfo",
    "ConfigMismatch",
    "StoreUnavailable",
    "StoredArticle",
    "WriteConflict",
]
