"""HTML -> plain-text lines (one paragraph a line) with trafilatura, bounded in size and time.

trafilatura has no timeout and is not thread-safe, so `HtmlExtractor` runs it in a capped
process pool and gives up on a call after `timeout_seconds`, replacing the pool (a worker stuck
in lxml cannot be interrupted any other way). `extract_page` is the in-process function the pool
runs; it never raises on bad input, it returns an empty page.
"""

from __future__ import annotations

import concurrent.futures
import logging
import re
from dataclasses import dataclass
from typing import Self

import trafilatura
from lxml.html import HtmlElement
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from trafilatura.utils import load_html

from indexer.clean import EXTRACTED_SETTINGS
from indexer.clean.lines import is_body_like, line_features
from indexer.text import TITLE_SEPARATORS

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExtractSettings:
    # Larger inputs are cut here before parsing: the article is near the top and the parse
    # cost grows with the page (5 MB pages exist: inlined scripts, base64 images).
    max_input_chars: int = 3_000_000
    # A page whose head has more than this share of control or replacement characters is binary.
    max_binary_ratio: float = 0.05
    # How much of the head the binary check reads.
    binary_probe_chars: int = 4096
    # Worker processes (each holds a trafilatura/lxml instance) and seconds allowed per page.
    max_workers: int = 2
    timeout_seconds: float = 10.0
    # Each page is also extracted in trafilatura's precision mode, and that text is used when it
    # keeps at least this share of the balanced text's words: the precision mode drops clutter
    # boxes the balanced mode keeps (teasers, page header and footer blocks, link-dense lists),
    # and when it drops more than that it is cutting the article. None: balanced mode only, at
    # half the extraction time.
    precision_min_share: float | None = 0.95
    # Below that share, the balanced text is used without its fringe: the lines before the first
    # and after the last line that the precision pass also kept or that reads as prose (a list of
    # other articles, an address block, a sign-up pitch the balanced pass took in at either end).
    # When the precision pass kept less than this share, it missed part of the article and its
    # lines witness nothing: the balanced text is used whole.
    fringe_witness_min_share: float = 0.5


DEFAULT_EXTRACT_SETTINGS = ExtractSettings()


@dataclass(frozen=True)
class ExtractedPage:
    """The page's headline (None if not found) and its text, one paragraph a line, without the
    headline: pass both to `clean_text(text, title=title, settings=EXTRACTED_SETTINGS)` (the
    extractor dropped the menus already; the default settings would also drop the article's
    short list items and table rows as navigation)."""

    title: str | None
    text: str


class ExtractionTimeout(TimeoutError):
    """trafilatura did not finish within `ExtractSettings.timeout_seconds`; the pool was replaced."""


# trafilatura's own balance between precision and recall (no `favor_recall`): the line cleaner
# after it keeps what extraction keeps unless it has positive evidence, so extra recall here
# came back as leaked boilerplate (WCXB tuning half: 6.3% of must-not-appear snippets with
# favor_recall, 5.8% without; Zyte F1 0.960 -> 0.964). Comments are never article text.
TRAFILATURA_OPTIONS = {
    "with_metadata": True,
    "include_comments": False,
    "include_tables": True,
    "deduplicate": False,
}

# Names what `extract_page` produces (options + post-processing); bump it when its output changes,
# so caches of extracted pages (bench/out/) are not reused across versions.
EXTRACTOR_VERSION = "6"

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\ufffd]")
_EMPTY = ExtractedPage(title=None, text="")


def _decode(html: str | bytes, settings: ExtractSettings) -> str | None:
    """Text of the page cut to size, or None when it is binary junk."""
    if isinstance(html, bytes):
        html = html[: settings.max_input_chars * 4].decode("utf-8", errors="replace")
    html = html[: settings.max_input_chars]
    probe = html[: settings.binary_probe_chars]
    if not probe.strip() or len(_CONTROL.findall(probe)) > settings.max_binary_ratio * len(probe):
        return None
    return html.replace("\x00", "")


