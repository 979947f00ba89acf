"""Clutter and off-topic detection for scraped plain-text pages (one paragraph a line).

`clean_text` keeps the article and reports every removed character range with its reason;
`line_keys` gives the storage layer the per-source template-line keys to count.
"""

from indexer.clean.cleaner import clean_text
from indexer.clean.result import CleanResult, RemovedSpan
from indexer.clean.settings import DEFAULT_SETTINGS, EXTRACTED_SETTINGS, CleanSettings
from indexer.clean.template import TemplateStats, line_keys

__all__ = [
    "DEFAULT_SETTINGS",
    "EXTRACTED_SETTINGS",
    "CleanResult",
    "CleanSettings",
    "RemovedSpan",
    "TemplateStats",
    "clean_text",
    "line_keys",
]
