"""Hard-wrapped paragraphs: wire copy and e-mail at about 70 columns, a page's `<pre>` block.

The cleaner reads one paragraph a line. A paragraph broken into lines of a fixed width reads
as a run of short lines without sentence endings, which is how a menu reads, so the context rule
would remove it as navigation. `wrapped_paragraphs` finds such runs and tells the cleaner which
lines to read as one.

Evidence for a wrap, all required: the run's lines are at most `wrap_max_width` characters and
the widest at least `wrap_min_width`; a line is full (near the run's width) when the next one
continues it, and at least `wrap_min_full_lines_share` of the run's lines are full; at least
`wrap_min_lowercase_share` of the continuations that open with a word open with a lowercase one
(or a capital after "on", "the" or a comma), as a sentence cut mid-way does and a list of
headlines or menu items does not; and the page holds at least `wrap_min_lowercase_lines`
lowercase continuations, so that a lone "by Staff" under a share bar does not make a page
wrapped.
A continuation never starts a list item, an indented line (a wire paragraph's first line) or a
new sentence after an ended one (splitting there leaves whole sentences on each side). It opens
with a capital only inside a paragraph already under way (or opened by an indent), or after a
comma or a word such as "of": a headline is not carried on into the paragraph under it, at the
cost of splitting a paragraph whose first line ends on a name ("... the National Police
Chiefs'" / "Council said ..."), into two parts that each stay with the article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.clean.lines import LIST_ITEM
from indexer.clean.settings import CleanSettings

_ENDED = re.compile(r"[.!?:][\"'”’)\]]*$")
# words that never end a sentence: a line ending on one runs on, even onto a capital
_RUNS_ON = frozenset(
    ["a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into"]
    + ["and", "or", "but", "nor", "as", "than", "that"]
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")  # letters, or "today's"
_HYPHENATED = re.compile(r"[^\W\d_]+(?:[-‑][\w'’]+)+")  # "over-reliance", "mid-2005"
_FIGURE_OPENINGS = frozenset("0123456789([\"'“‘£$€")
_TRAILING = ",.;:!?)]'\"’”…"


def wrapped_paragraphs(lines: Sequence[str], settings: CleanSettings) -> list[range]:
    """Consecutive ranges of line indices covering `lines`, each to be read as one line: a
    hard-wrapped paragraph, or (nearly always) a single line."""
    runs: list[tuple[int, list[int]]] = []
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and lines[end].strip():
            end += 1
        if end - start >= 2 and (run := _wrapped_run(lines, start, end, settings)):
            runs.append(run)
        start = end + 1
    joined = [False] * len(lines)  # joined[i]: line i continues line i - 1
    if sum(lowercase for lowercase, _ in runs) >= settings.wrap_min_lowercase_lines:
        for _, continuations in runs:
            for i in continuations:
                joined[i] = True
    paragraphs: list[range] = []
    first = 0
    for i in range(1, len(lines) + 1):
        if i == len(lines) or not joined[i]:
            paragraphs.append(range(first, i))
            first = i
    return paragraphs


def joined_line(lines: Sequence[str], paragraph: range) -> str:
    """The paragraph's lines as one line (a single line as it is)."""
    if len(paragraph) == 1:
        return lines[paragraph.start]
    return " ".join(lines[i].strip() for i in paragraph)


def _wrapped_run(
    lines: Sequence[str], start: int, end: int, settings: CleanSettings
) -> tuple[int, list[int]] | None:
    """For a non-blank run lines[start:end] that may be wrapped, how many of its full lines run
    on in lowercase (the page's evidence) and the indices of the lines that continue the one
    above; None when few of its lines reach its width, as a list's items do, or when its lines
    open with capitals more than with lowercase words, as a list of headlines does."""
    widths = [len(lines[i].rstrip()) for i in range(start, end)]
    width = max(widths)
    if not settings.wrap_min_width <= width <= settings.wrap_max_width:
        return None
    full = [w >= settings.wrap_full_share * width for w in widths]
    if sum(full[:-1]) < settings.wrap_min_full_lines_share * (len(full) - 1):
        return None  # a list's few long items among short ones, not lines filled to a margin
    # (i, how line i opens, whether line i - 1 runs on) for each line that may continue the one above
    candidates = [
        (i, opening, _runs_on(lines[i - 1]))
        for i in range(start + 1, end)
        if _may_continue(lines[i - 1], lines[i], opening := _opening(lines[i]))
    ]
    after_full = [(opening, runs_on) for i, opening, runs_on in candidates if full[i - 1 - start]]
    lowercase = sum(1 for opening, _ in after_full if opening == "lower")
    # a capital after "on" or a comma ("... on" / "Monday.") reads as wrapped as a lowercase word
    carried = lowercase + sum(1 for opening, runs_on in after_full if opening == "upper" and runs_on)
    letters = sum(1 for opening, _ in after_full if opening)  # a row of figures wraps onto a digit
    if carried < settings.wrap_min_lowercase_share * letters:
        return None  # a run of short paragraphs ("... on" / "12 December.") joins on the page's evidence
    continuations: list[int] = []
    for i, opening, runs_on in candidates:
        previous_full = full[i - 1 - start]
        if opening == "lower":
            # a run's short first line carried on in lowercase mid-sentence into a full line is
            # wrapped too (a wire story's first line after its dateline was cut off)
            joined = previous_full or (
                i == start + 1 and full[1] and not _ENDED.search(lines[start].rstrip())
            )
        elif opening == "upper":
            # a capital carries on a paragraph already under way or opened by an indent, or a
            # comma or "of the": a headline is not carried on into the paragraph under it
            under_way = continuations[-1:] == [i - 1] or lines[i - 1][:1].isspace()
            joined = previous_full and (under_way or runs_on)
        else:  # a figure or a bracket ("... total" / "111.8 (82.7)"), not a menu's sign
            joined = previous_full and lines[i].lstrip()[:1] in _FIGURE_OPENINGS
        if joined:
            continuations.append(i)
    return lowercase, continuations


def _opening(line: str) -> str:
    """ "lower" when the line opens with a lowercase word ("over-reliance" too, followed by
    more words; not a link, a lone CSS name or "iPhone"), "upper" with another word, "" with a
    figure or a sign."""
    words = line.split(maxsplit=1)
    word = words[0].rstrip(_TRAILING) if words else ""
    if not (_WORD.fullmatch(word) or (len(words) > 1 and _HYPHENATED.fullmatch(word))):
        return ""
    head = _WORD.match(word).group()
    return "lower" if head.islower() else "upper"


def _may_continue(previous: str, line: str, opening: str) -> bool:
    """Not a new list item, indented paragraph or sentence after an ended one (`opening` is
    `_opening(line)`)."""
    head = line.lstrip()
    if len(line) - len(head) > len(previous) - len(previous.lstrip()) or LIST_ITEM.match(head):
        return False
    return not _ENDED.search(previous.rstrip()) or opening == "lower"


def _runs_on(line: str) -> bool:
    """The line stops on a comma or a word that never ends a sentence ("of", "the")."""
    tail = line.rstrip()
    return tail.endswith(",") or tail.rsplit(maxsplit=1)[-1].lower() in _RUNS_ON