def _headline(title: str, site: str | None, text: str) -> str | None:
    """The page title without the site's name: "Headline | Site" -> "Headline". A title that is
    only the site's name is no headline. Without the site's name, the part of a separated title
    that opens the text is the headline; failing that, the parts that share a word with the text
    (a blog's name or a site's initials do not occur in its articles)."""
    site_key = (site or "").strip().casefold()
    if site_key and title.casefold() == site_key:
        return None
    parts = [title]
    for separator in TITLE_SEPARATORS:
        parts = [piece for part in parts for piece in part.split(separator)]
    parts = [part.strip() for part in parts if part.strip()]
    if len(parts) < 2:
        return title if _shares_a_word(title, text) else None
    if site_key:
        kept = [part for part in parts if part.casefold() != site_key]
        if len(kept) < len(parts) and kept:
            return title if len(kept) > 1 else kept[0]
    first_line = text.lstrip().split("\n", 1)[0].strip().casefold()
    opening = next((part for part in parts if part.casefold() == first_line), None)
    if opening is not None:
        return opening
    kept = [part for part in parts if _shares_a_word(part, text)]
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else title


_TITLE_WORD = re.compile(r"[^\W\d_]{3,}")
# Below this many words the text is too short to tell a site's name from a headline.
_TITLE_CHECK_MIN_TEXT_WORDS = 50


def _shares_a_word(title: str, text: str) -> bool:
    """Whether a content word of the title (3+ letters, not an English stop word) occurs in the
    text, also inside a longer word ("reopen" in "reopened"); True for texts too short to judge
    by and for titles without content words."""
    if len(text.split(None, _TITLE_CHECK_MIN_TEXT_WORDS)) <= _TITLE_CHECK_MIN_TEXT_WORDS:
        return True
    words = {w for w in map(str.casefold, _TITLE_WORD.findall(title)) if w not in ENGLISH_STOP_WORDS}
    if not words:
        return True
    text_low = text.casefold()
    return any(w in text_low for w in words)


def _tidy_lines(text: str, title: str | None) -> str:
    """Strip each line, drop empty ones and a leading copy of the headline."""
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if title and lines and lines[0].casefold() == title.strip().casefold():
        lines = lines[1:]
    return "\n".join(lines)


# Boxes that sites put beside or inside the article and name after what they are: calls to act,
# newsletter and subscription forms, promotions, disclosures. trafilatura drops some such names
# itself, but not these, and not at all when it falls back to its other extractors. Matched on
# whole parts of a class or id ("post-cta", "ml-subscribe-form", "headerNewsletter"), so
# "ctaylor" or "promotional-feature" do not match.
_CLUTTER_NAME = re.compile(
    r"(?:^|[-_ ])(cta|ctas|calltoaction|call-to-action|newsletter|newsletters|subscribe|subscription|"
    r"signup|sign-up|optin|opt-in|promo|promos|promotion|disclaimer|disclosure)(?=$|[-_ ])"
)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_PRUNE_TAGS = ("div", "section", "aside", "form", "ul", "ol", "p", "span", "figure", "table")
# Such boxes are short: a named box with more words than this, or holding the headline, is the
# article's own wrapper ("rich-text-newsletter" around a newsletter issue) or a layout region
# ("above-cta"), and stays.
_PRUNE_MAX_WORDS = 120
# Bounded work on hostile markup: a box is judged on at most this many of its nodes (more: it
# stays), and at most this many named boxes are judged per page.
_PRUNE_MAX_NODES = 500
_PRUNE_MAX_BOXES = 300
_INVISIBLE = frozenset(["script", "style", "noscript", "template"])


def _named_clutter(element: HtmlElement) -> bool:
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return _CLUTTER_NAME.search(_CAMEL.sub("-", names).lower()) is not None


def _short_box(element: HtmlElement) -> bool:
    """At most `_PRUNE_MAX_WORDS` visible words and no headline."""
    words = 0
    for visited, node in enumerate(element.iter()):
        if visited >= _PRUNE_MAX_NODES or node.tag == "h1":
            return False
        if isinstance(node.tag, str) and node.tag not in _INVISIBLE and node.text:
            words += len(node.text.split())
        if node is not element and node.tail:
            words += len(node.tail.split())
        if words > _PRUNE_MAX_WORDS:
            return False
    return True


def _prune_named_clutter(tree: HtmlElement) -> None:
    """Drop short boxes named as calls to act, sign-up forms, promotions or disclosures."""
    judged = 0
    for element in list(tree.iter(*_PRUNE_TAGS)):
        if judged >= _PRUNE_MAX_BOXES:
            return
        if _named_clutter(element):
            judged += 1
            if _short_box(element):
                element.drop_tree()


