"""Block structure: a header line ("Related Articles", "5 comments so far") opens a block of
other headlines or of reader comments that the line-by-line view cannot recognise on its own.

A related block runs until the article body resumes (a long, punctuated, prose-like line); a
comments block runs to the end of the page, because comment text reads exactly like body text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.clean.lines import LineFeatures, is_body_like
from indexer.clean.settings import CleanSettings

_HEADER_STRIP = " .:;,!…»›>|-*#•·▪►"

_RELATED_HEADER = re.compile(
    r"^(related|more|see also|read more|further reading|also read|read also|recommended|"
    r"you (may|might) also (like|enjoy|be interested in)|related (articles?|stories|news|posts|"
    r"content|links|coverage|topics|reading|items|videos?|headlines)|"
    r"more (on|from|about|in|like) [\w' ]{1,40}|more (stories|news|articles|headlines|videos?)|"
    r"top (stories|news|headlines)|most (read|popular|viewed|shared|emailed|commented)( \w+)?|"
    r"trending( now| stories| articles)?|popular (now|stories|articles)|latest (news|stories|headlines)|"
    r"editor'?s? picks?|recommended (for you|stories|reading|articles)|around the web|"
    r"from (around )?the web|(sponsored|promoted|partner) (stories|content|links)|what to read next|"
    r"in other news|just in|don'?t miss|read next|up next|you may have missed|"
    r"in case you missed it|other (stories|news|articles)|(more )?related coverage)$"
)
_COMMENTS_HEADER = re.compile(
    r"^((\d+ )?(reader )?(comments?|responses?|reactions?)( \(?\d+\)?)?( so far)?|"
    r"(add|post|leave|write) (a|your) (comment|reply)s?|(join|start) the (conversation|discussion)|"
    r"have your say|what do you think\??|(show|view|read|load|see) (all )?(\d+ )?comments|"
    r"comments are closed|discussion|\d+ (comments?|responses?|replies) (so far|to .{1,80}))$"
)
# Lines that only occur inside comment threads; they confirm that a comments header is real.
_COMMENT_MARKER = re.compile(
    r"(^posted by\b|\b(says|said|wrote) ?:$|^reply$|\breport abuse\b|^(recommend|flag|like|reply)( \|)|"
    r"\bpermalink\b|^\d+ (points?|likes?|replies)$)"
)


def header_kind(f: LineFeatures, settings: CleanSettings) -> str | None:
    """'related' or 'comments' when the line is a block header, else None."""
    if f.blank or f.words > settings.block_header_max_words:
        return None
    low = f.low.strip(_HEADER_STRIP)
    if _COMMENTS_HEADER.match(low):
        return "comments"
    if _RELATED_HEADER.match(low):
        return "related"
    return None


def block_reasons(features: Sequence[LineFeatures], settings: CleanSettings) -> dict[int, tuple[str, float]]:
    """Line index -> (reason, score) for every line inside a related or comments block."""
    reasons: dict[int, tuple[str, float]] = {}
    body_words = 0
    i = 0
    n = len(features)
    while i < n:
        f = features[i]
        kind = header_kind(f, settings)
        if kind == "comments" and _comments_block_is_real(features, i, body_words, settings):
            for j in range(i, n):
                reasons[j] = ("comments", 0.8)
            break
        if kind == "related":
            end = _related_block_end(features, i, settings)
            for j in range(i, end):
                reasons[j] = ("related", 0.75)
            i = end
            continue
        if is_body_like(f, settings):
            body_words += f.words
        i += 1
    return reasons


def _related_block_end(features: Sequence[LineFeatures], start: int, settings: CleanSettings) -> int:
    """First index after the block: where prose resumes, another header opens, or the cap is hit."""
    seen = 0
    j = start + 1
    while j < len(features) and seen < settings.related_block_max_lines:
        f = features[j]
        if not f.blank:
            if header_kind(f, settings) is not None or _resumes_body(f, settings):
                return j
            seen += 1
        j += 1
    return j


def _resumes_body(f: LineFeatures, settings: CleanSettings) -> bool:
    return f.words >= settings.block_resume_min_words and is_body_like(f, settings)


def _comments_block_is_real(
    features: Sequence[LineFeatures], start: int, body_words_before: int, settings: CleanSettings
) -> bool:
    """Guard the article: a comments header needs body before it, and either comment markers
    after it or no more prose after it than before it (a mid-article "Comments" link fails)."""
    if body_words_before < settings.comments_min_body_words_before:
        return False
    after = features[start + 1 :]
    if any(_COMMENT_MARKER.search(f.low) for f in after if not f.blank and f.words <= 12):
        return True
    body_after = sum(f.words for f in after if is_body_like(f, settings))
    return body_after <= body_words_before