def extract_page(html: str | bytes, settings: ExtractSettings = DEFAULT_EXTRACT_SETTINGS) -> ExtractedPage:
    """Headline and main text of an HTML page (`TRAFILATURA_OPTIONS`: comments out, tables
    kept), after dropping boxes named as clutter (`_prune_named_clutter`); the precision-mode
    text when it keeps most of the words, else the balanced text less its fringe
    (`_combine_passes`). Never raises on malformed input."""
    decoded = _decode(html, settings)
    if decoded is None:
        return _EMPTY
    document = _extract(decoded, TRAFILATURA_OPTIONS)
    if document is None:
        return _EMPTY
    text = document.text or ""
    if settings.precision_min_share is not None and text:
        # the headline and site name come from the first pass
        precise = _extract(decoded, {**TRAFILATURA_OPTIONS, "with_metadata": False, "favor_precision": True})
        precise_text = (precise.text or "") if precise is not None else ""
        text = _combine_passes(
            text, precise_text, settings.precision_min_share, settings.fringe_witness_min_share
        )
    title = (document.title or "").strip()
    title = _headline(title, document.sitename, text) if title else None
    return ExtractedPage(title=title, text=_tidy_lines(text, title))


def _combine_passes(balanced: str, precise: str, precise_min_share: float, witness_min_share: float) -> str:
    """The precision pass's text when it keeps nearly all the balanced pass's words; otherwise the
    balanced text without the fringe of lines (see `ExtractSettings.fringe_witness_min_share`)
    that neither the precision pass kept nor read as prose. Lines between stay: an article's
    own headings, list items and table rows, which the precision pass also drops."""
    balanced_words, precise_words = len(balanced.split()), len(precise.split())
    if precise_words >= precise_min_share * balanced_words:
        return precise
    if precise_words < witness_min_share * balanced_words:
        return balanced
    precise_lines = {line.strip() for line in precise.split("\n")}
    lines = [line.strip() for line in balanced.split("\n")]
    witnessed = [
        i
        for i, line in enumerate(lines)
        if line
        and (
            line in precise_lines or is_body_like(line_features(line, EXTRACTED_SETTINGS), EXTRACTED_SETTINGS)
        )
    ]
    if not witnessed:
        return balanced
    return "\n".join(lines[witnessed[0] : witnessed[-1] + 1])


def _extract(decoded: str, options: dict) -> trafilatura.settings.Document | None:
    """One trafilatura pass over a fresh parse (trafilatura changes the tree it is given)."""
    try:
        tree = load_html(decoded)
        if tree is None:
            return None
        _prune_named_clutter(tree)
        return trafilatura.bare_extraction(tree, **options)
    except Exception as error:  # noqa: BLE001 - hostile markup breaks lxml in many ways; never crash
        logger.warning("trafilatura failed on a page: %r", error)
        return None


class HtmlExtractor:
    """A capped process pool running `extract_page` with a per-call timeout.

    Use as a context manager (or call `close`); the service's lifespan should own one instance.
    """

    def __init__(self, settings: ExtractSettings = DEFAULT_EXTRACT_SETTINGS) -> None:
        if settings.max_workers < 1:
            raise ValueError(f"max_workers must be >= 1, got {settings.max_workers}")
        if settings.timeout_seconds <= 0:
            raise ValueError(f"timeout_seconds must be > 0, got {settings.timeout_seconds}")
        self.settings = settings
        self._pool = self._new_pool()

    def _new_pool(self) -> concurrent.futures.ProcessPoolExecutor:
        return concurrent.futures.ProcessPoolExecutor(max_workers=self.settings.max_workers)

    def extract(self, html: str | bytes, *, timeout: float | None = None) -> ExtractedPage:
        """Extract one page; raises `ExtractionTimeout` after `timeout` seconds (default:
        `settings.timeout_seconds`)."""
        limit = self.settings.timeout_seconds if timeout is None else timeout
        future = self._pool.submit(extract_page, html, self.settings)
        try:
            return future.result(timeout=limit)
        except concurrent.futures.TimeoutError:
            self._replace_pool()
            raise ExtractionTimeout(f"HTML extraction exceeded {limit:.2f}s; page skipped") from None
        except concurrent.futures.process.BrokenProcessPool:
            # A worker died (e.g. out of memory on a hostile page): start fresh, report no text.
            logger.warning("extraction worker died; replacing the pool")
            self._replace_pool()
            return _EMPTY

    def _replace_pool(self) -> None:
        """Kill the workers (a running trafilatura call cannot be cancelled) and start a new pool."""
        old = self._pool
        self._pool = self._new_pool()
        # ProcessPoolExecutor has no public way to stop a running task; terminating its worker
        # processes is the documented-by-practice escape hatch.
        for process in list(getattr(old, "_processes", {}).values()):
            process.terminate()
        old.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
